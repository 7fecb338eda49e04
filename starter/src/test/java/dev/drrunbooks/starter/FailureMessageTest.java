package dev.drrunbooks.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drrunbooks.model.FailureType;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import org.junit.jupiter.api.Test;

class FailureMessageTest {
  private static final WorkflowExecution PARENT =
      WorkflowExecution.newBuilder().setWorkflowId("incident-x").setRunId("r1").build();
  private static final WorkflowExecution CHILD =
      WorkflowExecution.newBuilder().setWorkflowId("pitr-inventory-x").setRunId("r2").build();

  @Test
  void theWholeChainInOneLineWithoutTemporalsBoilerplate() {
    ApplicationFailure rds =
        ApplicationFailure.newFailure("RDS refused: DBInstanceAlreadyExists", "RdsRefused");
    Throwable failed = runFailed(child(activity("restoreToPointInTime", rds)));
    assertEquals(
        "child run pitr-inventory-x failed: activity restoreToPointInTime failed: RDS refused: "
            + "DBInstanceAlreadyExists",
        FailureMessage.of(failed));
    assertEquals(ExitCodes.RUN_FAILED, FailureMessage.exitCode(failed));
  }

  @Test
  void aMessageRepeatedLowerDownIsKeptOnce() {
    ApplicationFailure rds = ApplicationFailure.newFailure("instance x not found", "NotFound");
    ApplicationFailure wrapped =
        ApplicationFailure.newNonRetryableFailureWithCause(
            "restore failed: instance x not found",
            "RestoreFailed",
            activity("restoreToPointInTime", rds));
    assertEquals(
        "restore failed: instance x not found: activity restoreToPointInTime failed",
        FailureMessage.of(runFailed(wrapped)));
  }

  @Test
  void anEmptyMessageShowsTheFailureType() {
    assertEquals(
        "SomethingBroke",
        FailureMessage.of(runFailed(ApplicationFailure.newFailure("", "SomethingBroke"))));
  }

  @Test
  void invalidInputIsBadInputAndAlreadyRunningIsRefused() {
    assertEquals(
        ExitCodes.BAD_INPUT,
        FailureMessage.exitCode(
            runFailed(
                ApplicationFailure.newNonRetryableFailure(
                    "restoreTime: 'yesterday' is not valid", FailureType.INVALID_INPUT.type()))));
    assertEquals(
        ExitCodes.REFUSED,
        FailureMessage.exitCode(
            runFailed(
                child(
                    ApplicationFailure.newNonRetryableFailure(
                        "dns-failover-api is running (started by alice)",
                        FailureType.ALREADY_RUNNING.type())))));
  }

  private static WorkflowFailedException runFailed(Throwable cause) {
    return new WorkflowFailedException(
        PARENT,
        "IncidentResponse",
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
        4,
        RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE,
        cause);
  }

  private static ChildWorkflowFailure child(Throwable cause) {
    return new ChildWorkflowFailure(
        5,
        6,
        "PointInTimeRestore",
        CHILD,
        "default",
        RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE,
        cause);
  }

  private static ActivityFailure activity(String type, Throwable cause) {
    return new ActivityFailure(
        "Activity task failed",
        7,
        8,
        type,
        "1",
        RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE,
        "worker@host",
        cause);
  }
}
