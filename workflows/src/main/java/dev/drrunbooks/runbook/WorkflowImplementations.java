package dev.drrunbooks.runbook;

import dev.drrunbooks.evidence.ExportEvidenceWorkflowImpl;
import dev.drrunbooks.evidence.RecordRunEvidenceWorkflowImpl;
import dev.drrunbooks.lock.ResourceLockWorkflowImpl;
import dev.drrunbooks.report.WriteRunReportWorkflowImpl;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every workflow implementation a worker registers: each {@link Procedure}'s, and the support
 * workflows that are not procedures of their own (they have no report and an incident cannot launch
 * them): the lock that keeps one failover per DNS record, started by the procedures that need it,
 * and {@code WriteRunReport}, which {@code dr report RUN} starts to have the worker write a run's
 * report into its report folder, and {@code RecordRunEvidence}, which writes an ended run into the
 * evidence ledger, and {@code ExportEvidence}, which reads the audit trail back for {@code dr
 * evidence}.
 */
public final class WorkflowImplementations {
  private static final List<Class<?>> SUPPORT =
      List.of(
          ResourceLockWorkflowImpl.class,
          WriteRunReportWorkflowImpl.class,
          RecordRunEvidenceWorkflowImpl.class,
          ExportEvidenceWorkflowImpl.class);

  private WorkflowImplementations() {}

  /** Procedures first, in the runbook's order, then the support workflows. */
  public static List<Class<?>> all() {
    List<Class<?>> all = new ArrayList<>();
    Runbook.procedures().forEach(p -> all.add(p.implementation()));
    all.addAll(SUPPORT);
    return Collections.unmodifiableList(all);
  }
}
