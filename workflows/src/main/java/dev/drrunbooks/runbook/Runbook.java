package dev.drrunbooks.runbook;

import dev.drrunbooks.backuppolicy.BackupPolicy;
import dev.drrunbooks.backupvalidation.BackupValidation;
import dev.drrunbooks.datarecovery.CorruptedDataRecovery;
import dev.drrunbooks.drill.DrDrill;
import dev.drrunbooks.ecsrecovery.EcsServiceRecovery;
import dev.drrunbooks.evacuation.RegionEvacuation;
import dev.drrunbooks.failover.DnsFailover;
import dev.drrunbooks.fleet.FleetDrill;
import dev.drrunbooks.fleet.FleetValidation;
import dev.drrunbooks.incident.IncidentResponse;
import dev.drrunbooks.pitr.PointInTimeRestore;
import dev.drrunbooks.readiness.ReadinessEvaluation;
import dev.drrunbooks.runcleanup.RunCleanup;
import dev.drrunbooks.snapshotrestore.SnapshotRestore;
import dev.drrunbooks.standby.StandbyFailover;
import dev.drrunbooks.standby.StandbyInstantiate;
import dev.drrunbooks.standby.StandbyReplicate;
import java.util.List;
import java.util.Optional;

/**
 * The runbook's table of contents: every procedure an operator, a schedule or an incident can run,
 * each defined in its own package. The worker registers these, the starter has a command for each,
 * an ended run's report is found through its workflow type here.
 */
public final class Runbook {
  private static final List<Procedure<?, ?>> PROCEDURES =
      List.of(
          BackupPolicy.PROCEDURE,
          PointInTimeRestore.PROCEDURE,
          SnapshotRestore.PROCEDURE,
          BackupValidation.PROCEDURE,
          FleetValidation.PROCEDURE,
          DnsFailover.PROCEDURE,
          StandbyInstantiate.PROCEDURE,
          StandbyFailover.PROCEDURE,
          StandbyReplicate.PROCEDURE,
          EcsServiceRecovery.PROCEDURE,
          RegionEvacuation.PROCEDURE,
          DrDrill.PROCEDURE,
          FleetDrill.PROCEDURE,
          CorruptedDataRecovery.PROCEDURE,
          IncidentResponse.PROCEDURE,
          RunCleanup.PROCEDURE,
          ReadinessEvaluation.PROCEDURE);

  private Runbook() {}

  /** Every procedure, in the runbook's order. */
  public static List<Procedure<?, ?>> procedures() {
    return PROCEDURES;
  }

  /**
   * The procedure whose workflow type (as Temporal names it, e.g. {@code PointInTimeRestore}) this
   * is.
   */
  public static Optional<Procedure<?, ?>> ofWorkflowType(String workflowType) {
    return PROCEDURES.stream().filter(p -> p.workflowType().equals(workflowType)).findFirst();
  }

  /**
   * The procedure a key names ({@code pitr}, {@code dr-drill}; {@code dns-failback} is the DNS
   * failover's).
   */
  public static Optional<Procedure<?, ?>> ofKey(String key) {
    if (DnsFailover.FAILBACK_KEY.equals(key)) return Optional.of(DnsFailover.PROCEDURE);
    return PROCEDURES.stream().filter(p -> p.key().equals(key)).findFirst();
  }
}
