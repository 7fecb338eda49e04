package dev.drrunbooks.catalog;

/** The service's RDS instance in the primary region, its database name and backup policy. */
public record DatabaseSpec(String instance, String name, BackupSpec backup) {}
