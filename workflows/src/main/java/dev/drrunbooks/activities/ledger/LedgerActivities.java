package dev.drrunbooks.activities.ledger;

import io.temporal.activity.ActivityInterface;

/**
 * The evidence ledger: one row per ended run of every procedure, and one per step it measured, kept
 * for years in PostgreSQL (Temporal keeps histories for days). Implemented in {@code
 * activities/ledger}; the worker migrates the ledger's schema before it polls.
 */
@ActivityInterface(namePrefix = "Ledger")
public interface LedgerActivities {

  /**
   * Records an ended run, its objectives and its measured steps, in one transaction. Idempotent: a
   * run is keyed by its workflow id, so a write retried after it committed (the worker died before
   * Temporal heard of it) writes nothing twice and answers as the first did.
   *
   * @return whether the run is in the ledger now, and where
   */
  LedgerReceipt recordRun(EndedRunEvidence run);
}
