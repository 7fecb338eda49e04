package dev.drrunbooks.standby;

import dev.drrunbooks.catalog.Durations;
import dev.drrunbooks.catalog.RecoveryStrategy;
import dev.drrunbooks.catalog.ServiceSpec;
import java.time.Duration;

/**
 * The largest replication lag (ReplicaLag, AuroraGlobalDBReplicationLag) a warm standby is healthy
 * with: the service's RPO. Where the catalog accepts the RPO as unmet ({@code
 * recovery.knowinglyUnmet.rpo}, Payments' RPO 0 under asynchronous replication), the lag may exceed
 * the RPO, but not what a point-in-time restore would lose, {@link RecoveryStrategy#RESTORE}'s
 * smallest RPO (5 min: the latest restorable time trails by about five minutes,
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIT.html): a standby lagging further
 * is no better than the restore it exists to beat, and readiness and the audit say so. Pure.
 *
 * @param max the largest lag allowed; null: any measured lag (how readiness judged an accepted RPO
 *     before this bound, kept for the histories of those runs)
 * @param rpo the service's RPO; null when the catalog gives none (then nothing is bounded)
 * @param rpoKnowinglyUnmet whether the catalog accepts the RPO as unmet
 */
public record StandbyLagAllowance(Duration max, Duration rpo, boolean rpoKnowinglyUnmet) {

  /** The allowance for {@code spec}'s standby. */
  public static StandbyLagAllowance of(ServiceSpec spec) {
    return of(spec, true);
  }

  /**
   * @param bounded false only to replay runs that judged an accepted RPO with no bound
   */
  public static StandbyLagAllowance of(ServiceSpec spec, boolean bounded) {
    Duration rpo = spec.objectives() == null ? null : spec.objectives().rpo();
    var unmet = spec.recoveryOrDefault().knowinglyUnmet();
    boolean accepted = unmet != null && unmet.rpo() != null;
    if (rpo == null) return new StandbyLagAllowance(null, null, accepted);
    if (!accepted) return new StandbyLagAllowance(rpo, rpo, false);
    if (!bounded) return new StandbyLagAllowance(null, rpo, true);
    Duration restore = RecoveryStrategy.RESTORE.smallestRpo();
    return new StandbyLagAllowance(rpo.compareTo(restore) >= 0 ? rpo : restore, rpo, true);
  }

  /** Whether a lag of {@code lag} (whole seconds, rounded up) is within the allowance. */
  public boolean allows(Duration lag) {
    return max == null || lag.compareTo(max) <= 0;
  }

  /**
   * What the check expects: "within RPO 5m"; with an accepted RPO, "within 5m (RPO 0s, accepted as
   * unmet: at most what a point-in-time restore would lose)".
   */
  public String describe() {
    if (rpo == null) return "measured (the catalog gives no RPO)";
    if (!rpoKnowinglyUnmet) return "within RPO " + Durations.format(rpo);
    if (max == null)
      return "within RPO " + Durations.format(rpo) + " (or known: the catalog accepts it as unmet)";
    return "within "
        + Durations.format(max)
        + " (RPO "
        + Durations.format(rpo)
        + ", accepted as unmet: at most what a point-in-time restore would lose)";
  }
}
