package dev.drrunbooks.failover;

import dev.drrunbooks.activities.http.ProbeReport;
import dev.drrunbooks.activities.route53.WeightedRecordState;
import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.TimelineEntry;
import java.util.List;

/** What the run found, decided and did, with the evidence. */
public record DnsFailoverResult(
    String service,
    String record,
    Direction direction,
    FailoverOutcome outcome,
    WeightedRecordState weightsBefore,
    WeightedRecordState weightsAfter,
    GateDecision approval,
    List<String> assessment,
    List<ProbeReport> verification,
    ObjectiveCheck rto,
    List<TimelineEntry> timeline,
    String summary) {}
