package dev.drrunbooks.datarecovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Failures;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Only the restore's refusal of its restoreTime is relabelled; any other failure of the restore
 * passes as it is.
 */
class RestorePointRefusalTest {
  private static final Instant CORRUPTION = Instant.parse("2026-11-01T10:00:00.400Z");
  private static final Instant POINT = Instant.parse("2026-11-01T09:59:59Z");

  private static ChildWorkflowFailure child(String type, String message) {
    return new ChildWorkflowFailure(
        1,
        2,
        "PointInTimeRestore",
        WorkflowExecution.newBuilder().setWorkflowId("x-pitr").build(),
        "default",
        RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE,
        ApplicationFailure.newNonRetryableFailure(message, type));
  }

  @Test
  void theRestoresRefusalOfItsRestoreTimeIsTheCorruptionTimes() {
    RuntimeException e =
        RestorePointRefusal.relabel(
            child(
                FailureType.INVALID_INPUT.type(),
                "restoreTime: '" + POINT + "' is not valid; the restorable window is A to B"),
            CORRUPTION,
            POINT);
    assertEquals(FailureType.INVALID_INPUT.type(), Failures.rootType(e));
    assertEquals(
        "corruptionTime: the restore point "
            + POINT
            + " before the corruption at "
            + CORRUPTION
            + " cannot be "
            + "restored: '"
            + POINT
            + "' is not valid; the restorable window is A to B; nothing was restored",
        Failures.rootMessage(e));
  }

  @Test
  void otherFailuresPassUnchanged() {
    ChildWorkflowFailure otherField =
        child(FailureType.INVALID_INPUT.type(), "instanceClass: 'x' is not valid");
    assertSame(otherField, RestorePointRefusal.relabel(otherField, CORRUPTION, POINT));
    ChildWorkflowFailure otherType = child("RdsInstanceNotFound", "restoreTime: not what it seems");
    assertSame(otherType, RestorePointRefusal.relabel(otherType, CORRUPTION, POINT));
  }
}
