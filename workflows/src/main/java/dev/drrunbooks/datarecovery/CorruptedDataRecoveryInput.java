package dev.drrunbooks.datarecovery;

import dev.drrunbooks.payload.ServiceInput;

/**
 * {@code {"service": "inventory"}} finds the corruption in the audit log, proposes the last good
 * instant for an operator to confirm or correct, restores to it, and after a second approval
 * replays the good transactions written since.
 *
 * @param corruptionTime when the corruption began (ISO-8601), if known; else found in audit_log
 * @param searchSince how far back to look for it (ISO-8601; default: the whole audit log)
 * @param approvalTimeout how long each gate waits (default 30m); then it aborts
 * @param batchSize transactions per replay batch (default 500)
 */
public record CorruptedDataRecoveryInput(
    String service,
    String corruptionTime,
    String searchSince,
    String approvalTimeout,
    Integer batchSize)
    implements ServiceInput {

  public static CorruptedDataRecoveryInput of(String service) {
    return new CorruptedDataRecoveryInput(service, null, null, null, null);
  }
}
