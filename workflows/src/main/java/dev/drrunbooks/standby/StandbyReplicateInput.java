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
 * @param failback replica only: the replicate-back after a failback ({@code dr standby-failover
 *     --failback}), the roles swapped ({@link Standby#reversed}): the old primary is the catalog's
 *     replica in the DR region (deleted as above with replaceOldPrimary), and the new standby is
 *     created under the catalog's replica name in the DR region, replicating from the primary
 *     region's instance: the layout the catalog describes again. Refused for aurora-global
 */
public record StandbyReplicateInput(
    String service,
    Boolean replaceOldPrimary,
    String waitBudget,
    String approvalTimeout,
    Boolean failback)
    implements RunInput {

  public static StandbyReplicateInput of(String service) {
    return new StandbyReplicateInput(service, null, null, null, null);
  }
}
