package dev.drrunbooks.catalog;

import java.util.List;

/**
 * One service with everything a procedure needs resolved from the catalog: what workflows receive,
 * so a run's history records exactly the definition it acted on.
 *
 * @param approval the service's approval spec with its groups expanded to identities; null: none in
 *     the catalog (and in runs recorded before approval policies)
 */
public record ServiceDefinition(
    String key,
    String accountId,
    Regions regions,
    ServiceSpec spec,
    DnsRecordSpec dns,
    List<BucketSpec> buckets,
    ApprovalSpec approval) {

  public ServiceDefinition {
    buckets = buckets == null ? List.of() : List.copyOf(buckets);
  }
}
