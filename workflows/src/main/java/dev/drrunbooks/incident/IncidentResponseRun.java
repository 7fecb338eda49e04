package dev.drrunbooks.incident;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The incident as the worker runs it: the workflow method and the status query. Its updates and
 * their signal twins are answered by one table, {@link IncidentUpdates}, registered as the run's
 * dynamic handlers; clients call them through {@link IncidentResponseWorkflow}, which declares
 * them.
 */
@WorkflowInterface
public interface IncidentResponseRun {

  @WorkflowMethod(name = "IncidentResponse")
  IncidentResult run(IncidentInput input);

  @QueryMethod
  IncidentStatus status();
}
