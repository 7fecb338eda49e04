package dev.drrunbooks.report;

import dev.drrunbooks.model.CleanupRecord;
import dev.drrunbooks.model.TimelineEntry;
import java.util.List;

/**
 * The report of a run that ended without a result, for any procedure: its ending and message, the
 * timeline it recorded so far, and the clean-up it did (its "clean up ..." steps, as {@link
 * dev.drrunbooks.model.Cleanup} records them). Pure.
 */
final class EndedRunReport {
  /** How {@link dev.drrunbooks.model.Cleanup} names the step that removes one resource. */
  static final String CLEANUP_STEP = "clean up ";

  private EndedRunReport() {}

  static RunReport of(ReportMapping<?> mapping, EndedRun run, ReportContext context) {
    String title = mapping.title() + (run.service() == null ? "" : " of " + run.service());
    String procedure =
        context.taggedProcedure() != null ? context.taggedProcedure() : mapping.procedure();
    List<CleanupRecord> cleanup = run.timeline() == null ? List.of() : cleanupOf(run.timeline());
    RunReport.Builder b =
        RunReport.builder(context.workflowId(), procedure, title)
            .outcome(run.state(), false, summary(run, cleanup))
            .period(run.start(), run.end())
            .runLink(context.runLink())
            .validation(run.service(), run.evidence());
    if (run.timeline() == null) {
      return b.note(
              "The run ended "
                  + run.state()
                  + "; its timeline could not be read back ("
                  + (run.timelineUnavailable() == null ? "unknown why" : run.timelineUnavailable())
                  + "): the message above says what clean-up did, and the run's history in the"
                  + " Temporal UI has every step.")
          .build();
    }
    b.stepsOf(run.service(), run.timeline()).cleanup(run.service(), cleanup);
    return b.note(
            "The run ended "
                + run.state()
                + " after "
                + run.timeline().size()
                + " recorded step(s): the "
                + "timeline is what it had recorded so far, clean-up included"
                + (run.timelineUnavailable() == null
                    ? "."
                    : "; " + run.timelineUnavailable() + "."))
        .build();
  }

  /**
   * The failure message, and the clean-up the timeline shows when the message does not say it (a
   * cancelled run's history keeps no message: Temporal records only that it was cancelled).
   */
  static String summary(EndedRun run, List<CleanupRecord> cleanup) {
    String message = run.message() == null ? run.state().toLowerCase() : run.message();
    if (cleanup.isEmpty() || message.contains("cleanup:")) return message;
    return message + "; clean-up: " + CleanupRecord.summary(cleanup);
  }

  /**
   * The clean-up steps of a timeline, as clean-up records: one per resource the run removed (or
   * failed to).
   */
  static List<CleanupRecord> cleanupOf(List<TimelineEntry> timeline) {
    return timeline.stream()
        .filter(e -> e.step() != null && e.step().startsWith(CLEANUP_STEP))
        .map(
            e ->
                new CleanupRecord(
                    e.step().substring(CLEANUP_STEP.length()), e.outcome(), e.detail()))
        .toList();
  }
}
