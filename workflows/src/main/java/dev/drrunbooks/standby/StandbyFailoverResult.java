package dev.drrunbooks.standby;

import dev.drrunbooks.activities.pointer.PointerMove;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.TimelineEntry;
import java.util.List;

/**
 * What a standby failover did.
 *
 * @param service the catalog key
 * @param outcome PROMOTED, REFUSED (lag above the RPO or unknown, without acceptDataLoss) or
 *     ABORTED
 * @param replica the standby's instance and region, "mycomputer-payments-db-replica (eu-central-1)"
 * @param endpoint the promoted instance's endpoint address; null unless promoted
 * @param assessment the lag against the RPO at the gate ({@link LagAssessment#describe()})
 * @param approval the gate's decision; null when refused before it
 * @param pointer the pointer's move; null unless promoted
 * @param checks the catalog's data checks on the promoted instance; null unless promoted
 * @param dnsFailover the DNS failover child's summary when {@code switchTraffic} asked for it
 * @param rto from the incident (or the run's start) to the checks' end
 * @param rpo the lag when the promotion was requested (the writes the replica had not applied)
 * @param timeline every step, measured
 * @param summary one line
 */
public record StandbyFailoverResult(
    String service,
    StandbyFailoverOutcome outcome,
    String replica,
    String endpoint,
    String assessment,
    GateDecision approval,
    PointerMove pointer,
    ValidationReport checks,
    String dnsFailover,
    ObjectiveCheck rto,
    ObjectiveCheck rpo,
    List<TimelineEntry> timeline,
    String summary) {}
