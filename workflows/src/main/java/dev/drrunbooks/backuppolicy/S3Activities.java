package dev.drrunbooks.backuppolicy;

import dev.drrunbooks.catalog.ReplicationSpec;
import io.temporal.activity.ActivityInterface;

/** S3 bucket configuration. Each call has at most one side effect and is safe to retry. */
@ActivityInterface(namePrefix = "S3")
public interface S3Activities {

  /** "Enabled", "Suspended", or "Off" for a bucket that never had versioning. */
  String versioningStatus(String region, String bucket);

  void enableVersioning(String region, String bucket);

  /** The replication rule with this id, or null when the bucket has no such rule. */
  ReplicationRuleState replicationRule(String region, String bucket, String ruleId);

  /**
   * Adds or replaces the rule with this id, keeping the bucket's other replication rules as they
   * are.
   */
  void putReplicationRule(String region, String bucket, ReplicationSpec rule);
}
