package dev.drrunbooks.catalog;

/**
 * A weighted Route53 record with its Primary and Secondary alias sets and the health check on the
 * primary.
 */
public record DnsRecordSpec(
    String hostedZone,
    String name,
    String type,
    WeightedTarget primary,
    WeightedTarget secondary,
    HealthCheckRef healthCheck) {}
