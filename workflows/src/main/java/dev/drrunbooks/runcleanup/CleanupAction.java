package dev.drrunbooks.runcleanup;

/** What a clean-up did, or would do, with one thing it found. */
public enum CleanupAction {
  /** Dry run: the tags prove the run created it; {@code --apply} deletes it. */
  WOULD_DELETE,
  /** Deleted, and looked for again afterwards: gone (or, for a stack, DELETE_COMPLETE). */
  DELETED,
  /** Not touched: its tags do not prove it belongs to the run, or its run is still running. */
  REFUSED,
  /** The deletion was tried and failed; the detail says why. */
  FAILED,
  /** A DNS change: listed with the command that reverts it, never reverted by the clean-up. */
  REVERT_BY_COMMAND
}
