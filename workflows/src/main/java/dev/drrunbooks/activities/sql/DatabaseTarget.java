package dev.drrunbooks.activities.sql;

/**
 * A database to check: the RDS instance it lives on, its endpoint as RDS reports it, and the
 * database name from the catalog. No credentials: the activity finds those itself.
 */
public record DatabaseTarget(
    String region, String instanceId, String endpointAddress, Integer port, String databaseName) {}
