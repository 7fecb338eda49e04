package dev.drrunbooks.activities.rds;

import dev.drrunbooks.model.Ownership;

/** restore-db-instance-from-db-snapshot into an instance this run owns. */
public record SnapshotRestoreRequest(
    String region,
    SnapshotInfo snapshot,
    String targetInstanceId,
    InstanceShape shape,
    Ownership owner) {}
