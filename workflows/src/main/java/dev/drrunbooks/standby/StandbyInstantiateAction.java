package dev.drrunbooks.standby;

/** What a standby instantiate found, or did, about one service's replica. */
public enum StandbyInstantiateAction {
  /** A read replica of the catalog's primary, available and replicating: nothing to do. */
  COMPLIANT,
  /** No instance of the replica's name in its region; an apply creates it. */
  MISSING,
  /** An instance of that name replicates another source: never touched, refused. */
  WRONG_SOURCE,
  /** An instance of that name is no read replica (perhaps a promoted one): never touched. */
  NOT_A_REPLICA,
  /**
   * A replica of the catalog's primary that is not available, or whose replication RDS reports as
   * not normal (error, stopped, terminated): reported, not changed.
   */
  DEGRADED,
  /** Created by this apply, available and replicating; kept after the run as the standby. */
  CREATED,
  /**
   * The check, the creation or the wait did not succeed (another run holds the standby's lock, RDS
   * refused, the wait budget passed); {@code detail} says why and what was left.
   */
  FAILED;

  /** Whether the service has a usable standby after the run. */
  public boolean healthy() {
    return this == COMPLIANT || this == CREATED;
  }
}
