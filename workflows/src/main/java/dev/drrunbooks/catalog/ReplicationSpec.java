package dev.drrunbooks.catalog;

import java.time.Duration;

/**
 * The runbook's replication.json: one rule to a replica bucket with replication time control. The
 * optional {@code prefix} (default: the whole bucket), {@code priority} (default 1) and {@code
 * deleteMarkerReplication} (default false: a delete in production does not hide the replica's copy)
 * complete the rule the backup policy compares.
 */
public record ReplicationSpec(
    String ruleId,
    String role,
    String destinationBucket,
    String destinationRegion,
    Duration replicationTime,
    String storageClass,
    String prefix,
    Integer priority,
    Boolean deleteMarkerReplication) {

  public static final int DEFAULT_PRIORITY = 1;

  public ReplicationSpec(
      String ruleId,
      String role,
      String destinationBucket,
      String destinationRegion,
      Duration replicationTime,
      String storageClass) {
    this(
        ruleId,
        role,
        destinationBucket,
        destinationRegion,
        replicationTime,
        storageClass,
        null,
        null,
        null);
  }

  public String destinationBucketArn() {
    return "arn:aws:s3:::" + destinationBucket;
  }

  /** The key prefix the rule covers; "" is the whole bucket. */
  public String prefixOrWholeBucket() {
    return prefix == null ? "" : prefix;
  }

  public int priorityOrDefault() {
    return priority == null ? DEFAULT_PRIORITY : priority;
  }

  public boolean replicatesDeleteMarkers() {
    return Boolean.TRUE.equals(deleteMarkerReplication);
  }
}
