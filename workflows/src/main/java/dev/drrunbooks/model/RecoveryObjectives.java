package dev.drrunbooks.model;

import dev.drrunbooks.catalog.Objectives;
import java.time.Duration;
import java.time.Instant;

/** Achieved RTO and RPO of a recovery against the service's objectives, breaches flagged. */
public record RecoveryObjectives(ObjectiveCheck rto, ObjectiveCheck rpo) {

  /**
   * RTO runs from the incident (or the run's start when no incident time is given) to recovery; RPO
   * is the data lost: from the restore point to the incident (or the run's start).
   */
  public static RecoveryObjectives measure(
      Objectives objectives,
      Instant incidentTime,
      Instant runStart,
      Instant recoveredAt,
      Instant restorePoint) {
    Instant from = incidentTime != null ? incidentTime : runStart;
    String basis =
        incidentTime != null ? "from incident time " + incidentTime : "from run start " + runStart;
    Duration rpo = restorePoint == null ? null : Duration.between(restorePoint, from);
    if (rpo != null && rpo.isNegative()) rpo = Duration.ZERO;
    return new RecoveryObjectives(
        ObjectiveCheck.of(
            objectives == null ? null : objectives.rto(),
            recoveredAt == null ? null : Duration.between(from, recoveredAt),
            basis),
        ObjectiveCheck.of(objectives == null ? null : objectives.rpo(), rpo, basis));
  }

  public boolean breached() {
    return rto.breached() || rpo.breached();
  }
}
