package dev.drrunbooks.failover;

import dev.drrunbooks.activities.route53.WeightedRecordState;
import dev.drrunbooks.approval.GateStatus;
import java.util.List;

/**
 * The status query: phase, the gate waited at (if any), the weights seen before the switch, and the
 * answers the gate ignored (a signal for the wrong step, a malformed payload) with why.
 */
public record FailoverStatus(
    String phase,
    GateStatus waitingFor,
    WeightedRecordState weightsBefore,
    String detail,
    List<String> ignoredAnswers) {}
