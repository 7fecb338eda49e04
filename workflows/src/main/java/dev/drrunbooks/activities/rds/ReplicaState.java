package dev.drrunbooks.activities.rds;

import java.util.Map;

/**
 * An RDS instance as a read replica, as DescribeDBInstances reports it.
 *
 * @param found false when there is no instance of that name in the region; every other field is
 *     then null (tags empty)
 * @param status DBInstanceStatus, e.g. available, modifying, rebooting
 * @param sourceIdentifier ReadReplicaSourceDBInstanceIdentifier as RDS reports it: the source's ARN
 *     for a cross-region replica, its bare identifier in the same region; null when the instance is
 *     not (or no longer) a read replica
 * @param replication the StatusInfos entry of type "read replication": replicating, error, stopped
 *     or terminated; null when RDS reports none
 *     (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstanceStatusInfo.html)
 * @param replicationNormal that entry's Normal flag (false: an error state); null with no entry
 * @param replicationMessage that entry's Message (the error's details); null when RDS gives none
 */
public record ReplicaState(
    String instanceId,
    String region,
    boolean found,
    String arn,
    String status,
    String sourceIdentifier,
    String replication,
    Boolean replicationNormal,
    String replicationMessage,
    Map<String, String> tags) {

  /** ARN of the source a read replica was created from, tagged by createReplica. */
  public static final String REPLICA_OF_TAG = "dr-runbooks:replica-of";

  /**
   * The source a read replica was promoted away from, tagged by promoteReplica just before
   * PromoteReadReplica: after the promotion RDS no longer names the source, and a retry or a later
   * run must still recognise the promotion as dr-runbooks' own.
   */
  public static final String PROMOTED_FROM_TAG = "dr-runbooks:promoted-from";

  /**
   * When promoteReplica asked for the promotion (ISO-8601 UTC), tagged with {@link
   * #PROMOTED_FROM_TAG}: after a failover and a failback both instances carry a promoted-from tag
   * naming the other, and only the times tell which promotion is the newer.
   */
  public static final String PROMOTED_AT_TAG = "dr-runbooks:promoted-at";

  public ReplicaState {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  /** No instance {@code instanceId} in {@code region}. */
  public static ReplicaState notFound(String region, String instanceId) {
    return new ReplicaState(
        instanceId, region, false, null, null, null, null, null, null, Map.of());
  }

  /**
   * It exists and RDS names a source it replicates from. (Not an is-getter: Jackson would write it
   * as a field, which the strict payload converter then refuses to read back.)
   */
  public boolean replicatesFromASource() {
    return found && sourceIdentifier != null;
  }

  /** For messages: "available, replica of ARN (replicating)" or "not found". */
  public String describe() {
    if (!found) return "not found";
    return status
        + (sourceIdentifier == null ? ", not a read replica" : ", replica of " + sourceIdentifier)
        + (replication == null
            ? ""
            : " (replication "
                + replication
                + (Boolean.FALSE.equals(replicationNormal) ? ", not normal" : "")
                + (replicationMessage == null ? "" : ": " + replicationMessage)
                + ")");
  }
}
