package dev.drrunbooks.failover;

import dev.drrunbooks.activities.dns.WeightedRecordState;
import dev.drrunbooks.approval.GateStatus;

/** The status query: phase, the gate waited at (if any), and the weights seen before the switch. */
public record FailoverStatus(String phase, GateStatus waitingFor, WeightedRecordState weightsBefore, String detail) {}
