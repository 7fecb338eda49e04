package dev.drrunbooks.activities.ledger;

/**
 * The ledger's answer to a run's write.
 *
 * @param recorded true when the run is in the ledger (written now, or by an earlier attempt)
 * @param detail for an operator: "recorded", "already recorded", or why it is not (no ledger
 *     configured)
 */
public record LedgerReceipt(boolean recorded, String detail) {}
