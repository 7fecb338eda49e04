package dev.drrunbooks.model;

import dev.drrunbooks.activities.sql.ValidationReport;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * Saga-style compensation: undo steps registered as resources are created, run newest first in a
 * detached cancellation scope so a cancelled run still cleans up. Each undo is attempted even when
 * an earlier one failed, and its outcome is recorded. Workflow code only.
 */
public final class Cleanup {
  private record Undo(String resource, Supplier<String> action) {}

  private final Deque<Undo> undos = new ArrayDeque<>();
  private final List<CleanupRecord> done = new ArrayList<>();

  /**
   * Registers how to remove {@code resource}; the action returns what it did ("deleting", "already
   * gone").
   */
  public void add(String resource, Supplier<String> action) {
    undos.push(new Undo(resource, action));
  }

  /**
   * Drops the undo of {@code resource} when {@code failure} says the resource exists but another
   * run (or a person) created it: the run never created it, so its clean-up must not even try to
   * delete it.
   */
  public void forgetWhenNotOurs(TemporalFailure failure, String resource) {
    if (FailureType.NOT_OWNED.isRootOf(failure)) undos.removeIf(u -> u.resource().equals(resource));
  }

  /** Runs every registered undo once; later calls run only what was added since. */
  public List<CleanupRecord> run(Timeline timeline) {
    Workflow.newDetachedCancellationScope(
            () -> {
              while (!undos.isEmpty()) {
                Undo undo = undos.pop();
                Instant start = Timeline.now();
                try {
                  String what = undo.action().get();
                  done.add(new CleanupRecord(undo.resource(), Outcome.COMPENSATED, what));
                  timeline.record("clean up " + undo.resource(), start, Outcome.COMPENSATED, what);
                } catch (ActivityFailure e) {
                  String why = Failures.rootMessage(e);
                  done.add(new CleanupRecord(undo.resource(), Outcome.FAILED, why));
                  timeline.record("clean up " + undo.resource(), start, Outcome.FAILED, why);
                }
              }
            })
        .run();
    return List.copyOf(done);
  }

  /**
   * After a failed or cancelled step: runs the cleanup, then returns what the run should end with.
   * A cancelled run stays cancelled; a failed one fails non-retryably with the root cause and what
   * was cleaned up (or {@code kept}, when the input asked to keep resources for forensics). The
   * message carries the root cause, so no cause chain: operators read the innermost message.
   */
  public RuntimeException endRun(
      TemporalFailure failure, Timeline timeline, Phases phases, String kept) {
    boolean cancelled = CancellationScope.current().isCancelRequested();
    String failedIn = phases.current();
    phases.enter("cleanup");
    run(timeline);
    String done = kept != null ? kept + "; " + summary() : summary();
    phases.enter(cancelled ? "cancelled" : "failed");
    if (cancelled)
      return new CanceledFailure("cancelled during " + failedIn + " (cleanup: " + done + ")");
    ApplicationFailure app = failure instanceof ApplicationFailure af ? af : null;
    String type = app != null ? app.getType() : "StepFailed";
    // A failed validation's report is the evidence: keep it on the run's final failure.
    Object[] details =
        app != null
                && FailureType.VALIDATION_FAILED.type().equals(type)
                && app.getDetails().getSize() > 0
            ? new Object[] {app.getDetails().get(ValidationReport.class)}
            : new Object[0];
    return ApplicationFailure.newNonRetryableFailure(
        Failures.rootMessage(failure) + " (cleanup: " + done + ")", type, details);
  }

  public List<CleanupRecord> records() {
    return List.copyOf(done);
  }

  /** One line for failure messages: "rds:x deleting; rds:y FAILED (why)". */
  public String summary() {
    return done.isEmpty() ? "nothing to clean up" : CleanupRecord.summary(done);
  }
}
