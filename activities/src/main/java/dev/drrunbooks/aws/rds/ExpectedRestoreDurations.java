package dev.drrunbooks.aws.rds;

import dev.drrunbooks.activities.rds.RestoreDurationDefaults;
import dev.drrunbooks.activities.rds.RestoreExpectation;

/**
 * What a restore of an instance class is expected to take, for the restore wait's cadence (the
 * worker's: measured in the evidence ledger, {@code dev.drrunbooks.ledger.LedgerRestoreDurations}).
 * Never throws: an expectation it cannot read is a default, since waiting must go on.
 */
@FunctionalInterface
public interface ExpectedRestoreDurations {
  /** Without evidence: {@link RestoreDurationDefaults#forClass}. */
  ExpectedRestoreDurations CLASS_DEFAULTS = RestoreDurationDefaults::forClass;

  /**
   * @param instanceClass e.g. {@code db.r6g.large}; null when the instance could not be described
   */
  RestoreExpectation expectedFor(String instanceClass);
}
