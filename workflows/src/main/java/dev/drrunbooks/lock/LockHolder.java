package dev.drrunbooks.lock;

import dev.drrunbooks.payload.RunInput;

/**
 * Who holds a one-at-a-time lock.
 *
 * @param resource what is locked, e.g. {@code dns-record:api.mycomputer.com}
 * @param workflowId the holding run's workflow id
 * @param runId the holding run's run id
 * @param procedure the holding procedure, e.g. {@code dns-failover}
 */
public record LockHolder(String resource, String workflowId, String runId, String procedure)
    implements RunInput {
  public String describe() {
    return procedure + " run " + workflowId + " (run id " + runId + ")";
  }
}
