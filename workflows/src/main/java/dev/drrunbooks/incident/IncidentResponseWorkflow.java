package dev.drrunbooks.incident;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One incident, from the alert to the post-incident review. Phase deadlines run from detection; a
 * missed one is escalated once (the escalation webhook) and recorded. People and bots steer it with
 * validated updates; {@link #resolve} ends it. The starter names it {@code
 * incident-<yyyyMMddTHHmm>-<service>}.
 *
 * <p>Bots that can only signal send each update's payload as its signal twin ({@code
 * acknowledgeSignal}, {@code changeSeveritySignal}, {@code noteSignal}, {@code recoverSignal},
 * {@code verifySignal}, {@code resolveSignal}): the update's own validator and handler take it, and
 * a refused one shows in {@link IncidentStatus#rejectedSignals()} and the timeline with its reason
 * (a signal has no answer). A twin's parameter is the payload's JSON, read by the run, so a
 * malformed payload is recorded as refused rather than dropped by Temporal.
 *
 * <p>A long incident continues as new (same workflow id, a new run carrying its {@link
 * IncidentState}): address it by workflow id only, not by run id, so updates and queries reach the
 * current run.
 */
@WorkflowInterface
public interface IncidentResponseWorkflow {

  @WorkflowMethod(name = "IncidentResponse")
  IncidentResult run(IncidentInput input);

  @QueryMethod
  IncidentStatus status();

  @UpdateMethod
  IncidentStatus acknowledge(Acknowledgement ack);

  @UpdateValidatorMethod(updateName = "acknowledge")
  void validateAcknowledge(Acknowledgement ack);

  @UpdateMethod
  IncidentStatus changeSeverity(SeverityChange change);

  @UpdateValidatorMethod(updateName = "changeSeverity")
  void validateChangeSeverity(SeverityChange change);

  @UpdateMethod
  IncidentStatus note(IncidentNote note);

  @UpdateValidatorMethod(updateName = "note")
  void validateNote(IncidentNote note);

  /** Starts the recovery procedure as a child workflow and returns its workflow id. */
  @UpdateMethod
  String recover(RecoveryRequest request);

  @UpdateValidatorMethod(updateName = "recover")
  void validateRecover(RecoveryRequest request);

  @UpdateMethod
  IncidentStatus verify(Verification verification);

  @UpdateValidatorMethod(updateName = "verify")
  void validateVerify(Verification verification);

  @UpdateMethod
  IncidentStatus resolve(Resolution resolution);

  @UpdateValidatorMethod(updateName = "resolve")
  void validateResolve(Resolution resolution);

  // ---- signal twins: same payloads as the updates, for bots that can only signal

  /** {@code {"who": "pagerbot", "why": "paged"}}: as {@link #acknowledge}. */
  @SignalMethod(name = "acknowledgeSignal")
  void acknowledgeSignal(JsonNode ack);

  /** {@code {"severity": "P1", "who": "...", "why": "..."}}: as {@link #changeSeverity}. */
  @SignalMethod(name = "changeSeveritySignal")
  void changeSeveritySignal(JsonNode change);

  /** {@code {"who": "...", "text": "...", "kind": "assessment"}}: as {@link #note}. */
  @SignalMethod(name = "noteSignal")
  void noteSignal(JsonNode note);

  /**
   * {@code {"kind": "ecs", "service": "inventory", "who": "...", "why": "..."}}: as {@link
   * #recover} (the child's id shows in the status's children).
   */
  @SignalMethod(name = "recoverSignal")
  void recoverSignal(JsonNode request);

  /** {@code {"who": "...", "why": "smoke tests green", "services": ["inventory"]}}: as verify. */
  @SignalMethod(name = "verifySignal")
  void verifySignal(JsonNode verification);

  /** {@code {"who": "...", "why": "...", "force": false}}: as {@link #resolve}. */
  @SignalMethod(name = "resolveSignal")
  void resolveSignal(JsonNode resolution);
}
