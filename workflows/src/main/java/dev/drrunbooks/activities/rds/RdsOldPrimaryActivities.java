package dev.drrunbooks.activities.rds;

import io.temporal.activity.ActivityInterface;

/**
 * The old primary database of a service whose standby was promoted (issue 17, replicate back): the
 * one deletion dr-runbooks makes of a resource it did not create, allowed only where the catalog
 * marks the old primary replaceable ({@code recovery.oldPrimary}), behind its own gate, and with a
 * final snapshot. Non-retryable refusals (ApplicationFailure) change nothing and name what was
 * found.
 */
@ActivityInterface(namePrefix = "RdsOldPrimary")
public interface RdsOldPrimaryActivities {

  /**
   * Where {@code instanceId} in {@code region} lives, for a replica that is to take its place: its
   * DB subnet group, VPC security groups, the KMS key its storage is encrypted with and its
   * instance class (DescribeDBInstances). Null when there is no such instance.
   */
  Placement placementOf(String region, String instanceId);

  /**
   * Deletes {@code instanceId} in {@code region}, the old primary that {@code replacedByArn} (the
   * promoted standby) replaced: the catalog's primary after a failover, the catalog's replica after
   * a failback (whose {@code dr-runbooks:kept} tag does not protect it here: the ARN decides):
   * DeleteDBInstance with a final snapshot {@code finalSnapshotId} and the automated backups
   * retained (DeleteAutomatedBackups false), so both the data as it was at the end and its
   * point-in-time window stay restorable
   * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html). Before
   * deleting it tags the instance {@code dr-runbooks:replaced-by} = {@code replacedByArn}.
   *
   * <p>Returns "deleting (...)" at once, or "already gone" when there is no such instance (a retry
   * after a lost response). Refused non-retryably, nothing changed ({@code OldPrimaryRefused}): an
   * instance whose ARN is not {@code expectedArn} (another account's or another instance), a read
   * replica (it is not the old primary), a source that still has read replicas, one with deletion
   * protection on (turning it off is a person's decision, recorded in AWS CloudTrail), or one
   * already being deleted by someone else without a final snapshot of this name.
   */
  String deleteReplacedPrimary(
      String region,
      String instanceId,
      String expectedArn,
      String replacedByArn,
      String finalSnapshotId);

  /**
   * One poll of the wait for the old primary's deletion, one describe per activity attempt (call it
   * with {@link dev.drrunbooks.model.ActivityDefaults#pollUntil} options): "gone" once RDS no
   * longer knows {@code instanceId} (the final snapshot is taken first, so this takes minutes);
   * else a retryable {@link dev.drrunbooks.model.Polls#NOT_YET} naming the status and the pause
   * before the next poll; past {@code deadline}, non-retryably {@code WaitDeadlineExceeded}.
   */
  String pollDeleted(String region, String instanceId, java.time.Instant deadline);
}
