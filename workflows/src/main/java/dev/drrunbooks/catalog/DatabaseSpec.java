package dev.drrunbooks.catalog;

/**
 * The service's RDS instance in the primary region, its database name, backup policy and,
 * optionally, where its restores go ({@code restore}; default: as the source instance) and where
 * its restores in the DR region go ({@code drRestore}: there is no source instance there to copy
 * the network from), and what corrupted-data recovery replays and checks in it ({@code
 * dataRecovery}; none: the service's data cannot be recovered by replay).
 */
public record DatabaseSpec(
    String instance,
    String name,
    BackupSpec backup,
    RestoreSettings restore,
    RestoreSettings drRestore,
    DataRecoverySpec dataRecovery) {}
