package dev.drrunbooks.catalog;

/**
 * What the application reads to find its database, exactly one of: a Route 53 CNAME record ({@code
 * cname}, in the public or private hosted zone {@code hostedZone}, default the zone whose name the
 * record ends with), or an AWS Systems Manager Parameter Store parameter holding the endpoint
 * ({@code parameter}, e.g. /mycomputer/payments/database-host; in each region the application runs
 * in).
 */
public record DatabasePointer(String cname, String hostedZone, String parameter) {}
