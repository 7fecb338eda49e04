package dev.drrunbooks.backuppolicy;

/**
 * One replication rule as S3 reports it. {@code filter} is what the rule covers: "whole bucket",
 * "prefix 'tmp/'", "tag k=v", or "prefix 'x' and tags k=v, k2=v2" (see {@link #prefixFilter}).
 * {@code deleteMarkerReplication} is "Enabled" or "Disabled"; {@code priority} null when S3 gave
 * none. {@code metrics} is "Enabled" when the rule publishes S3 Replication metrics to CloudWatch
 * (S3 Replication Time Control requires them, so an RTC rule has them), else "Disabled"
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/repl-metrics.html); null in results
 * recorded before it was read. The comparisons ({@link #describe}) leave it out: RTC implies it.
 */
public record ReplicationRuleState(
    String ruleId,
    String status,
    String role,
    String destinationBucketArn,
    String storageClass,
    Integer replicationTimeMinutes,
    Integer priority,
    String filter,
    String deleteMarkerReplication,
    String metrics) {

  public static final String WHOLE_BUCKET = "whole bucket";
  public static final String ENABLED = "Enabled";

  /** Whether S3 publishes the rule's replication metrics (ReplicationLatency among them). */
  public boolean metricsEnabled() {
    return ENABLED.equals(metrics);
  }

  /** Whether the rule replicates at all. */
  public boolean enabled() {
    return ENABLED.equals(status);
  }

  /** The filter text of a rule that covers only a key prefix; "" covers the whole bucket. */
  public static String prefixFilter(String prefix) {
    return prefix == null || prefix.isEmpty() ? WHOLE_BUCKET : "prefix '" + prefix + "'";
  }

  /**
   * The whole rule, for comparing with the catalog: "Enabled, priority 1, whole bucket, delete
   * markers Disabled, to mycomputer-assets-dr, STANDARD_IA, RTC 15m, role replication-role".
   */
  public String describe() {
    return status
        + ", priority "
        + (priority == null ? "none" : priority)
        + ", "
        + filter
        + ", delete markers "
        + deleteMarkerReplication
        + ", to "
        + destination();
  }

  /**
   * Only where and how it replicates, the comparison of runs before the whole rule was compared.
   */
  public String describeDestination() {
    return status + " to " + destination();
  }

  private String destination() {
    String bucket =
        destinationBucketArn == null
            ? "?"
            : destinationBucketArn.replaceFirst("^arn:aws:s3:::", "");
    String roleName = role == null ? "none" : role.replaceFirst("^arn:aws:iam::\\d+:role/", "");
    return bucket
        + ", "
        + storageClass
        + ", RTC "
        + (replicationTimeMinutes == null ? "off" : replicationTimeMinutes + "m")
        + ", role "
        + roleName;
  }
}
