package dev.drrunbooks.starter.e2e;

import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.bootstrap.catalog.CatalogLoader;
import dev.drrunbooks.bootstrap.codec.PayloadEncryption;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.testing.SandboxEnv;
import dev.drrunbooks.worker.DrWorker;
import dev.drrunbooks.worker.DrWorkerFactory;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A real worker, registered exactly as WorkerMain registers it, polling a task queue of its own on
 * the sandbox's Temporal server, so a stray worker elsewhere cannot take the test's tasks.
 */
final class SandboxWorker implements AutoCloseable {
  final SandboxEnv env = SandboxEnv.get();
  final String taskQueue = "dr-e2e-" + Long.toString(System.nanoTime(), 36);
  final AwsClients aws =
      new AwsClients(
          URI.create(env.require("AWS_ENDPOINT_URL")),
          StaticCredentialsProvider.create(
              AwsBasicCredentials.create(
                  env.require("AWS_ACCESS_KEY_ID"), env.require("AWS_SECRET_ACCESS_KEY"))));
  private final WorkflowServiceStubs stubs =
      WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder()
              .setTarget(env.require("TEMPORAL_ADDRESS"))
              .build());
  private final WorkerFactory factory;
  private final Path catalog;

  SandboxWorker() {
    this(Map.of());
  }

  /**
   * @param extraEnv on top of the sandbox's env file, e.g. DR_HTTP_ENDPOINT_MAP for local health
   *     endpoints
   */
  SandboxWorker(Map<String, String> extraEnv) {
    this(CatalogFixture.path(), extraEnv, PayloadEncryption.process());
  }

  /**
   * @param catalog the catalog the worker and the starter's {@link #connectionArgs()} read (loaded
   *     and validated as WorkerMain loads it)
   */
  SandboxWorker(Path catalog, Map<String, String> extraEnv) {
    this(catalog, extraEnv, PayloadEncryption.process());
  }

  /**
   * @param encryption the worker client's payload encryption (the test JVM's own environment
   *     switches it off; the sandbox's env file names its key)
   */
  SandboxWorker(Map<String, String> extraEnv, PayloadEncryption encryption) {
    this(CatalogFixture.path(), extraEnv, encryption);
  }

  private SandboxWorker(Path catalog, Map<String, String> extraEnv, PayloadEncryption encryption) {
    this.catalog = catalog;
    factory = DrWorkerFactory.create(stubs, env.get("TEMPORAL_NAMESPACE", "default"), encryption);
    Map<String, String> workerEnv = new HashMap<>(env.all());
    workerEnv.putAll(extraEnv);
    DrWorker.register(
        factory.newWorker(taskQueue),
        CatalogLoader.load(catalog),
        catalog.toString(),
        aws,
        workerEnv);
    factory.start();
  }

  /** A client of the sandbox's Temporal server, with the shared client options. */
  WorkflowClient client() {
    return factory.getWorkflowClient();
  }

  /** The starter's connection flags for this sandbox and this worker's task queue. */
  String[] connectionArgs() {
    return new String[] {
      "--address",
      env.require("TEMPORAL_ADDRESS"),
      "--task-queue",
      taskQueue,
      "--ui",
      env.get("TEMPORAL_UI_URL", ""),
      "--catalog",
      catalog.toString()
    };
  }

  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
    stubs.shutdown();
    aws.close();
  }
}
