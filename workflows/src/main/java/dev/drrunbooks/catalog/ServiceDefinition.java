package dev.drrunbooks.catalog;

import java.util.List;

/**
 * One service with everything a procedure needs resolved from the catalog: what workflows receive,
 * so a run's history records exactly the definition it acted on.
 */
public record ServiceDefinition(
    String key,
    String accountId,
    Regions regions,
    ServiceSpec spec,
    DnsRecordSpec dns,
    List<BucketSpec> buckets) {

  public ServiceDefinition {
    buckets = buckets == null ? List.of() : List.copyOf(buckets);
  }
}
