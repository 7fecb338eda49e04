package dev.drrunbooks.datarecovery;

import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Failures;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import java.time.Instant;

/**
 * The point-in-time restore refuses a restore point with an error about its own input, labelled
 * {@code restoreTime}; the operator of a data recovery gave (or confirmed) a corruption time. This
 * puts the refusal in their terms: the corruption time, the restore point derived from it, and why
 * RDS cannot restore to it (e.g. before the earliest restorable time). Other failures pass
 * unchanged.
 */
final class RestorePointRefusal {
  static final String RESTORE_TIME_FIELD = "restoreTime:";

  private RestorePointRefusal() {}

  static RuntimeException relabel(
      ChildWorkflowFailure failure, Instant corruptionTime, Instant restorePoint) {
    String why = Failures.rootMessage(failure);
    if (!FailureType.INVALID_INPUT.isRootOf(failure) || !why.startsWith(RESTORE_TIME_FIELD))
      return failure;
    String refusal = why.substring(RESTORE_TIME_FIELD.length()).trim();
    return ApplicationFailure.newNonRetryableFailure(
        "corruptionTime: the restore point "
            + restorePoint
            + " before the corruption at "
            + corruptionTime
            + " cannot be restored: "
            + refusal
            + "; nothing was restored",
        FailureType.INVALID_INPUT.type());
  }
}
