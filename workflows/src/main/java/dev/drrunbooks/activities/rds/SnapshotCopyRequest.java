package dev.drrunbooks.activities.rds;

import dev.drrunbooks.model.Ownership;

/**
 * copy-db-snapshot across regions: the source by ARN, the copy's id in the target region, and the
 * target region's KMS key when the source is encrypted (a KMS key does not cross regions).
 */
public record SnapshotCopyRequest(
    SnapshotInfo source,
    String targetRegion,
    String targetSnapshotId,
    String kmsKeyId,
    Ownership owner) {}
