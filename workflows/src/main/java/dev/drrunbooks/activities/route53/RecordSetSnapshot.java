package dev.drrunbooks.activities.route53;

import java.util.Map;

/**
 * One weighted record set as ListResourceRecordSets returned it: its set identifier, its weight and
 * every other field, keyed by the Route 53 API's member name ({@code HealthCheckId}, {@code TTL},
 * {@code ResourceRecords}, {@code AliasTarget.DNSName}, {@code
 * AliasTarget.EvaluateTargetHealth}...), values as text; a field the set does not have is absent.
 * Kept so that a change of the weight can be checked afterwards to have left everything else as it
 * was.
 */
public record RecordSetSnapshot(String setIdentifier, Long weight, Map<String, String> fields) {}
