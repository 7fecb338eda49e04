package dev.drrunbooks.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.drrunbooks.backuppolicy.BackupPolicyWorkflow;
import dev.drrunbooks.backupvalidation.BackupValidationWorkflow;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryWorkflow;
import dev.drrunbooks.drill.DrDrillWorkflow;
import dev.drrunbooks.ecsrecovery.EcsServiceRecoveryWorkflow;
import dev.drrunbooks.evacuation.RegionEvacuationWorkflow;
import dev.drrunbooks.failover.DnsFailoverWorkflow;
import dev.drrunbooks.incident.IncidentResponseWorkflow;
import dev.drrunbooks.pitr.PointInTimeRestoreWorkflow;
import dev.drrunbooks.report.ReportMapping;
import dev.drrunbooks.runcleanup.RunCleanupWorkflow;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreWorkflow;
import io.temporal.workflow.WorkflowMethod;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every procedure's workflow type, as Temporal names it, has the mapping of the result its workflow returns. */
class ReportKindsTest {
  private static final List<Class<?>> PROCEDURES = List.of(BackupPolicyWorkflow.class,
      PointInTimeRestoreWorkflow.class, SnapshotRestoreWorkflow.class, BackupValidationWorkflow.class,
      DnsFailoverWorkflow.class, EcsServiceRecoveryWorkflow.class, RegionEvacuationWorkflow.class,
      DrDrillWorkflow.class, CorruptedDataRecoveryWorkflow.class, IncidentResponseWorkflow.class,
      RunCleanupWorkflow.class);

  @Test
  void eachWorkflowTypeMapsTheResultItsWorkflowReturns() {
    for (Class<?> workflow : PROCEDURES) {
      Method run = Arrays.stream(workflow.getMethods()).filter(m -> m.isAnnotationPresent(WorkflowMethod.class))
          .findFirst().orElseThrow();
      String name = run.getAnnotation(WorkflowMethod.class).name();
      String type = name.isEmpty() ? workflow.getSimpleName() : name;
      ReportMapping<?> mapping = ReportKinds.of(type);
      assertNotNull(mapping, type + " has no report mapping");
      assertEquals(run.getReturnType(), mapping.resultType(), type);
    }
    assertEquals(PROCEDURES.size(), ReportKinds.all().size(), "and nothing else: " + ReportKinds.types());
  }

  @Test
  void aLockOrAReportRunHasNoReport() {
    assertNull(ReportKinds.of("ResourceLock"));
    assertNull(ReportKinds.of("WriteRunReport"));
  }
}
