package dev.drrunbooks.readiness;

import java.time.Duration;

/**
 * One bucket's replication as readiness found it.
 *
 * @param check the bucket's readiness check
 * @param latency how far the DR replica was behind at most, over the check's window; null when not
 *     measured (no rule, rule disabled, no metric, or the read failed)
 * @param replicates false when the bucket has no enabled replication rule: a region loss would lose
 *     whatever only the source bucket holds
 */
record ReplicationLag(ReadinessCheck check, Duration latency, boolean replicates) {

  static ReplicationLag measured(ReadinessCheck check, Duration latency) {
    return new ReplicationLag(check, latency, true);
  }

  static ReplicationLag unmeasured(ReadinessCheck check) {
    return new ReplicationLag(check, null, true);
  }

  static ReplicationLag notReplicated(ReadinessCheck check) {
    return new ReplicationLag(check, null, false);
  }
}
