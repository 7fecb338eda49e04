package dev.drrunbooks.catalog;

/**
 * One weighted alias set of a DNS record: the ALB it points at, the region it lives in, the URL
 * that says whether that region serves, and the CloudWatch alarm that fires when it does not.
 */
public record WeightedTarget(
    String setIdentifier,
    String region,
    String aliasHostedZoneId,
    String aliasDnsName,
    Boolean evaluateTargetHealth,
    String healthEndpoint,
    String alarm) {}
