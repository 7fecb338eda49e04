package dev.drrunbooks.standby;

import dev.drrunbooks.catalog.DatabasePointer;
import dev.drrunbooks.catalog.RecoverySpec;
import dev.drrunbooks.catalog.RecoveryStrategy;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.Inputs;

/**
 * A service's warm standby as the catalog describes it: the primary RDS instance, the cross-region
 * read replica kept of it, and the pointer the application reads. Pure.
 *
 * <p>For strategy aurora-global, the "instances" are the global cluster's primary and secondary
 * clusters ({@link #ofAnyStandby}).
 *
 * @param primaryArn {@code arn:aws:rds:REGION:ACCOUNT:db:INSTANCE}, the source a cross-region
 *     replica names
 *     (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html); {@code
 *     ...:cluster:CLUSTER} for an Aurora global database's primary cluster
 * @param replicaArn the standby's ARN (instance or cluster)
 * @param strategy replica or aurora-global
 * @param globalCluster the Aurora global cluster's id; null for a replica
 */
public record Standby(
    String primaryInstance,
    String primaryRegion,
    String primaryArn,
    String replicaInstance,
    String replicaRegion,
    DatabasePointer pointer,
    int backupRetentionDays,
    String replicaArn,
    RecoveryStrategy strategy,
    String globalCluster) {

  /** RDS's default automated-backup retention when the catalog gives none (days). */
  static final int DEFAULT_RETENTION_DAYS = 7;

  /**
   * The standby of {@code service}.
   *
   * @throws io.temporal.failure.ApplicationFailure InvalidInput naming the service when its
   *     strategy is not {@code replica} (a restore has no standby; aurora-global is its own path)
   */
  public static Standby of(ServiceDefinition service) {
    RecoverySpec recovery = service.spec().recoveryOrDefault();
    if (recovery.strategyOrDefault() != RecoveryStrategy.REPLICA || recovery.replica() == null)
      throw Inputs.invalid(
          "service",
          service.key(),
          "a service with a warm standby: catalog recovery.strategy replica or aurora-global"
              + " (this one's is "
              + recovery.strategyOrDefault().key()
              + (recovery.strategyOrDefault() == RecoveryStrategy.RESTORE
                  ? "; a restore strategy recovers with dr pitr or dr restore-snapshot)"
                  : ")"));
    String primary = service.spec().database().instance();
    String primaryRegion = service.regions().primary();
    String replicaRegion =
        recovery.replica().region() != null ? recovery.replica().region() : service.regions().dr();
    Integer retention =
        service.spec().database().backup() == null
            ? null
            : service.spec().database().backup().retentionDays();
    return new Standby(
        primary,
        primaryRegion,
        "arn:aws:rds:" + primaryRegion + ":" + service.accountId() + ":db:" + primary,
        recovery.replica().instance(),
        replicaRegion,
        recovery.databasePointer(),
        // PromoteReadReplica takes 0 to 35; 0 would switch backups off on the new primary.
        retention == null ? DEFAULT_RETENTION_DAYS : Math.max(1, Math.min(35, retention)),
        "arn:aws:rds:"
            + replicaRegion
            + ":"
            + service.accountId()
            + ":db:"
            + recovery.replica().instance(),
        RecoveryStrategy.REPLICA,
        null);
  }

  /**
   * The standby of {@code service} whatever its strategy: {@link #of} for a replica, the global
   * cluster's primary and secondary clusters for aurora-global
   * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html).
   *
   * @throws io.temporal.failure.ApplicationFailure InvalidInput for a restore strategy
   */
  public static Standby ofAnyStandby(ServiceDefinition service) {
    RecoverySpec recovery = service.spec().recoveryOrDefault();
    if (recovery.strategyOrDefault() != RecoveryStrategy.AURORA_GLOBAL
        || recovery.auroraGlobal() == null) return of(service);
    var g = recovery.auroraGlobal();
    String primaryRegion = service.regions().primary();
    String secondaryRegion =
        g.secondaryRegion() != null ? g.secondaryRegion() : service.regions().dr();
    String account = service.accountId();
    return new Standby(
        g.primaryCluster(),
        primaryRegion,
        "arn:aws:rds:" + primaryRegion + ":" + account + ":cluster:" + g.primaryCluster(),
        g.secondaryCluster(),
        secondaryRegion,
        recovery.databasePointer(),
        DEFAULT_RETENTION_DAYS,
        "arn:aws:rds:" + secondaryRegion + ":" + account + ":cluster:" + g.secondaryCluster(),
        RecoveryStrategy.AURORA_GLOBAL,
        g.globalCluster());
  }

  /**
   * The same standby with the roles swapped, for failing back after a failover and its
   * replicate-back: the catalog's replica (the promoted DR-region instance) is the primary, the
   * catalog's primary (the reverse replica under its name in the primary region) the standby.
   * Instances, regions and ARNs swap; the pointer, retention, strategy and global cluster stay.
   * Pure; {@code reversed().reversed()} equals this.
   */
  public Standby reversed() {
    return new Standby(
        replicaInstance,
        replicaRegion,
        replicaArn,
        primaryInstance,
        primaryRegion,
        pointer,
        backupRetentionDays,
        primaryArn,
        strategy,
        globalCluster);
  }

  /**
   * Whether {@code address} is the endpoint RDS gives {@code instance} in {@code region}:
   * INSTANCE.UNIQUE.REGION.rds.amazonaws.com
   * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ConnectToInstance.html), without
   * regard to case or a trailing dot.
   */
  static boolean isEndpointOf(String address, String instance, String region) {
    if (address == null) return false;
    String a = address.toLowerCase();
    if (a.endsWith(".")) a = a.substring(0, a.length() - 1);
    return a.startsWith(instance.toLowerCase() + ".") && a.contains("." + region + ".");
  }

  /** Whether a replica's ReadReplicaSourceDBInstanceIdentifier names this primary. */
  public boolean isSource(String sourceIdentifier) {
    return primaryArn.equals(sourceIdentifier) || primaryInstance.equals(sourceIdentifier);
  }

  /** "mycomputer-payments-db-replica (eu-central-1)". */
  public String replicaLabel() {
    return replicaInstance + " (" + replicaRegion + ")";
  }
}
