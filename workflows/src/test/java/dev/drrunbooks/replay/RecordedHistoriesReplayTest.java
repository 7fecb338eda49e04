package dev.drrunbooks.replay;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.approval.ApproverWorkerInterceptor;
import dev.drrunbooks.runbook.RunLedgerInterceptor;
import dev.drrunbooks.runbook.RunMetricsInterceptor;
import dev.drrunbooks.runbook.RunNotificationInterceptor;
import dev.drrunbooks.runbook.RunOutcomeInterceptor;
import dev.drrunbooks.runbook.WorkflowImplementations;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Committed histories replayed against today's code: a change that would break running workflows
 * fails here.
 */
class RecordedHistoriesReplayTest {

  static List<Path> histories() throws IOException {
    try (Stream<Path> files = Files.list(Histories.DIR)) {
      List<Path> all = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      assertTrue(
          all.size() >= 4, "recorded histories missing from " + Histories.DIR.toAbsolutePath());
      return all;
    }
  }

  /** With the worker's workflow interceptor, as DrWorkerFactory installs it. */
  private static TestWorkflowEnvironment env;

  private static Worker worker;

  @BeforeAll
  static void start() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(
                            new RunOutcomeInterceptor(),
                            new RunLedgerInterceptor(),
                            new RunMetricsInterceptor(),
                            new RunNotificationInterceptor(),
                            new ApproverWorkerInterceptor())
                        .build())
                .build());
    worker = env.newWorker("replay");
    // Every workflow the worker registers, procedures and support workflows alike.
    worker.registerWorkflowImplementationTypes(
        WorkflowImplementations.all().toArray(Class<?>[]::new));
  }

  @AfterAll
  static void stop() {
    env.close();
  }

  @ParameterizedTest
  @MethodSource("histories")
  void replaysWithoutNonDeterminism(Path file) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        WorkflowExecutionHistory.fromJson(Files.readString(file), Histories.workflowIdOf(file)),
        worker);
  }
}
