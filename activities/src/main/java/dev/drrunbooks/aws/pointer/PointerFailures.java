package dev.drrunbooks.aws.pointer;

import dev.drrunbooks.activities.pointer.PointerValue;
import dev.drrunbooks.model.FailureType;
import io.temporal.failure.ApplicationFailure;

/**
 * The non-retryable refusals of {@link DatabasePointerActivitiesImpl}, by the failure types its
 * interface documents. None of them is thrown after a write except {@link #changedElsewhere}.
 */
final class PointerFailures {
  /** No such record, zone or parameter. */
  static final String NOT_FOUND = "PointerNotFound";

  /** Several record sets or values, an alias, a SecureString or StringList: not one plain value. */
  static final String NOT_SIMPLE = "PointerNotSimple";

  /** Holds neither the expected value nor the target: someone else moved it. */
  static final String NOT_AS_EXPECTED = "PointerNotAsExpected";

  /** Read back after the change: not the target, or another field differs from before. */
  static final String CHANGED_ELSEWHERE = "PointerChangedElsewhere";

  /** Several hosted zones of the name the pointer's zone is found by. */
  static final String ZONE_AMBIGUOUS = "PointerZoneAmbiguous";

  private PointerFailures() {}

  static ApplicationFailure notFound(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, NOT_FOUND);
  }

  static ApplicationFailure notSimple(String what, String why) {
    return ApplicationFailure.newNonRetryableFailure(
        what
            + " "
            + why
            + ": the failover moves one plain value and keeps everything else, so it does not"
            + " touch a pointer it cannot keep whole",
        NOT_SIMPLE);
  }

  static ApplicationFailure notAsExpected(PointerValue found, String expected, String target) {
    return ApplicationFailure.newNonRetryableFailure(
        found.describe()
            + ": expected "
            + expected
            + " (to move it to "
            + target
            + "); someone else has moved it, and the failover does not overwrite their change."
            + " Nothing was changed",
        NOT_AS_EXPECTED);
  }

  /**
   * Route 53 refused the compare-and-set: the set no longer holds what was read (someone changed it
   * between the read and the write). Nothing was changed; a retry reads it again.
   */
  static ApplicationFailure changedSinceRead(PointerValue read, String target, String refusal) {
    return ApplicationFailure.newNonRetryableFailure(
        read.describe()
            + " changed after it was read, before it could be moved to "
            + target
            + " (Route 53 refused the change: "
            + refusal
            + "); someone else is changing it, and the failover does not overwrite their change."
            + " Nothing was changed",
        NOT_AS_EXPECTED);
  }

  static ApplicationFailure changedElsewhere(
      PointerValue before, PointerValue after, String target, String what) {
    return ApplicationFailure.newNonRetryableFailure(
        "after moving "
            + before.describe()
            + " to "
            + target
            + " it reads back as "
            + after.describe()
            + ": "
            + what,
        CHANGED_ELSEWHERE);
  }

  static ApplicationFailure zoneAmbiguous(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, ZONE_AMBIGUOUS);
  }

  static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureType.INVALID_INPUT.type());
  }
}
