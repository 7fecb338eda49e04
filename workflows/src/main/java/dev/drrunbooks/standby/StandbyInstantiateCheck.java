package dev.drrunbooks.standby;

import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.activities.rds.ReplicaState;

/**
 * One service's standby, as a standby instantiate found it and left it.
 *
 * @param replica "mycomputer-payments-db-replica (eu-central-1)"
 * @param source the primary's ARN the replica must replicate
 * @param found the replica as RDS described it, e.g. "available, replica of ARN (replication
 *     replicating)" or "not found"
 * @param lagSeconds a created replica's CloudWatch ReplicaLag read once after the wait (seconds);
 *     null when not read or no datapoint yet
 * @param detail why it is not compliant, what an apply would do or did, what to do next; null when
 *     there is nothing to say
 */
public record StandbyInstantiateCheck(
    String service,
    String replica,
    String source,
    String found,
    StandbyInstantiateAction action,
    Double lagSeconds,
    String detail) {

  /**
   * What {@code state} is to {@code standby}: compliant, missing, of another source, no replica, or
   * degraded. Pure; an audit's verdict.
   */
  static StandbyInstantiateCheck of(String service, Standby standby, ReplicaState state) {
    StandbyInstantiateAction action;
    String detail = null;
    if (!state.found()) {
      action = StandbyInstantiateAction.MISSING;
    } else if (!state.replicatesFromASource()) {
      action = StandbyInstantiateAction.NOT_A_REPLICA;
      String promotedFrom = state.tags().get(ReplicaState.PROMOTED_FROM_TAG);
      detail =
          standby.isSource(promotedFrom)
              ? "promoted from "
                  + promotedFrom
                  + " by a standby failover: it is the primary now; update the catalog's"
                  + " database.instance and recovery.replica before instantiating a new standby"
              : "an instance of the replica's name that is no read replica: left untouched;"
                  + " rename it or change the catalog's recovery.replica.instance";
    } else if (!standby.isSource(state.sourceIdentifier())) {
      action = StandbyInstantiateAction.WRONG_SOURCE;
      detail =
          "replicates "
              + state.sourceIdentifier()
              + ", not the catalog's primary: left untouched; find out whose it is before"
              + " deleting it or changing the catalog's recovery.replica.instance";
    } else if (!"available".equals(state.status())) {
      action = StandbyInstantiateAction.DEGRADED;
      detail = "status " + state.status() + ": not available; audit again once it is";
    } else if (replicationNotNormal(state)) {
      action = StandbyInstantiateAction.DEGRADED;
      detail =
          "read replication "
              + state.replication()
              + (state.replicationMessage() == null ? "" : ": " + state.replicationMessage())
              + "; see the replica's Replication Error in the RDS console"
              + " (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Troubleshooting.html)";
    } else {
      action = StandbyInstantiateAction.COMPLIANT;
    }
    return new StandbyInstantiateCheck(
        service,
        standby.replicaLabel(),
        standby.primaryArn(),
        state.describe(),
        action,
        null,
        detail);
  }

  /**
   * A "read replication" entry that is not replicating, or flagged not normal. No entry at all
   * (moto reports none) is not held against the replica.
   */
  private static boolean replicationNotNormal(ReplicaState state) {
    if (state.replication() == null) return false;
    return !"replicating".equalsIgnoreCase(state.replication())
        || Boolean.FALSE.equals(state.replicationNormal());
  }

  /** This check with {@code note} as its detail (what an apply would do, or meet). */
  StandbyInstantiateCheck withDetail(String note) {
    return new StandbyInstantiateCheck(service, replica, source, found, action, lagSeconds, note);
  }

  /** The replica this run created, now as {@code now} describes it, with its first lag. */
  StandbyInstantiateCheck created(ReplicaState now, ReplicaLag lag) {
    return new StandbyInstantiateCheck(
        service,
        replica,
        source,
        found,
        StandbyInstantiateAction.CREATED,
        lag.hasData() ? lag.seconds() : null,
        "created "
            + now.describe()
            + "; ReplicaLag "
            + (lag.hasData() ? lag.seconds() + " s" : "not published yet")
            + "; kept after this run as the standby (tagged "
            + dev.drrunbooks.model.Ownership.KEPT_TAG
            + "="
            + dev.drrunbooks.model.Ownership.KEPT_STANDBY
            + ": dr cleanup never deletes it)");
  }

  StandbyInstantiateCheck failed(String why) {
    return new StandbyInstantiateCheck(
        service, replica, source, found, StandbyInstantiateAction.FAILED, lagSeconds, why);
  }
}
