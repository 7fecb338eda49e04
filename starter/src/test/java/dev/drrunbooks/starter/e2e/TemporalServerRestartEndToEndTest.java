package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.testing.SandboxEnv;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Issue 9: the Temporal dev server dies (SIGKILL), `deploy/local/sandbox up` brings it back on the
 * SAME recorded port, and a worker process that was running all along reconnects by itself (its
 * gRPC channel does) and completes a new run without being restarted. Runs, the namespace and the
 * search attributes survive in the server's SQLite file.
 *
 * <p>It kills the shared test sandbox's server, so it always runs `sandbox up` again in a finally:
 * test classes that run after it, in any order, find the sandbox fully up on the same address.
 */
@Isolated("kills the sandbox's Temporal server: no other test may use it meanwhile")
class TemporalServerRestartEndToEndTest {
  private static final Set<String> SEARCH_ATTRIBUTES =
      Set.of("DrProcedure", "DrService", "DrPhase");
  private static final Pattern STARTED = Pattern.compile("workflow (\\S+) run (\\S+)");

  private final SandboxEnv env = SandboxEnv.get();
  private final String taskQueue = "dr-e2e-server-restart-" + Long.toString(System.nanoTime(), 36);
  private final Path home = Path.of(env.require("DR_SANDBOX_HOME"));
  private final String address = env.require("TEMPORAL_ADDRESS");
  private final boolean devServer = env.get("TEMPORAL_MODE", "dev-server").equals("dev-server");

  @Test
  void aRunningWorkerCarriesOnAfterTheServerIsKilledAndTheSandboxRestartsItOnTheSamePort()
      throws Exception {
    try (WorkerProcess worker =
        WorkerProcess.start(env, taskQueue, "worker-server-restart", Map.of())) {
      WorkflowExecution before = startAudit();
      awaitCompleted(before, worker);

      long serverPid = serverPid();
      try {
        killServer(serverPid);
      } finally {
        sandboxUp(); // whatever happened, the shared test sandbox is left fully up
      }

      assertEquals(
          "TEMPORAL_ADDRESS=" + address,
          envFileLine("TEMPORAL_ADDRESS"),
          "the restarted server keeps its recorded address");
      assertNotEquals(serverPid, serverPid(), "sandbox up started a new server process");
      if (devServer) {
        assertEquals(
            WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED,
            status(before),
            "the run from before the kill survives in " + home.resolve("temporal.db"));
      }
      assertTrue(
          searchAttributes().containsAll(SEARCH_ATTRIBUTES),
          "search attributes: " + searchAttributes());

      assertTrue(worker.isAlive(), "the worker was never restarted\n" + worker.logText());
      WorkflowExecution after = startAudit();
      awaitCompleted(after, worker);
      assertTrue(worker.isAlive(), worker.logText());
      assertEquals(
          Set.of(worker.pid() + "@"),
          workerIdentities(after),
          "the run after the restart was executed by the same worker process (pid "
              + worker.pid()
              + ")");
    }
  }

  /**
   * An audit of Inventory's backup policy (changes nothing), started from the starter without
   * waiting.
   */
  private WorkflowExecution startAudit() {
    String[] connection = {
      "--address",
      address,
      "--task-queue",
      taskQueue,
      "--ui",
      env.get("TEMPORAL_UI_URL", ""),
      "--catalog",
      CatalogFixture.path().toString()
    };
    CliRun run = CliRun.of(connection, "backup-policy", "--service", "inventory", "--no-wait");
    assertEquals(0, run.exitCode(), run.toString());
    Matcher m = STARTED.matcher(run.out());
    assertTrue(m.find(), run.toString());
    return WorkflowExecution.newBuilder().setWorkflowId(m.group(1)).setRunId(m.group(2)).build();
  }

  private void awaitCompleted(WorkflowExecution run, WorkerProcess worker) {
    withClient(
        client -> {
          WorkflowStub stub =
              client.newUntypedWorkflowStub(
                  run.getWorkflowId(), Optional.of(run.getRunId()), Optional.empty());
          try {
            stub.getResult(3, TimeUnit.MINUTES, Object.class);
          } catch (Exception e) {
            fail(
                "run "
                    + run.getWorkflowId()
                    + " did not complete: "
                    + e
                    + "\n--- worker log\n"
                    + worker.logText());
          }
          return null;
        });
  }

  private WorkflowExecutionStatus status(WorkflowExecution run) {
    return withClient(
        client ->
            client
                .getWorkflowServiceStubs()
                .blockingStub()
                .describeWorkflowExecution(
                    DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace(env.get("TEMPORAL_NAMESPACE", "default"))
                        .setExecution(run)
                        .build())
                .getWorkflowExecutionInfo()
                .getStatus());
  }

  /**
   * The identities ({@code <pid>@}, host cut off) of the workers that ran the run's workflow tasks.
   */
  private Set<String> workerIdentities(WorkflowExecution run) {
    List<HistoryEvent> events =
        withClient(client -> client.fetchHistory(run.getWorkflowId(), run.getRunId()).getEvents());
    return events.stream()
        .filter(HistoryEvent::hasWorkflowTaskStartedEventAttributes)
        .map(e -> e.getWorkflowTaskStartedEventAttributes().getIdentity().replaceAll("@.*", "@"))
        .collect(java.util.stream.Collectors.toSet());
  }

  private Set<String> searchAttributes() {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(address)
                .validateAndBuildWithDefaults());
    try {
      return operator
          .blockingStub()
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .listSearchAttributes(
              ListSearchAttributesRequest.newBuilder()
                  .setNamespace(env.get("TEMPORAL_NAMESPACE", "default"))
                  .build())
          .getCustomAttributesMap()
          .keySet();
    } finally {
      operator.shutdown();
    }
  }

  private <T> T withClient(java.util.function.Function<WorkflowClient, T> use) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    try {
      return use.apply(
          WorkflowClient.newInstance(
              stubs,
              WorkflowClientOptions.newBuilder()
                  .setNamespace(env.get("TEMPORAL_NAMESPACE", "default"))
                  .build()));
    } finally {
      stubs.shutdown();
    }
  }

  /** The server's pid from the sandbox's pid file. */
  private long serverPid() throws IOException {
    Path file = home.resolve("temporal.pid");
    assertTrue(Files.isRegularFile(file), file + " is missing: is the sandbox up?");
    return Long.parseLong(Files.readString(file).trim());
  }

  /** SIGKILL, like a crash, then wait until its port refuses connections. */
  private void killServer(long pid) {
    ProcessHandle server =
        ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
    assertTrue(
        server.info().commandLine().orElse("").contains(home.toString())
            || server.info().commandLine().orElse("").contains("InMemoryTemporalServer"),
        "pid "
            + pid
            + " is not this sandbox's Temporal server: "
            + server.info().commandLine().orElse("?"));
    server.destroyForcibly();
    String[] hostPort = address.split(":");
    Instant until = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(until)) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 500);
      } catch (IOException refused) {
        return;
      }
      WorkerProcess.sleep(100);
    }
    fail(
        "the Temporal server (pid "
            + pid
            + ") still answers on "
            + address
            + " 20 s after SIGKILL");
  }

  /**
   * deploy/local/sandbox up for the test sandbox; its output in
   * target/sandbox-up-server-restart.log.
   */
  private void sandboxUp() throws IOException, InterruptedException {
    Path root = Path.of(System.getProperty("dr.repo.root", ".."));
    Path log = Path.of("target", "sandbox-up-server-restart.log").toAbsolutePath();
    ProcessBuilder pb =
        new ProcessBuilder(root.resolve("deploy/local/sandbox").toString(), "up")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("DR_SANDBOX_HOME", home.toString());
    Process up = pb.start();
    if (!up.waitFor(5, TimeUnit.MINUTES)) {
      up.destroyForcibly();
      fail("sandbox up did not finish within 5 minutes: " + log);
    }
    assertEquals(0, up.exitValue(), "sandbox up failed:\n" + Files.readString(log));
  }

  /**
   * A line of the env file as `sandbox up` rewrote it (SandboxEnv keeps what it read at the start).
   */
  private String envFileLine(String key) throws IOException {
    return Files.readAllLines(home.resolve("sandbox.env")).stream()
        .filter(l -> l.startsWith(key + "="))
        .findFirst()
        .orElse("(no " + key + ")");
  }
}
