package dev.drrunbooks.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;

class FailureTypeTest {
  @Test
  void theWireNamesNeverChange() {
    assertEquals("InvalidInput", FailureType.INVALID_INPUT.type());
    assertEquals("NotOwned", FailureType.NOT_OWNED.type());
    assertEquals("AlreadyRunning", FailureType.ALREADY_RUNNING.type());
    assertEquals("ValidationFailed", FailureType.VALIDATION_FAILED.type());
    assertEquals("RdsInstanceNotFound", FailureType.RDS_INSTANCE_NOT_FOUND.type());
    assertEquals("StackFailed", FailureType.STACK_FAILED.type());
    assertEquals("StackDeleteFailed", FailureType.STACK_DELETE_FAILED.type());
  }

  @Test
  void aNonRetryableFailureCarriesTheTypeMessageAndDetails() {
    ApplicationFailure f = FailureType.NOT_OWNED.nonRetryable("x is not ours", "detail");
    assertEquals("NotOwned", f.getType());
    assertEquals("x is not ours", f.getOriginalMessage());
    assertTrue(f.isNonRetryable());
    assertEquals("detail", f.getDetails().get(String.class));
  }

  @Test
  void isComparesTheFailureItselfAndIsRootOfTheInnermost() {
    ApplicationFailure notOwned = FailureType.NOT_OWNED.nonRetryable("x");
    assertTrue(FailureType.NOT_OWNED.is(notOwned));
    assertFalse(FailureType.INVALID_INPUT.is(notOwned));
    assertFalse(FailureType.NOT_OWNED.is(null));

    ApplicationFailure outer = ApplicationFailure.newFailureWithCause("wrapped", "Other", notOwned);
    assertTrue(FailureType.NOT_OWNED.isRootOf(outer));
    assertFalse(FailureType.NOT_OWNED.is(outer));
    assertFalse(FailureType.NOT_OWNED.isRootOf(new IllegalStateException("no failure type")));
    assertFalse(
        FailureType.INVALID_INPUT.isRootOf(
            new ActivityFailure(
                "a",
                1,
                2,
                "T",
                "id",
                io.temporal.api.enums.v1.RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE,
                "me",
                notOwned)));
  }
}
