package dev.drrunbooks.runcleanup;

/**
 * One run whose leftovers a clean-up covers: the run named on the command line or one of its child
 * runs (and theirs), as the starter read them from Temporal.
 *
 * @param workflowId e.g. {@code dr-drill-inventory-20261201T0115Z-restore-inventory}
 * @param runToken its first execution run id: the {@code dr-runbooks:run-id} tag of what it created
 * @param workflowType e.g. {@code SnapshotRestoreWorkflow}
 * @param status as Temporal shows it: COMPLETED, FAILED, CANCELED, TERMINATED, TIMED_OUT, RUNNING,
 *     ...; a RUNNING run cleans up after itself, so nothing of it is touched
 */
public record EndedRun(String workflowId, String runToken, String workflowType, String status) {
  public static final String RUNNING = "RUNNING";

  public boolean running() {
    return RUNNING.equals(status);
  }
}
