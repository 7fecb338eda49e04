package dev.drrunbooks.catalog;

import java.util.List;

/**
 * One service as written in the catalog; {@code dns} and {@code buckets} are keys into the catalog.
 * {@code healthEndpoint} is production's; {@code drillHealthUrl} is the template of where the
 * monthly drill smoke-tests its own deployment ({@link DrillHealthUrl}; none: the drill has no
 * smoke test). {@code approval} says who may answer its approval gates ({@link ApprovalSpec}; none:
 * anyone, with two distinct approvers for a Critical service). {@code accountId}: the AWS account
 * its resources are in when not the catalog's {@code accountId} (reached through the catalog's
 * {@code accounts} role); null: the catalog's. {@code recovery}: how its database is recovered in
 * the DR region ({@link RecoverySpec}; none: restores).
 */
public record ServiceSpec(
    String displayName,
    Priority priority,
    Objectives objectives,
    List<String> dependsOn,
    DatabaseSpec database,
    EcsSpec ecs,
    String dns,
    List<String> buckets,
    String healthEndpoint,
    String drillHealthUrl,
    List<ValidationQuery> validationQueries,
    FailoverPolicy failover,
    ApprovalSpec approval,
    String accountId,
    RecoverySpec recovery) {

  public ServiceSpec {
    dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    buckets = buckets == null ? List.of() : List.copyOf(buckets);
    validationQueries = validationQueries == null ? List.of() : List.copyOf(validationQueries);
  }

  /** How its database is recovered: {@link RecoverySpec#RESTORE} when the catalog says nothing. */
  public RecoverySpec recoveryOrDefault() {
    return recovery == null ? RecoverySpec.RESTORE : recovery;
  }

  /** The failover policy with defaults filled in. */
  public FailoverPolicy failoverPolicy() {
    return failover == null ? FailoverPolicy.DEFAULT : failover.withDefaults();
  }
}
