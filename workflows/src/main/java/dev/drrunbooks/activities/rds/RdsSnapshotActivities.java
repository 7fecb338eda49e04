package dev.drrunbooks.activities.rds;

import dev.drrunbooks.model.Ownership;
import io.temporal.activity.ActivityInterface;
import java.time.Instant;
import java.util.List;

/** DB snapshots: listing, creating, copying across regions, waiting, deleting what the run owns. */
@ActivityInterface(namePrefix = "Rds")
public interface RdsSnapshotActivities {

  /** Every snapshot of the instance in the region, manual and automated, in no particular order. */
  List<SnapshotInfo> listSnapshots(String region, String instanceId);

  /** One snapshot by id or ARN; not found fails non-retryably naming the snapshot and region. */
  SnapshotInfo describeSnapshot(String region, String snapshotId);

  SnapshotInfo createManualSnapshot(
      String region, String instanceId, String snapshotId, Ownership owner);

  SnapshotInfo copySnapshot(SnapshotCopyRequest request);

  /** Like awaitInstanceAvailable, for a snapshot being created or copied. */
  SnapshotInfo awaitSnapshotAvailable(String region, String snapshotId, Instant deadline);

  /**
   * One poll of the same wait, as {@link RdsRestoreActivities#pollInstanceAvailable} polls an
   * instance: the snapshot when it is available, else a retryable {@link
   * dev.drrunbooks.model.Polls#NOT_YET} failure naming the pause before the next poll.
   */
  SnapshotInfo pollSnapshotAvailable(String region, String snapshotId, Instant deadline);

  /** Deletes the snapshot only if its tags name {@code owner}; "deleted" or "already gone". */
  String deleteOwnedSnapshot(String region, String snapshotId, Ownership owner);
}
