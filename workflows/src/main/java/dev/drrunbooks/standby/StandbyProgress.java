package dev.drrunbooks.standby;

import dev.drrunbooks.activities.pointer.PointerMove;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.Promotion;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.model.Failures;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * What a standby failover has done so far, for the message a failed run ends with. A promotion
 * cannot be undone, so a failure after it is not cleaned up: the run ends saying what was done,
 * what was not, and what to do next, and a second run resumes where this one stopped.
 */
final class StandbyProgress {
  /** A promotion that did not finish within the RTO budget ({@code WaitDeadlineExceeded}). */
  static final String PROMOTION_INCOMPLETE = "PromotionIncomplete";

  private final List<String> done = new ArrayList<>();
  private Standby standby;
  private boolean promotionRequested;
  private boolean promoted;
  private boolean pointerMoved;

  void promotionRequested(Standby standby, Promotion promotion, LagAssessment atPromotion) {
    this.standby = standby;
    promotionRequested = true;
    done.add(
        "promotion of "
            + standby.replicaLabel()
            + " requested ("
            + promotion.outcome()
            + "; "
            + atPromotion.describe()
            + ")");
  }

  /** An Aurora global database's switchover or failover was requested (RDS answered). */
  void writerChangeRequested(Standby standby, String answer, String assessed) {
    this.standby = standby;
    promotionRequested = true;
    done.add(
        "change of writer to "
            + standby.replicaLabel()
            + " requested ("
            + answer
            + "; "
            + assessed
            + ")");
  }

  void promoted(Standby standby, InstanceInfo instance) {
    this.standby = standby;
    promoted = true;
    done.add(standby.replicaLabel() + " accepts writes at " + instance.endpointAddress());
  }

  void pointerMoved(PointerMove move) {
    pointerMoved = true;
    done.add(
        move.changed()
            ? "the database pointer moved: " + move.after().describe()
            : "the database pointer already named it: " + move.after().describe());
  }

  void trafficSwitched(String dns) {
    done.add(dns);
  }

  void checked(ValidationReport report) {
    done.add("data checks: " + report.summary());
  }

  /**
   * The failure a run ends with after {@code failure}: non-retryable, of the cause's type (or
   * {@link #PROMOTION_INCOMPLETE} when the wait for the promotion ran out of RTO budget), its
   * message the cause's, then what was done, what was not, and the next step.
   */
  RuntimeException endRun(TemporalFailure failure) {
    String type = Failures.rootType(failure);
    boolean promotionUnfinished = promotionRequested && !promoted;
    if (promotionUnfinished && "WaitDeadlineExceeded".equals(type)) type = PROMOTION_INCOMPLETE;
    if (type == null) type = "StepFailed";
    return ApplicationFailure.newNonRetryableFailure(
        Failures.rootMessage(failure) + ". " + account(promotionUnfinished), type);
  }

  private String account(boolean promotionUnfinished) {
    String did = done.isEmpty() ? "Done: nothing was changed" : "Done: " + String.join("; ", done);
    if (standby == null) return did + ".";
    String next;
    if (promotionUnfinished)
      next =
          "Not done: the promotion of "
              + standby.replicaLabel()
              + " has not finished; it cannot be undone, and the database pointer still names the"
              + " old primary. Next: when "
              + standby.replicaInstance()
              + " is available, start the standby failover again: it resumes at the pointer";
    else if (promoted && !pointerMoved)
      next =
          "Not done: the database pointer still names the old primary while "
              + standby.replicaInstance()
              + " accepts writes. Next: start the standby failover again (it resumes at the"
              + " pointer) or move the pointer by hand";
    else
      next =
          "Not done: the steps after the pointer. Next: see the failure above; the standby is"
              + " promoted and the application points at it";
    return did + ". " + next + ".";
  }
}
