package dev.drrunbooks.standby;

import dev.drrunbooks.payload.RunInput;

/**
 * A replicate-back's input. Only {@code service} is required.
 *
 * @param service the catalog key of a service whose standby was promoted
 * @param replaceOldPrimary delete the old primary first when it is still there (the catalog must
 *     mark it replaceable, and the gate is asked); without it such a run stops, nothing changed
 * @param waitBudget how long the new replica may take to replicate, e.g. 90m (default 60m)
 * @param approvalTimeout e.g. 15m; the gate aborts when nobody answers within it
 */
public record StandbyReplicateInput(
    String service, Boolean replaceOldPrimary, String waitBudget, String approvalTimeout)
    implements RunInput {

  public static StandbyReplicateInput of(String service) {
    return new StandbyReplicateInput(service, null, null, null);
  }
}
