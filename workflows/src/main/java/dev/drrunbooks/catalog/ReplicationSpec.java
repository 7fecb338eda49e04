package dev.drrunbooks.catalog;

import java.time.Duration;

/** The runbook's replication.json: one rule to a replica bucket with replication time control. */
public record ReplicationSpec(
    String ruleId,
    String role,
    String destinationBucket,
    String destinationRegion,
    Duration replicationTime,
    String storageClass) {

  public String destinationBucketArn() {
    return "arn:aws:s3:::" + destinationBucket;
  }
}
