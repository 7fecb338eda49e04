package dev.drrunbooks.standby;

/** How a standby failover ended without failing. */
public enum StandbyFailoverOutcome {
  /** The standby accepts writes, the pointer names it, its checks ran. */
  PROMOTED,
  /** An earlier run promoted the standby and moved the pointer: nothing to do, no gate. */
  ALREADY_DONE,
  /** Refused at the gate: the lag exceeds the RPO or is unknown, and data loss was not accepted. */
  REFUSED,
  /** The gate said no, or nobody answered and its default is abort. */
  ABORTED
}
