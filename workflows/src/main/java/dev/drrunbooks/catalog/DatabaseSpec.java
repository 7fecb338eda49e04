package dev.drrunbooks.catalog;

/**
 * The service's RDS instance in the primary region, its database name, backup policy and, optionally,
 * where its restores go ({@code restore}; default: as the source instance).
 */
public record DatabaseSpec(String instance, String name, BackupSpec backup, RestoreSettings restore) {}
