package dev.drrunbooks.activities.s3;

/** One replication rule as S3 reports it. */
public record ReplicationRuleState(
    String ruleId,
    String status,
    String role,
    String destinationBucketArn,
    String storageClass,
    Integer replicationTimeMinutes) {

  public String describe() {
    return "status=" + status + " dest=" + destinationBucketArn + " class=" + storageClass
        + " rtc=" + (replicationTimeMinutes == null ? "off" : replicationTimeMinutes + "m") + " role=" + role;
  }
}
