package dev.drrunbooks.standby;

import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.model.TimelineEntry;
import java.util.List;

/**
 * What a replicate-back did.
 *
 * @param newPrimary the promoted standby, "mycomputer-payments-db-replica (eu-central-1)"
 * @param reverseReplica the new standby, "mycomputer-payments-db (eu-west-1)"
 * @param oldPrimary what became of the old primary: "none was there", "deleted (final snapshot
 *     ...)", or why it is still there
 * @param lag the reverse replica's ReplicaLag once it replicates; null unless REPLICATING
 * @param approval the gate's decision before the old primary's deletion; null when not asked
 */
public record StandbyReplicateResult(
    String service,
    StandbyReplicateOutcome outcome,
    String newPrimary,
    String reverseReplica,
    String oldPrimary,
    ReplicaLag lag,
    GateDecision approval,
    List<TimelineEntry> timeline,
    String summary) {}
