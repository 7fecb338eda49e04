package dev.drrunbooks.activities.notify;

import java.time.Instant;

/**
 * The gate a {@link NotificationKind#GATE_WAITING} notification asks people to answer.
 *
 * @param step the gate's step name, e.g. "switch-traffic" (the Slack buttons carry it)
 * @param deadline when the gate's default decides
 * @param onTimeout what the default does: "proceed" or "abort"
 * @param approvers who may answer and how many, as the approval policy words it
 */
public record WaitingGate(String step, Instant deadline, String onTimeout, String approvers) {}
