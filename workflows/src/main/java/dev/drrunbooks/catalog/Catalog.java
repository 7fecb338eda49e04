package dev.drrunbooks.catalog;

import java.util.List;
import java.util.Map;

/**
 * The service catalog: what the runbook protects, its objectives and where it lives; {@code
 * approverGroups} names sets of approver identities the services' {@link ApprovalSpec}s refer to as
 * {@code group:NAME}. {@code accountId} is the services' account unless a service names its own;
 * {@code accounts} says how the worker reaches each account by role ({@link AccountSpec}).
 */
public record Catalog(
    String organisation,
    String accountId,
    Regions regions,
    Map<String, ServiceSpec> services,
    Map<String, DnsRecordSpec> dnsRecords,
    Map<String, BucketSpec> buckets,
    Map<String, ScheduleSpec> schedules,
    Map<String, List<String>> approverGroups,
    Map<String, AccountSpec> accounts) {

  public Catalog {
    services = services == null ? Map.of() : Map.copyOf(services);
    dnsRecords = dnsRecords == null ? Map.of() : Map.copyOf(dnsRecords);
    buckets = buckets == null ? Map.of() : Map.copyOf(buckets);
    schedules = schedules == null ? Map.of() : Map.copyOf(schedules);
    approverGroups = approverGroups == null ? Map.of() : Map.copyOf(approverGroups);
    accounts = accounts == null ? Map.of() : Map.copyOf(accounts);
  }

  /** Service keys in a stable order, for tables and "all". */
  public List<String> serviceKeys() {
    return services.keySet().stream().sorted().toList();
  }

  /** Schedule keys in a stable order; each is the Temporal Schedule {@code dr-<key>}. */
  public List<String> scheduleKeys() {
    return schedules.keySet().stream().sorted().toList();
  }

  /** One service with the DNS record and buckets it references resolved. */
  public ServiceDefinition definitionOf(String serviceKey) {
    ServiceSpec spec = services.get(serviceKey);
    if (spec == null) {
      throw new IllegalArgumentException(
          "service '"
              + serviceKey
              + "' is not in the catalog; known services: "
              + String.join(", ", serviceKeys()));
    }
    DnsRecordSpec dns = spec.dns() == null ? null : dnsRecords.get(spec.dns());
    List<BucketSpec> serviceBuckets = spec.buckets().stream().map(buckets::get).toList();
    ApprovalSpec approval = spec.approval() == null ? null : spec.approval().expand(approverGroups);
    String account =
        spec.accountId() == null || spec.accountId().isBlank() ? accountId : spec.accountId();
    return new ServiceDefinition(serviceKey, account, regions, spec, dns, serviceBuckets, approval);
  }
}
