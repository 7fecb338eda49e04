package dev.drrunbooks.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowServiceException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BusyAnswersTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  /**
   * As the SDK throws it when the server answers BUSY_WORKFLOW (seen in CI on a loaded machine).
   */
  private static RuntimeException busy() {
    return new WorkflowServiceException(
        WorkflowExecution.newBuilder().setWorkflowId("pitr-orders-1").build(),
        "PointInTimeRestore",
        Status.RESOURCE_EXHAUSTED.withDescription("Workflow is busy.").asRuntimeException());
  }

  @Test
  void aBusyServerIsPolledAgainUntilItsBusyAnswersHaveLastedThePatience() {
    BusyAnswers answers = new BusyAnswers();
    assertTrue(answers.pollAgain(busy(), T0));
    assertTrue(answers.pollAgain(busy(), T0.plus(BusyAnswers.PATIENCE).minusSeconds(1)));
    assertFalse(answers.pollAgain(busy(), T0.plus(BusyAnswers.PATIENCE)));
  }

  @Test
  void oneGoodAnswerStartsThePatienceOver() {
    BusyAnswers answers = new BusyAnswers();
    assertTrue(answers.pollAgain(busy(), T0));
    answers.answered();
    Instant later = T0.plus(BusyAnswers.PATIENCE).plusSeconds(10);
    assertTrue(answers.pollAgain(busy(), later));
    assertTrue(answers.pollAgain(busy(), later.plus(BusyAnswers.PATIENCE).minusSeconds(1)));
  }

  @Test
  void anyOtherErrorIsNotPolledThrough() {
    BusyAnswers answers = new BusyAnswers();
    assertFalse(answers.pollAgain(Status.UNAVAILABLE.asRuntimeException(), T0));
    assertFalse(answers.pollAgain(new IllegalStateException("bug"), T0));
  }

  @Test
  void aWaitThatGivesUpSaysTheServerIsBusyAndTheRunGoesOn() {
    CliFailure failure = OneLineErrors.classify(busy());
    assertEquals(ExitCodes.CANNOT_CONNECT, failure.exitCode());
    assertEquals(
        "Temporal is too busy to answer: Workflow is busy. (a run already started goes on; follow"
            + " it with dr watch RUN)",
        failure.getMessage());
  }
}
