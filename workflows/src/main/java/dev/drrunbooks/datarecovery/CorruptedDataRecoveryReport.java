package dev.drrunbooks.datarecovery;

import dev.drrunbooks.report.EvidenceRow;
import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.ReportMapping;
import dev.drrunbooks.report.RunReport;

/**
 * A corrupted-data recovery as a report: the restore point and why, the integrity checks as
 * restored and after the replay, the row check after the replay, and the RPO. Results stored before
 * the outcome existed (null outcome) read as RESTORED. Pure.
 */
public final class CorruptedDataRecoveryReport {
  public static final ReportMapping<CorruptedDataRecoveryResult> MAPPING =
      ReportMapping.of("data-recovery", "Corrupted-data recovery", CorruptedDataRecoveryReport::of);

  private CorruptedDataRecoveryReport() {}

  static RunReport of(CorruptedDataRecoveryResult r, ReportContext ctx) {
    boolean recovered = r.outcome() == DataRecoveryOutcome.RECOVERED;
    RunReport.Builder b =
        MAPPING
            .builder(ctx, r.service())
            .outcome(r.outcome() == null ? "RESTORED" : r.outcome().name(), recovered, r.summary())
            .service(r.service(), r.timeline(), null, r.rpo(), r.integrity(), recovered)
            .validation(r.service(), r.integrityAfterReplay());
    if (r.verification() != null) {
      b.evidence(
          new EvidenceRow(
              r.service(),
              "rows right after the replay",
              r.verification().replayId(),
              "0 wrong",
              (r.verification().rows() == null ? 0 : r.verification().rows().size())
                  + " wrong of "
                  + r.verification().total(),
              null,
              r.verification().passed(),
              r.verification().summary()));
    }
    b.note(
        "Corruption time "
            + r.corruptionTime()
            + "; restore point "
            + r.restorePoint()
            + "; recovered instance "
            + r.recoveredInstance());
    if (r.evidence() != null) b.note("Corruption evidence: " + r.evidence().summary());
    if (r.plan() != null) b.note("Replay plan: " + r.plan().summary());
    if (r.replay() != null) b.note("Replay: " + r.replay().summary());
    return b.build();
  }
}
