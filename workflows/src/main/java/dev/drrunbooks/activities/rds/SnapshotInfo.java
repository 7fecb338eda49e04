package dev.drrunbooks.activities.rds;

import java.time.Instant;

/** A DB snapshot, manual or automated ({@code type}), with what a restore or a copy needs. */
public record SnapshotInfo(
    String snapshotId,
    String arn,
    String region,
    String instanceId,
    String type,
    String status,
    Instant createdAt,
    boolean encrypted,
    String kmsKeyId) {}
