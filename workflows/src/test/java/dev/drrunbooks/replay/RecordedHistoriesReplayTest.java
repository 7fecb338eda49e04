package dev.drrunbooks.replay;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.approval.ApproverWorkerInterceptor;
import dev.drrunbooks.backuppolicy.BackupPolicyWorkflowImpl;
import dev.drrunbooks.backupvalidation.BackupValidationWorkflowImpl;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryWorkflowImpl;
import dev.drrunbooks.drill.DrDrillWorkflowImpl;
import dev.drrunbooks.ecsrecovery.EcsServiceRecoveryWorkflowImpl;
import dev.drrunbooks.evacuation.RegionEvacuationWorkflowImpl;
import dev.drrunbooks.failover.DnsFailoverWorkflowImpl;
import dev.drrunbooks.incident.IncidentResponseWorkflowImpl;
import dev.drrunbooks.lock.ResourceLockWorkflowImpl;
import dev.drrunbooks.pitr.PointInTimeRestoreWorkflowImpl;
import dev.drrunbooks.report.WriteRunReportWorkflowImpl;
import dev.drrunbooks.runbook.RunLedgerInterceptor;
import dev.drrunbooks.runbook.RunMetricsInterceptor;
import dev.drrunbooks.runbook.RunNotificationInterceptor;
import dev.drrunbooks.runbook.RunOutcomeInterceptor;
import dev.drrunbooks.runcleanup.RunCleanupWorkflowImpl;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreWorkflowImpl;
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
    worker.registerWorkflowImplementationTypes(
        BackupPolicyWorkflowImpl.class,
        PointInTimeRestoreWorkflowImpl.class,
        SnapshotRestoreWorkflowImpl.class,
        BackupValidationWorkflowImpl.class,
        DnsFailoverWorkflowImpl.class,
        EcsServiceRecoveryWorkflowImpl.class,
        RegionEvacuationWorkflowImpl.class,
        DrDrillWorkflowImpl.class,
        CorruptedDataRecoveryWorkflowImpl.class,
        IncidentResponseWorkflowImpl.class,
        ResourceLockWorkflowImpl.class,
        RunCleanupWorkflowImpl.class,
        WriteRunReportWorkflowImpl.class);
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
