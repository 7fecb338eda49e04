package dev.drrunbooks.activities.rds;

import io.temporal.activity.ActivityInterface;
import java.time.Duration;
import java.time.Instant;

/**
 * A warm standby kept as an RDS cross-region read replica (issue 17): describe it, create it,
 * promote it to a standalone instance that accepts writes, wait for that, and read its lag.
 *
 * <p>Every call names the region it acts in. Non-retryable failures (ApplicationFailure) name the
 * instance and what was found; throttling, 5xx and network trouble are rethrown for Temporal's
 * retry policy. Refusals never change anything.
 */
@ActivityInterface(namePrefix = "RdsStandby")
public interface RdsStandbyActivities {

  /**
   * The instance {@code instanceId} in {@code region} as a read replica: its status, the source RDS
   * names in ReadReplicaSourceDBInstanceIdentifier (an ARN for a cross-region replica), and its
   * StatusInfos entry of type "read replication" (replicating, error, stopped or terminated, its
   * Normal flag and message:
   * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstanceStatusInfo.html). No
   * such instance is {@link ReplicaState#notFound}, not a failure.
   */
  ReplicaState describeReplica(String region, String instanceId);

  /**
   * Creates the read replica {@code request.instanceId()} in {@code request.region()} from the
   * source instance's ARN (CreateDBInstanceReadReplica in the replica's region with SourceRegion,
   * so the SDK presigns the request an encrypted source needs:
   * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html), in the
   * request's subnet group and security groups, encrypted with its KMS key, tagged with the run's
   * ownership, {@code dr-runbooks:replica-of} (the source's ARN) and {@link
   * dev.drrunbooks.model.Ownership#KEPT_TAG} = {@value
   * dev.drrunbooks.model.Ownership#KEPT_STANDBY}: the replica is the service's standby, made to
   * stay after its run, so {@code dr cleanup} of that run never deletes it. Returns at once; the
   * replica is then "creating" for minutes.
   *
   * <p>Idempotent by name: an existing instance this run owns that replicates the same source is
   * returned as it is. Refused non-retryably, naming the instance and its tags: one owned by anyone
   * else ({@code NotOwned}), one of this run's that replicates another source or nothing ({@code
   * ReplicaConflict}). Also refused: a source not found ({@code RdsInstanceNotFound}), an encrypted
   * source in another region without {@code kmsKeyId}, a request without subnet group ({@code
   * InvalidInput}); a quota reached ({@code RdsQuotaExceeded}).
   */
  InstanceInfo createReplica(ReplicaRequest request);

  /**
   * Promotes the read replica {@code instanceId} in {@code region} to a standalone instance
   * (PromoteReadReplica with BackupRetentionPeriod {@code backupRetentionDays}, 1 to 35:
   * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html). Returns at
   * once: the promotion takes minutes ({@link #pollPromoted}) and cannot be undone.
   *
   * <p>Only a replica of {@code expectedSourceArn} is promoted: an instance RDS reports replicating
   * from anything else, or not a replica with nothing saying it was one of that source, is refused
   * non-retryably ({@code RdsNotReplicaOfSource}), as is one not found. Before promoting it tags
   * the instance {@code dr-runbooks:promoted-from} = the source, so a retry after a lost response
   * recognises its own work: an instance with that tag (or {@code dr-runbooks:replica-of}) naming
   * the source that no longer reports a source is {@link Promotion#ALREADY_PROMOTED}; one RDS
   * refuses to promote again because it is busy promoting is {@link Promotion#UNDER_WAY}.
   *
   * @param expectedSourceArn the primary's ARN (a bare identifier matches a same-region replica)
   */
  Promotion promoteReplica(
      String region, String instanceId, String expectedSourceArn, int backupRetentionDays);

  /**
   * One poll of the wait for a promotion, one describe per activity attempt (as {@link
   * RdsRestoreActivities#pollInstanceAvailable}; call it with {@link
   * dev.drrunbooks.model.ActivityDefaults#pollUntil} options): the instance once it accepts writes,
   * i.e. its status is available AND RDS no longer reports ReadReplicaSourceDBInstanceIdentifier (a
   * promotion passes through modifying, backing-up and rebooting, and the source disappears only at
   * its end); else a retryable {@link dev.drrunbooks.model.Polls#NOT_YET} naming the pause before
   * the next poll. A state it never leaves for available (failed, storage-full, deleting...) ends
   * it non-retryably ({@code RdsBadState}); so does {@code deadline} ({@code WaitDeadlineExceeded},
   * naming the last status, e.g. "available (still a read replica of ARN)").
   */
  InstanceInfo pollPromoted(String region, String instanceId, Instant deadline);

  /**
   * One poll of the wait for a new read replica, one describe per activity attempt (call it with
   * {@link dev.drrunbooks.model.ActivityDefaults#pollUntil} options): the replica's state once its
   * status is available, RDS names a source in ReadReplicaSourceDBInstanceIdentifier, and its
   * StatusInfos "read replication" entry is replicating and normal
   * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstanceStatusInfo.html). A
   * replica RDS reports no such entry for (moto models none) counts once available. Otherwise a
   * retryable {@link dev.drrunbooks.model.Polls#NOT_YET} naming the pause before the next poll: a
   * new replica is "creating" for minutes
   * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Create.html), and a
   * replication error or stop may clear. A state it never leaves for that ends it non-retryably
   * ({@code RdsBadState}: failed, storage-full, deleting..., available but not a read replica, or
   * replication terminated); so does {@code deadline} ({@code WaitDeadlineExceeded}, naming the
   * last status, e.g. "available (read replication error)").
   */
  ReplicaState pollReplicaAvailable(String region, String instanceId, Instant deadline);

  /**
   * The replica's CloudWatch ReplicaLag (AWS/RDS, DBInstanceIdentifier, seconds): the newest
   * datapoint's Maximum within the last {@code window} (one datapoint a minute)
   * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Monitoring.html). None in
   * the window is {@link ReplicaLag#noData()}, never 0: a replica that stopped replicating
   * publishes nothing.
   *
   * @param window how far back to look, at least a minute
   */
  ReplicaLag replicaLagSeconds(String region, String instanceId, Duration window);
}
