package dev.drrunbooks.activities.rds;

import dev.drrunbooks.model.Ownership;
import java.time.Instant;

/** restore-db-instance-to-point-in-time: source, target id (derived from the workflow id), the exact point. */
public record PointInTimeRestoreRequest(
    String region,
    String sourceInstanceId,
    String targetInstanceId,
    Instant restoreTime,
    InstanceShape shape,
    Ownership owner) {}
