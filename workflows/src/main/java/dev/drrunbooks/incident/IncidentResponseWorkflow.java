package dev.drrunbooks.incident;

import io.temporal.workflow.QueryMethod;
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
}
