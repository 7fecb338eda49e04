package dev.drrunbooks.readiness;

import java.time.Duration;

/**
 * One bucket's replication as readiness found it.
 *
 * @param bucket the source bucket's name
 * @param check the bucket's readiness check
 * @param latency how far the DR replica was behind at most, over the check's window; null when not
 *     measured (no rule, rule disabled, no metric, or the read failed)
 * @param replicates false when the bucket has no enabled replication rule: a region loss would lose
 *     whatever only the source bucket holds
 */
record ReplicationLag(String bucket, ReadinessCheck check, Duration latency, boolean replicates) {

  static ReplicationLag measured(String bucket, ReadinessCheck check, Duration latency) {
    return new ReplicationLag(bucket, check, latency, true);
  }

  static ReplicationLag unmeasured(String bucket, ReadinessCheck check) {
    return new ReplicationLag(bucket, check, null, true);
  }

  static ReplicationLag notReplicated(String bucket, ReadinessCheck check) {
    return new ReplicationLag(bucket, check, null, false);
  }
}
