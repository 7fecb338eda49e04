package dev.drrunbooks.starter.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.bootstrap.catalog.CatalogLoader;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.DrCli;
import dev.drrunbooks.testing.SandboxEnv;
import dev.drrunbooks.worker.DrWorker;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * doctor against the running sandbox, and against the same sandbox with one thing wrong. The worker
 * checks use a task queue of the test's own, so workers of other test classes (or none) on the
 * sandbox's default queue change nothing.
 */
class DoctorSandboxTest {
  private final SandboxEnv env = SandboxEnv.get();
  private final String taskQueue = "dr-doctor-" + Long.toString(System.nanoTime(), 36);

  @Test
  void everythingTheSandboxRunsIsReachable() {
    try (Connection c = connection(env.require("TEMPORAL_ADDRESS"))) {
      Checks checks = new Checks(c, env.all());
      assertEquals(CheckResult.Status.OK, checks.catalog().status(), checks.catalog().detail());
      assertEquals(
          CheckResult.Status.OK,
          checks.temporalServer().status(),
          checks.temporalServer().detail());
      assertEquals(
          CheckResult.Status.OK, checks.awsEndpoint().status(), checks.awsEndpoint().detail());
      CheckResult db = checks.database();
      assertEquals(CheckResult.Status.OK, db.status(), db.detail());
      assertTrue(db.detail().contains("PostgreSQL"), db.detail());
      assertTrue(
          !db.detail().contains(env.require("DR_DB_PASSWORD")),
          "the password must never be printed");
      if (!env.get("TEMPORAL_UI_URL", "").isEmpty()) {
        assertEquals(
            CheckResult.Status.OK, checks.temporalUi().status(), checks.temporalUi().detail());
      }
    }
  }

  @Test
  void whatIsWrongIsSaidExactly() {
    Map<String, String> broken = new HashMap<>(env.all());
    broken.put("DR_DB_PORT", "1");
    try (Connection c = connection("127.0.0.1:1")) {
      Checks checks = new Checks(c, broken);
      CheckResult temporal = checks.temporalServer();
      assertEquals(CheckResult.Status.FAIL, temporal.status());
      assertTrue(
          temporal.detail().startsWith("cannot reach 127.0.0.1:1 namespace default"),
          temporal.detail());
      CheckResult db = checks.database();
      assertEquals(CheckResult.Status.FAIL, db.status());
      assertTrue(
          db.detail().startsWith("jdbc:postgresql://127.0.0.1:1/inventory as dr_admin: "),
          db.detail());
    }
  }

  @Test
  void aWorkerPollingTheTaskQueuePasses() {
    try (PollingWorker worker = new PollingWorker(env, taskQueue)) {
      CheckResult result = awaitWorkerCheck(CheckResult.Status.OK, Duration.ofSeconds(30));
      assertTrue(
          result
              .detail()
              .startsWith("1 worker(s) poll task queue " + taskQueue + " (namespace default): "),
          result.detail());

      Cli run = Cli.run(doctorArgs());
      assertEquals(0, run.code, run.toString());
      assertTrue(run.out.contains("All checks passed."), run.toString());

      // The server keeps listing a poller after it stopped; one not seen for 2 minutes counts as
      // gone.
      try (Connection c = connection(env.require("TEMPORAL_ADDRESS"), taskQueue)) {
        CheckResult later =
            new Checks(c, env.all())
                .worker(Instant.now().plus(Checks.POLLER_SEEN_WITHIN).plusSeconds(30));
        assertEquals(CheckResult.Status.FAIL, later.status(), later.detail());
        assertTrue(
            later
                .detail()
                .startsWith(
                    "no worker polls task queue "
                        + taskQueue
                        + " (namespace default): "
                        + "start one with deploy/local/sandbox worker start (last poll by "),
            later.detail());
      }
    }
  }

  @Test
  void noWorkerPollingTheTaskQueueFailsTheDoctor() {
    try (Connection c = connection(env.require("TEMPORAL_ADDRESS"), taskQueue)) {
      CheckResult worker = new Checks(c, env.all()).worker();
      assertEquals(CheckResult.Status.FAIL, worker.status(), worker.detail());
      assertEquals(
          "no worker polls task queue "
              + taskQueue
              + " (namespace default): start one with "
              + "deploy/local/sandbox worker start",
          worker.detail());
    }
    Cli run = Cli.run(doctorArgs());
    assertEquals(1, run.code, run.toString());
    assertTrue(
        run.out.matches(
            "(?s).*\\nworker +FAIL +no worker polls task queue "
                + taskQueue
                + " \\(namespace default\\): start one with deploy/local/sandbox worker start\\n"
                + ".*"),
        run.toString());
    assertTrue(run.out.contains("Some checks FAILED: worker."), run.toString());
  }

  private CheckResult awaitWorkerCheck(CheckResult.Status wanted, Duration timeout) {
    Instant until = Instant.now().plus(timeout);
    try (Connection c = connection(env.require("TEMPORAL_ADDRESS"), taskQueue)) {
      Checks checks = new Checks(c, env.all());
      CheckResult result = checks.worker();
      while (result.status() != wanted && Instant.now().isBefore(until)) {
        sleep(500);
        result = checks.worker();
      }
      assertEquals(wanted, result.status(), result.detail());
      return result;
    }
  }

  /** `dr doctor` as typed, against the sandbox and the test's task queue. */
  private String[] doctorArgs() {
    return new String[] {
      "doctor",
      "--address",
      env.require("TEMPORAL_ADDRESS"),
      "--task-queue",
      taskQueue,
      "--catalog",
      CatalogFixture.path().toString(),
      "--ui",
      env.get("TEMPORAL_UI_URL", "")
    };
  }

  private record Cli(int code, String out, String err) {
    static Cli run(String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = DrCli.commandLine();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      int code = cli.execute(args);
      return new Cli(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  /** A real worker, registered as WorkerMain registers it, polling the test's task queue. */
  private static final class PollingWorker implements AutoCloseable {
    private final AwsClients aws;
    private final WorkflowServiceStubs stubs;
    private final WorkerFactory factory;

    PollingWorker(SandboxEnv env, String taskQueue) {
      aws =
          new AwsClients(
              URI.create(env.require("AWS_ENDPOINT_URL")),
              StaticCredentialsProvider.create(
                  AwsBasicCredentials.create(
                      env.require("AWS_ACCESS_KEY_ID"), env.require("AWS_SECRET_ACCESS_KEY"))));
      stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget(env.require("TEMPORAL_ADDRESS"))
                  .build());
      factory =
          WorkerFactory.newInstance(
              WorkflowClient.newInstance(
                  stubs,
                  WorkflowClientOptions.newBuilder()
                      .setNamespace(env.get("TEMPORAL_NAMESPACE", "default"))
                      .build()));
      DrWorker.register(
          factory.newWorker(taskQueue),
          CatalogLoader.load(CatalogFixture.path()),
          CatalogFixture.path().toString(),
          aws,
          env.all());
      factory.start();
    }

    @Override
    public void close() {
      factory.shutdown();
      factory.awaitTermination(10, TimeUnit.SECONDS);
      stubs.shutdown();
      aws.close();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Connection connection(String address) {
    return connection(address, "dr-runbooks");
  }

  private static Connection connection(String address, String taskQueue) {
    Connection c = new Connection();
    new CommandLine(c)
        .parseArgs(
            "--address",
            address,
            "--task-queue",
            taskQueue,
            "--catalog",
            CatalogFixture.path().toString(),
            "--ui",
            SandboxEnv.get().get("TEMPORAL_UI_URL", ""));
    return c;
  }
}
