package dev.drrunbooks.activities.rds;

import dev.drrunbooks.model.Ownership;
import io.temporal.activity.ActivityInterface;
import java.time.Instant;

/**
 * Restoring RDS instances. Creating calls are idempotent by name: a retry that finds the instance
 * already created by this run returns it; one that finds it created by anyone else fails,
 * non-retryably, naming the instance and its tags.
 */
@ActivityInterface(namePrefix = "Rds")
public interface RdsRestoreActivities {

  /** Earliest and latest restorable time of an instance. */
  RestorableWindow restorableWindow(String region, String instanceId);

  InstanceInfo describeInstance(String region, String instanceId);

  /**
   * The source a point-in-time restore can use and its restorable window: in the instance's own
   * region the live instance, else the retained automated backup of the deleted instance of that
   * name
   * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.Retaining.html);
   * in another region the automated backups replicated there from it
   * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html). Fails
   * non-retryably ({@code RdsNoRestoreSource}) when there is none, naming every place searched.
   */
  RestoreSource findRestoreSource(RestoreSourceQuery query);

  /**
   * Starts the restore and returns at once; tags the instance with the owner and the restore point.
   * Sends the request's shape over the source instance's subnet group, security groups, parameter
   * and option group and Multi-AZ, so the restored instance is in the application's network (RDS
   * would otherwise use its defaults).
   */
  InstanceInfo restoreToPointInTime(PointInTimeRestoreRequest request);

  /**
   * Starts the restore and returns at once; tags the instance with the owner and the snapshot it
   * came from. Settings as {@link #restoreToPointInTime}, from the snapshot's instance; when that
   * no longer exists, the request must give subnet group, security groups and parameter group
   * (refused, naming what is missing).
   */
  InstanceInfo restoreFromSnapshot(SnapshotRestoreRequest request);

  /**
   * Polls until the instance is available, with capped exponential backoff, heartbeating the status
   * it sees. Past {@code deadline} it fails non-retryably with the last status seen. Resumes after
   * a worker restart: the deadline is absolute and the heartbeat carries the polls so far.
   */
  InstanceInfo awaitInstanceAvailable(String region, String instanceId, Instant deadline);

  /**
   * One poll of the same wait: the instance when it is available; else a retryable failure of type
   * {@link dev.drrunbooks.model.Polls#NOT_YET} whose next-retry delay is the pause before the next
   * poll (sparse early, dense where measured restores end), so between polls the wait holds no
   * worker thread or activity slot: the server's retry timer is the wait. Call it with {@link
   * dev.drrunbooks.model.ActivityDefaults#pollUntil} options (unlimited attempts, one minute an
   * attempt). Past {@code deadline}, or in a state it never leaves for available, it fails
   * non-retryably as {@link #awaitInstanceAvailable} does.
   */
  InstanceInfo pollInstanceAvailable(String region, String instanceId, Instant deadline);

  /**
   * The same poll for an instance the run has just restored, whose class the restore call answered
   * ({@code instanceClass}, null when it did not say): the first attempt describes nothing, since
   * the restore's answer was the look at once, and names the pause until the first describe of
   * {@link RestorePollCadence#deferred}'s cadence; every later attempt is one poll as {@link
   * #pollInstanceAvailable}. Time counts from {@code restoreAnsweredAt}, when RDS answered the
   * restore call ({@link InstanceInfo#restoreAnsweredAt}), so the time the run took to schedule
   * this wait is not added to the detection lag; null (an adopted instance, or a run scheduled
   * before it was passed): from this activity's first scheduling. A {@code restoreAnsweredAt} after
   * that (another worker's clock ahead) counts from the scheduling too.
   */
  InstanceInfo pollRestoredInstanceAvailable(
      String region,
      String instanceId,
      String instanceClass,
      Instant deadline,
      Instant restoreAnsweredAt);

  /**
   * Checks that an available restored instance is where {@code check} intended: subnet group,
   * security groups, parameter group, option group, Multi-AZ. Fails non-retryably ({@code
   * RestorePlacementMismatch}) naming each field that differs; returns the placement found.
   */
  String verifyPlacement(PlacementCheck check);

  /**
   * After validation passed, settles a restored copy's protections and verifies them by describing
   * it again. Every copy gets the source's IAM database authentication, MaxAllocatedStorage and
   * CopyTagsToSnapshot where the restore did not already carry them
   * (RestoreDBInstanceFromDBSnapshot has no MaxAllocatedStorage); a kept copy ({@code keep}) also
   * the source's deletion protection and backup retention; a validation copy has deletion
   * protection turned off. One ModifyDBInstance with ApplyImmediately, only for what differs;
   * refuses an instance whose tags do not name the owner. Returns every setting where the copy
   * still differs from its source, with why. A setting that does not take is retried, then fails
   * naming it.
   */
  CopySettings protectRestoredCopy(CopyProtectionRequest request);

  /**
   * Deletes the instance (no final snapshot) only if its tags name {@code owner}; refuses loudly
   * otherwise. Returns "deleting", or "already gone" when there is nothing to delete.
   */
  String deleteOwnedInstance(String region, String instanceId, Ownership owner);
}
