package dev.drrunbooks.reporting;

import dev.drrunbooks.backuppolicy.BackupPolicyReport;
import dev.drrunbooks.backupvalidation.BackupValidationReport;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryReport;
import dev.drrunbooks.drill.DrDrillReport;
import dev.drrunbooks.ecsrecovery.EcsRecoveryReport;
import dev.drrunbooks.evacuation.RegionEvacuationReport;
import dev.drrunbooks.failover.DnsFailoverReport;
import dev.drrunbooks.incident.IncidentResponseReport;
import dev.drrunbooks.pitr.PointInTimeRestoreReport;
import dev.drrunbooks.report.ReportMapping;
import dev.drrunbooks.runcleanup.RunCleanupReport;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreReport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place that knows which report mapping a workflow type has (the workflow type as Temporal
 * names it). Meant to be folded into the procedure registry: each entry is one procedure's
 * {@code MAPPING}.
 */
public final class ReportKinds {
  private static final Map<String, ReportMapping<?>> BY_TYPE = new LinkedHashMap<>();

  static {
    BY_TYPE.put("BackupPolicy", BackupPolicyReport.MAPPING);
    BY_TYPE.put("PointInTimeRestore", PointInTimeRestoreReport.MAPPING);
    BY_TYPE.put("SnapshotRestore", SnapshotRestoreReport.MAPPING);
    BY_TYPE.put("BackupValidation", BackupValidationReport.MAPPING);
    BY_TYPE.put("DnsFailover", DnsFailoverReport.MAPPING);
    BY_TYPE.put("EcsServiceRecovery", EcsRecoveryReport.MAPPING);
    BY_TYPE.put("RegionEvacuation", RegionEvacuationReport.MAPPING);
    BY_TYPE.put("DrDrill", DrDrillReport.MAPPING);
    BY_TYPE.put("CorruptedDataRecovery", CorruptedDataRecoveryReport.MAPPING);
    BY_TYPE.put("IncidentResponse", IncidentResponseReport.MAPPING);
    BY_TYPE.put("RunCleanupWorkflow", RunCleanupReport.MAPPING);
  }

  private ReportKinds() {}

  /** The mapping of a workflow type; null for a type with no report (a lock, the report workflow itself). */
  public static ReportMapping<?> of(String workflowType) {
    return BY_TYPE.get(workflowType);
  }

  /** Workflow type to mapping, in a stable order. */
  public static Map<String, ReportMapping<?>> all() {
    return Map.copyOf(BY_TYPE);
  }

  /** The workflow types that have a report, for messages. */
  public static String types() {
    return String.join(", ", BY_TYPE.keySet());
  }
}
