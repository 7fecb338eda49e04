package dev.drrunbooks.model;

import io.temporal.workflow.Workflow;

/**
 * Where a run is, for its status query and for the Temporal UI (the DrPhase search attribute and
 * the phase line of its {@link CurrentDetails}); a phase change is also a {@link RunNotifications}
 * notification.
 */
public final class Phases {
  private String current = "starting";

  public String current() {
    return current;
  }

  public void enter(String next) {
    current = next;
    CurrentDetails.phase(next);
    Workflow.upsertTypedSearchAttributes(SearchAttributes.PHASE.valueSet(next));
    RunNotifications.phaseEntered(next);
  }

  /** Sets the procedure and service search attributes, so the UI can filter runs by them. */
  public void tag(String procedure, String service) {
    Workflow.upsertTypedSearchAttributes(
        SearchAttributes.PROCEDURE.valueSet(procedure), SearchAttributes.SERVICE.valueSet(service));
    RunNotifications.tagged(procedure, service);
  }
}
