package dev.drrunbooks.standby;

/** How a replicate-back ended without failing. */
public enum StandbyReplicateOutcome {
  /** The reverse replica exists and replicates from the promoted standby. */
  REPLICATING,
  /** The old primary is still there and the run was not asked to replace it: nothing changed. */
  OLD_PRIMARY_IN_THE_WAY,
  /**
   * Aurora global: the old primary cluster is no member of the global cluster (removed from it),
   * and Aurora never re-adds it: nothing changed; the summary says what to do.
   */
  OLD_PRIMARY_REMOVED,
  /** The gate before the old primary's deletion said no, or nobody answered. */
  ABORTED
}
