package dev.drrunbooks.readiness;

import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.activities.rds.ReplicaState;
import dev.drrunbooks.standby.Standby;
import java.time.Duration;

/**
 * A replica-strategy service's warm standby, as readiness checks it: the catalog's read replica
 * replicating from the catalog's primary, with a ReplicaLag datapoint in the last minutes within
 * the RPO (or the RPO acknowledged as unmet in the catalog, {@code recovery.knowinglyUnmet.rpo}).
 * Its lag is what a region loss would lose of the database now
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Monitoring.html). Pure.
 *
 * @param lag the lag as a whole-second window; null when the replica does not replicate or no
 *     datapoint was found
 */
record StandbyReplicaCheck(ReadinessCheck check, Duration lag, String label) {

  static StandbyReplicaCheck of(
      String service,
      Standby standby,
      ReplicaState state,
      ReplicaLag lag,
      Duration rpo,
      boolean rpoKnowinglyUnmet) {
    String label = "standby replica " + standby.replicaLabel();
    String expected =
        "a read replica of "
            + standby.primaryInstance()
            + ", replicating, ReplicaLag within RPO "
            + Ages.of(rpo)
            + (rpoKnowinglyUnmet ? " (or known: the catalog accepts the RPO as unmet)" : "");
    if (!state.found())
      return new StandbyReplicaCheck(
          ReadinessCheck.of(
              service,
              label,
              expected,
              "not found: dr standby-instantiate --apply creates it",
              false),
          null,
          label);
    boolean ofPrimary = state.replicatesFromASource() && standby.isSource(state.sourceIdentifier());
    boolean replicating =
        ofPrimary
            && (state.replication() == null
                || ("replicating".equals(state.replication())
                    && !Boolean.FALSE.equals(state.replicationNormal())));
    Duration window =
        replicating && lag != null && lag.hasData()
            ? Duration.ofSeconds((long) Math.ceil(lag.seconds()))
            : null;
    String found =
        state.describe()
            + (window == null
                ? "; no ReplicaLag datapoint"
                : "; ReplicaLag " + window.toSeconds() + " s");
    boolean passes =
        replicating && window != null && (rpoKnowinglyUnmet || window.compareTo(rpo) <= 0);
    return new StandbyReplicaCheck(
        ReadinessCheck.of(service, label, expected, found, passes), window, label);
  }
}
