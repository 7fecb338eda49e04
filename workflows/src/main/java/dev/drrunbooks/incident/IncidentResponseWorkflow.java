package dev.drrunbooks.incident;

import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.WorkflowInterface;

/**
 * One incident, from the alert to the post-incident review. Phase deadlines run from detection; a
 * missed one is escalated once (the escalation webhook) and recorded. People and bots steer it with
 * validated updates; {@link #resolve} ends it. An update is rejected before it is written to
 * history when its payload or the incident's state refuses it (IllegalArgumentException, its
 * message starting with the field at fault); each answers the incident's status after it, {@link
 * #recover} the child's workflow id. The starter names it {@code
 * incident-<yyyyMMddTHHmm>-<service>}.
 *
 * <p>Bots that can only signal send each update's payload as its signal twin ({@code
 * acknowledgeSignal}, {@code changeSeveritySignal}, {@code noteSignal}, {@code recoverSignal},
 * {@code verifySignal}, {@code resolveSignal}): the update's own validator and handler take it, and
 * a refused one shows in {@link IncidentStatus#rejectedSignals()} and the timeline with its reason
 * (a signal has no answer). The payload's JSON is read by the run, so a malformed payload, or a
 * signal of another name, is recorded as refused rather than dropped by Temporal.
 *
 * <p>This is the clients' view; the worker runs {@link IncidentResponseRun} and answers these
 * updates and the signal twins from one table ({@link IncidentUpdates}).
 *
 * <p>A long incident continues as new (same workflow id, a new run carrying its {@link
 * IncidentState}): address it by workflow id only, not by run id, so updates and queries reach the
 * current run.
 */
@WorkflowInterface
public interface IncidentResponseWorkflow extends IncidentResponseRun {

  /** {@code {"who": "ann", "why": "on call"}}: takes the incident; the detection phase is done. */
  @UpdateMethod
  IncidentStatus acknowledge(Acknowledgement ack);

  /**
   * {@code {"severity": "P1", "who": "...", "why": "..."}}: a new severity; the deadlines not yet
   * met move with it.
   */
  @UpdateMethod
  IncidentStatus changeSeverity(SeverityChange change);

  /**
   * {@code {"who": "...", "text": "...", "kind": "assessment"}}: a timeline note; the kinds {@code
   * assessment}, {@code communication} and {@code recovery} mark that phase done.
   */
  @UpdateMethod
  IncidentStatus note(IncidentNote note);

  /**
   * {@code {"kind": "ecs", "service": "inventory", "who": "...", "why": "..."}}: starts the
   * recovery procedure as a child workflow and returns its workflow id.
   */
  @UpdateMethod
  String recover(RecoveryRequest request);

  /** {@code {"who": "...", "why": "smoke tests green", "services": ["inventory"]}}. */
  @UpdateMethod
  IncidentStatus verify(Verification verification);

  /**
   * {@code {"who": "...", "why": "...", "force": false}}: ends the incident; the post-incident
   * review is written. Without force, every affected service must be verified.
   */
  @UpdateMethod
  IncidentStatus resolve(Resolution resolution);
}
