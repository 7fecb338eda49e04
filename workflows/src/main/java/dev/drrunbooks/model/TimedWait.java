package dev.drrunbooks.model;

import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@code Workflow.await(timeout, condition)} with a summary on its timer, so the Temporal UI shows
 * "approval deadline for switch-traffic" where it would show a timer's UUID. The SDK's await takes
 * no timer options; this issues the same commands it does (one StartTimer in the current scope, not
 * cancelled when the condition holds: the SDK's behaviour while its CANCEL_AWAIT_TIMER_ON_CONDITION
 * flag is off), and a summary is user metadata the replayer does not compare, so recorded histories
 * replay unchanged. Workflow code only.
 */
public final class TimedWait {
  private TimedWait() {}

  /**
   * Blocks until {@code done} holds or {@code timeout} passes.
   *
   * @param summary the timer's label in the UI, one short line
   * @return true when {@code done} held before the timer fired, as the SDK's await
   */
  public static boolean until(Duration timeout, String summary, Supplier<Boolean> done) {
    Promise<Void> timer =
        Workflow.newTimer(timeout, TimerOptions.newBuilder().setSummary(summary).build());
    Workflow.await(() -> timer.isCompleted() || done.get());
    return !timer.isCompleted();
  }
}
