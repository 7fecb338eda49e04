package dev.drrunbooks.readiness;

import dev.drrunbooks.activities.rds.InstanceSize;
import java.time.Duration;
import java.time.Instant;

/**
 * One measured step from the ledger.
 *
 * @param service the catalog service it was measured for
 * @param endedAt when it ended (the evidence's date)
 * @param took how long it took
 * @param size a DB restore's instance class and storage; null for other kinds, and for restores
 *     recorded before workers described them
 */
public record StepSample(
    StepKind kind, String service, Instant endedAt, Duration took, InstanceSize size) {

  /** A sample without an instance size. */
  public StepSample(StepKind kind, String service, Instant endedAt, Duration took) {
    this(kind, service, endedAt, took, null);
  }
}
