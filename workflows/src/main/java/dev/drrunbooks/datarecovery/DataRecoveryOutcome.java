package dev.drrunbooks.datarecovery;

/** How a data recovery ended. */
public enum DataRecoveryOutcome {
  /**
   * Replayed, and the recovered database passed its integrity checks and row check after the
   * replay.
   */
  RECOVERED,
  /**
   * Replayed, but rows of the recovered database are still wrong (named in the result) or checks
   * fail.
   */
  NOT_RECOVERED,
  /** Restored; the operator did not approve the replay. */
  REPLAY_NOT_APPROVED
}
