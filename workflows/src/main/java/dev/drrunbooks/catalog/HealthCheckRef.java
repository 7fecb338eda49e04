package dev.drrunbooks.catalog;

/**
 * The Route53 health check that watches a record's primary: by id when known, else found by the
 * FQDN and path it checks.
 */
public record HealthCheckRef(String id, String fqdn, String path) {}
