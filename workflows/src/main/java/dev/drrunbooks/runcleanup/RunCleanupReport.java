package dev.drrunbooks.runcleanup;

import static dev.drrunbooks.report.ReportLines.nz;

import dev.drrunbooks.model.CleanupRecord;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.ReportMapping;
import dev.drrunbooks.report.RunReport;
import java.util.List;

/**
 * A clean-up after a run as a report: every finding as a clean-up row (deleted, refused, failed or
 * only found, for a dry run) and what the tags prove is still there. Pure.
 */
public final class RunCleanupReport {
  public static final ReportMapping<RunCleanupResult> MAPPING =
      ReportMapping.of("dr-cleanup", "Clean-up after a run", RunCleanupReport::of);

  private RunCleanupReport() {}

  static RunReport of(RunCleanupResult r, ReportContext ctx) {
    RunReport.Builder b =
        MAPPING
            .headed(
                ctx, (r.applied() ? "Clean-up after " : "Clean-up dry run after ") + r.workflowId())
            .outcome(
                r.clean() ? "CLEAN" : r.applied() ? "NOT_CLEAN" : "DRY_RUN",
                r.clean() || !r.applied(),
                r.summary())
            .steps(r.timeline());
    for (CleanupFinding f : nz(r.findings())) {
      Outcome outcome =
          switch (f.action()) {
            case DELETED -> Outcome.COMPENSATED;
            case FAILED, REFUSED -> Outcome.FAILED;
            default -> Outcome.SKIPPED;
          };
      b.cleanup(
          null,
          List.of(
              new CleanupRecord(
                  f.type() + ":" + f.id() + (f.region() == null ? "" : " (" + f.region() + ")"),
                  outcome,
                  f.action() + ": " + f.detail())));
    }
    nz(r.stillThere()).forEach(s -> b.note("STILL THERE: " + s));
    return b.build();
  }
}
