package dev.drrunbooks.standby;

import dev.drrunbooks.activities.rds.ReplicaLag;
import java.time.Duration;

/**
 * The replica's lag against the service's RPO, just before the gate and again just before the
 * promotion: promoting loses the writes the replica had not yet applied, so the lag is the
 * data-loss window, and the RPO achieved. Pure.
 *
 * @param lag the newest ReplicaLag datapoint, or none (a replica whose source is unreachable or
 *     which stopped replicating publishes none: unknown, never 0)
 * @param rpo the service's RPO objective
 * @param primaryAvailable whether the primary answered as available (a planned failover) or not
 */
record LagAssessment(ReplicaLag lag, Duration rpo, boolean primaryAvailable) {

  /** The lag as a window of lost writes, whole seconds rounded up; null when unknown. */
  Duration dataLossWindow() {
    if (lag == null || !lag.hasData()) return null;
    return Duration.ofSeconds((long) Math.ceil(lag.seconds()));
  }

  /** Known, and no more than the RPO (any known lag, for a service without one). */
  boolean withinRpo() {
    Duration window = dataLossWindow();
    return window != null && (rpo == null || window.compareTo(rpo) <= 0);
  }

  /** For the gate, the timeline and the result: "ReplicaLag 3 s (RPO 0 s) ...". */
  String describe() {
    Duration window = dataLossWindow();
    String lagText =
        window == null
            ? "ReplicaLag unknown (no datapoint in the last "
                + StandbyFailoverWorkflowImpl.LAG_WINDOW.toMinutes()
                + " min)"
            : "ReplicaLag " + window.toSeconds() + " s at " + lag.at();
    return lagText
        + " against the RPO "
        + (rpo == null ? "(none)" : rpo.toSeconds() + " s")
        + "; the primary is "
        + (primaryAvailable
            ? "available (planned failover)"
            : "not available (unplanned failover)");
  }

  /** Why the run will not promote without acceptDataLoss. */
  String refusal() {
    return (dataLossWindow() == null
            ? "the replica's lag is unknown, so the data loss cannot be bounded"
            : "promoting now loses up to "
                + dataLossWindow().toSeconds()
                + " s of writes, more than the RPO allows")
        + " ("
        + describe()
        + "); start again with --accept-data-loss (input acceptDataLoss) to promote anyway (the"
        + " gate still asks)";
  }
}
