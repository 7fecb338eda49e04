package dev.drrunbooks.catalog;

/** One weighted alias set of a DNS record: the ALB it points at and the region it lives in. */
public record WeightedTarget(
    String setIdentifier, String region, String aliasHostedZoneId, String aliasDnsName, Boolean evaluateTargetHealth) {}
