package dev.drrunbooks.approval;

import dev.drrunbooks.catalog.Durations;
import java.time.Duration;
import java.time.Instant;

/**
 * What a waiting gate shows in the Temporal UI's Current Details (Markdown): the step, the exact
 * {@code dr} commands that answer it, the Update and signal names with the JSON payload they take,
 * the deadline and what happens at it. No secrets: the payload is a template, filled in by whoever
 * answers.
 */
final class GateDetails {
  private GateDetails() {}

  /** The dr command that approves the gate: {@code dr approve RUN --step STEP --why REASON}. */
  static String answerCommand(String workflowId, String step) {
    return "dr approve " + workflowId + " --step " + step + " --why REASON";
  }

  /** The timer's label: "approval deadline for switch-traffic". */
  static String timerSummary(String step) {
    return "approval deadline for " + step;
  }

  /**
   * @param workflowId the waiting run's id, as the commands need it
   * @param onTimeout "proceed" or "abort"
   * @param needs who may answer ({@link GateApprovers#describe()})
   */
  static String of(
      String workflowId,
      String step,
      Instant deadline,
      Duration timeout,
      String onTimeout,
      String needs) {
    String payload = "{\"step\": \"" + step + "\", \"who\": \"NAME\", \"why\": \"REASON\"}";
    return "**Waiting for:** approval of step `"
        + step
        + "` until "
        + deadline
        + " ("
        + Durations.format(timeout)
        + " after the gate opened); **on timeout:** "
        + onTimeout
        + "\n\n**Who:** "
        + needs
        + (needs.contains("(anyone)")
            ? ""
            : " (as `operator:$DR_OPERATOR` with dr, or through the gateway; not from this UI)")
        + "\n\n**Answer with:** `"
        + answerCommand(workflowId, step)
        + "` (or `dr abort` with the same options)\n\n"
        + "**Or send:** Update `approve` or `abort` (signals `approveSignal`, `abortSignal`)"
        + " with `"
        + payload
        + "`";
  }
}
