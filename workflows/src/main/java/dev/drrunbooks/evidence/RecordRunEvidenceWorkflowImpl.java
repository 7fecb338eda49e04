package dev.drrunbooks.evidence;

import dev.drrunbooks.activities.ledger.EndedRunEvidence;
import dev.drrunbooks.activities.ledger.LedgerActivities;
import dev.drrunbooks.activities.ledger.LedgerReceipt;
import dev.drrunbooks.model.ActivityDefaults;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class RecordRunEvidenceWorkflowImpl implements RecordRunEvidenceWorkflow {
  /**
   * How long the ledger may be unreachable before the write gives up: longer than a regional outage
   * is expected to last, shorter than Temporal keeps the run's history, from which the run can
   * still be read back.
   */
  static final Duration GIVE_UP_AFTER = Duration.ofDays(3);

  private final LedgerActivities ledger =
      Workflow.newActivityStub(
          LedgerActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(1))
              // the worker heartbeats every activity: a dead one is noticed in seconds, not at
              // the minute's end
              .setHeartbeatTimeout(ActivityDefaults.HEARTBEAT_TIMEOUT)
              .setScheduleToCloseTimeout(GIVE_UP_AFTER)
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setBackoffCoefficient(2.0)
                      .setMaximumInterval(Duration.ofMinutes(5))
                      .build())
              .build());

  @Override
  public LedgerReceipt record(EndedRunEvidence run) {
    return ledger.recordRun(run);
  }
}
