package dev.drrunbooks.catalog;

/**
 * An S3 bucket, whether it must be versioned, and its cross-region replication rule (may be null).
 */
public record BucketSpec(
    String name, String region, Boolean versioning, ReplicationSpec replication) {}
