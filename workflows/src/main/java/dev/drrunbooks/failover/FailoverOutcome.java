package dev.drrunbooks.failover;

/** How a DNS failover or failback ended without failing. */
public enum FailoverOutcome {
  /** The source region is healthy: nothing to do. */
  NOT_NEEDED,
  /** Traffic is already where the run would send it. */
  ALREADY_DONE,
  /** Nobody approved, or someone aborted, or the gate timed out to abort. */
  ABORTED,
  /** Traffic moved and the switch was verified. */
  SWITCHED
}
