package dev.drrunbooks.activities.s3;

/** One replication rule as S3 reports it. */
public record ReplicationRuleState(
    String ruleId,
    String status,
    String role,
    String destinationBucketArn,
    String storageClass,
    Integer replicationTimeMinutes) {

  /** Short enough for a table cell: "Enabled to mycomputer-assets-dr, STANDARD_IA, RTC 15m, role replication-role". */
  public String describe() {
    String bucket = destinationBucketArn == null ? "?" : destinationBucketArn.replaceFirst("^arn:aws:s3:::", "");
    String roleName = role == null ? "none" : role.replaceFirst("^arn:aws:iam::\\d+:role/", "");
    return status + " to " + bucket + ", " + storageClass + ", RTC "
        + (replicationTimeMinutes == null ? "off" : replicationTimeMinutes + "m") + ", role " + roleName;
  }
}
