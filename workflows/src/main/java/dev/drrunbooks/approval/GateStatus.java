package dev.drrunbooks.approval;

import java.time.Instant;
import java.util.List;

/**
 * The gate a run is waiting at, for the status query: what to approve, until when, what happens
 * then, who may answer, and the approvals counted so far.
 *
 * @param needs e.g. "2 distinct approvers from operator:alice, slack:U1" ({@link
 *     GateApprovers#describe()}); null in runs recorded before approval policies
 * @param approvals the approvals counted so far ({@link GateAnswer#line()})
 */
public record GateStatus(
    String step, Instant deadline, String onTimeout, String needs, List<String> approvals) {

  public GateStatus {
    approvals = approvals == null ? List.of() : List.copyOf(approvals);
  }
}
