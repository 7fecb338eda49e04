package dev.drrunbooks.worker;

import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.bootstrap.catalog.CatalogException;
import dev.drrunbooks.bootstrap.catalog.CatalogLoader;
import dev.drrunbooks.bootstrap.codec.PayloadEncryption;
import dev.drrunbooks.bootstrap.connect.SearchAttributeCheck;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.ledger.LedgerSettings;
import dev.drrunbooks.ops.LogFormat;
import dev.drrunbooks.ops.OpsAddress;
import dev.drrunbooks.ops.ProcessMetrics;
import dev.drrunbooks.ops.Tracing;
import dev.drrunbooks.worker.databases.WorkerDatabases;
import dev.drrunbooks.worker.ops.RunVisibilityGauges;
import dev.drrunbooks.worker.ops.WorkerOps;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-lived worker. Serves /healthz, /readyz and /metrics on DR_OPS_HOST:DR_OPS_PORT ({@link
 * WorkerOps}); logs as text or, with DR_LOG_FORMAT=json, as JSON lines; traces when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set ({@link Tracing}). On SIGTERM it stops polling, lets running
 * activities finish (up to 30 s), and exits; workflows it was running continue on any other worker.
 */
public final class WorkerMain {
  private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

  private WorkerMain() {}

  public static void main(String[] args) throws InterruptedException {
    WorkerConfig config;
    try {
      config = WorkerConfig.fromEnvironment();
    } catch (IllegalArgumentException e) {
      log.error("worker not started: {}", e.getMessage());
      System.exit(2);
      return;
    }
    Catalog catalog;
    try {
      catalog = CatalogLoader.load(config.catalogPath());
    } catch (CatalogException e) {
      log.error("{}", e.getMessage());
      System.exit(2);
      return;
    }
    Map<String, String> env = System.getenv();
    OpsAddress opsAddress;
    PayloadEncryption encryption;
    try {
      LogFormat.check(env);
      opsAddress = OpsAddress.from(env);
      encryption = PayloadEncryption.process();
    } catch (IllegalArgumentException e) {
      log.error("worker not started: {}", e.getMessage());
      System.exit(2);
      return;
    }
    try {
      // DR_SANDBOX_DATABASES=true without the sandbox module: refused before connecting anywhere
      WorkerDatabases.check(env);
      // A malformed DR_LEDGER_* setting, named (an unreachable ledger is only a warning later)
      LedgerSettings.fromEnvironment(env);
    } catch (IllegalArgumentException | IllegalStateException e) {
      log.error("worker not started: {}", e.getMessage());
      System.exit(2);
      return;
    }
    AwsClients aws = AwsClients.fromEnvironment();
    ProcessMetrics metrics = new ProcessMetrics();
    Tracing tracing = Tracing.fromEnvironment(env, "dr-worker");
    WorkflowServiceStubs service = config.temporal().connect(metrics.temporalScope());
    List<String> missing = SearchAttributeCheck.missing(service, config.namespace());
    if (!missing.isEmpty()) {
      log.error(
          "namespace {} lacks the search attributes {}: every run would fail its last workflow task"
              + " and retry forever. Register them first: {}",
          config.namespace(),
          missing,
          SearchAttributeCheck.createCommand(config.namespace(), missing));
      service.shutdown();
      aws.close();
      System.exit(2);
      return;
    }
    WorkerFactory factory =
        DrWorkerFactory.create(service, config.namespace(), tracing, encryption, config.tuning());
    DrWorker.register(
        factory.newWorker(config.taskQueue(), config.tuning().workerOptions()),
        catalog,
        config.catalogPath().toString(),
        aws,
        // Run links name the namespace connected to, which may come from a profile.
        config.temporal().withNamespace(env));
    WorkerOps ops;
    try {
      ops =
          new WorkerOps(
              opsAddress,
              metrics,
              service,
              config.temporalAddress(),
              factory,
              config.taskQueue(),
              catalog.services().keySet(),
              RunVisibilityGauges.REFRESH_EVERY);
    } catch (IllegalStateException e) {
      log.error("worker not started: {}", e.getMessage());
      service.shutdown();
      aws.close();
      System.exit(2);
      return;
    }
    factory.start();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info(
                      "Shutting down: no new tasks; waiting up to 30 s for running activities");
                  factory.shutdown(); // /readyz answers 503 from here on
                  factory.awaitTermination(30, TimeUnit.SECONDS);
                  service.shutdown();
                  aws.close();
                  tracing.close();
                  ops.close();
                  metrics.close();
                  log.info("Worker stopped");
                  stopped.countDown();
                },
                "worker-shutdown"));

    log.info(
        "Worker started: task queue {}, Temporal {} ({}) namespace {}, AWS {}, catalog {} ({}"
            + " services), {}, notifications to {}, {}, /healthz /readyz /metrics on {}:{}, {};"
            + " {}; {}",
        config.taskQueue(),
        config.temporalAddress(),
        config.temporal().describeSecurity(),
        config.namespace(),
        aws.describeEndpoint(),
        config.catalogPath(),
        catalog.services().size(),
        DrWorker.describeDatabases(System.getenv()),
        DrWorker.describeNotifications(System.getenv()),
        DrWorker.describeLedger(System.getenv()),
        opsAddress.host(),
        ops.port(),
        tracing.describe(),
        encryption.describe(),
        config.tuning().describe());
    stopped.await();
  }
}
