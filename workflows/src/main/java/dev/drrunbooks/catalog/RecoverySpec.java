package dev.drrunbooks.catalog;

/**
 * How the service's database is recovered in the DR region ({@code recovery:} in the catalog).
 * Without it, or without a strategy, the strategy is {@link RecoveryStrategy#RESTORE}.
 *
 * @param strategy restore, replica or aurora-global
 * @param replica the cross-region read replica kept as the standby (strategy replica only)
 * @param auroraGlobal the global cluster and its secondary (strategy aurora-global only)
 * @param databasePointer what the application reads to find its database, moved to the standby on
 *     failover (replica and aurora-global)
 * @param knowinglyUnmet why an objective the strategy cannot meet in principle is accepted as unmet
 * @param oldPrimary whether the old primary may be deleted once the standby was promoted (replica
 *     and aurora-global); null: {@link OldPrimary#KEEP}
 */
public record RecoverySpec(
    RecoveryStrategy strategy,
    ReplicaStandby replica,
    AuroraGlobalStandby auroraGlobal,
    DatabasePointer databasePointer,
    UnmetObjectives knowinglyUnmet,
    OldPrimary oldPrimary) {

  /** A service without {@code recovery:} restores. */
  public static final RecoverySpec RESTORE =
      new RecoverySpec(RecoveryStrategy.RESTORE, null, null, null, null, null);

  /** The strategy, {@link RecoveryStrategy#RESTORE} when none is written. */
  public RecoveryStrategy strategyOrDefault() {
    return strategy == null ? RecoveryStrategy.RESTORE : strategy;
  }

  /** The old primary's policy, {@link OldPrimary#KEEP} when none is written. */
  public OldPrimary oldPrimaryOrDefault() {
    return oldPrimary == null ? OldPrimary.KEEP : oldPrimary;
  }
}
