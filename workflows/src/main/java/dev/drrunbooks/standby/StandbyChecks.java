package dev.drrunbooks.standby;

import dev.drrunbooks.activities.pointer.PointerValue;
import dev.drrunbooks.activities.rds.ReplicaState;
import io.temporal.failure.ApplicationFailure;

/**
 * What a standby failover refuses about the world before it changes anything. Pure: each check
 * either passes or throws a non-retryable failure naming what was found and what to do.
 */
final class StandbyChecks {
  private StandbyChecks() {}

  /**
   * The standby is a read replica of the catalog's primary (returns false: promote it), or was
   * promoted from it by an earlier run (returns true: resume after the promotion).
   *
   * @throws ApplicationFailure StandbyNotFound, StandbyNotReplica or StandbyReplicatesOther
   */
  static boolean requireStandby(Standby standby, ReplicaState replica) {
    return requireStandby(standby, replica, null);
  }

  /**
   * As {@link #requireStandby(Standby, ReplicaState)}; {@code failbackOf}, the service's key when
   * failing back ({@code standby} then {@link Standby#reversed}): the standby is the reverse
   * replica a replicate-back creates, so a missing one, or the old primary still there under its
   * name, is refused naming {@code dr standby-replicate --service S} as what to run first.
   */
  static boolean requireStandby(Standby standby, ReplicaState replica, String failbackOf) {
    if (!replica.found())
      throw ApplicationFailure.newNonRetryableFailure(
          "no standby "
              + standby.replicaLabel()
              + (failbackOf == null
                  ? ": create it with the standby's instantiate step (dr standby-instantiate), or"
                      + " fix the catalog's recovery.replica"
                  : ": failing back needs it as a read replica of "
                      + standby.primaryArn()
                      + ". "
                      + replicateFirst(failbackOf)),
          "StandbyNotFound");
    if (replica.replicatesFromASource()) {
      if (standby.isSource(replica.sourceIdentifier())) return false;
      throw ApplicationFailure.newNonRetryableFailure(
          "standby "
              + standby.replicaLabel()
              + " replicates "
              + replica.sourceIdentifier()
              + (failbackOf == null ? ", not the catalog's primary " : ", not the primary ")
              + standby.primaryArn()
              + "; nothing was promoted",
          "StandbyReplicatesOther");
    }
    String promotedFrom = replica.tags().get(ReplicaState.PROMOTED_FROM_TAG);
    if (standby.isSource(promotedFrom)) return true;
    throw ApplicationFailure.newNonRetryableFailure(
        "standby "
            + standby.replicaLabel()
            + " is "
            + replica.describe()
            + " and no dr-runbooks promotion from "
            + standby.primaryArn()
            + " is recorded on it; refusing to point the application at it"
            + (failbackOf == null
                ? ""
                : ". It is the old primary, not yet replaced by a read replica of "
                    + standby.primaryInstance()
                    + ". "
                    + replicateFirst(failbackOf)),
        "StandbyNotReplica");
  }

  /**
   * A failover that finds its standby already promoted resumes only when that promotion is the
   * newest: after a failover and then a failback, the standby still carries the promotion of the
   * failover (promoted-from the primary), but the primary was promoted from it later (the failback)
   * and the standby is that failback's old primary, with writes the primary no longer has. Moving
   * the pointer to it would lose every write since the failback. The times of the two promotions
   * ({@link ReplicaState#PROMOTED_AT_TAG}) tell; without both, the standby's is not known to be the
   * newer and it is refused. An unreachable primary ({@code primary} null) tells nothing: resumed.
   *
   * @param failback whether this failover runs the roles reversed (the replicate that replaces the
   *     stale instance then runs the other way)
   * @return why the resume is refused (nothing changed); null when the standby's promotion is the
   *     newest
   */
  static String supersededPromotion(
      Standby standby,
      ReplicaState replica,
      ReplicaState primary,
      String service,
      boolean failback) {
    if (primary == null || !primary.found()) return null;
    if (!standby.reversed().isSource(primary.tags().get(ReplicaState.PROMOTED_FROM_TAG)))
      return null;
    java.time.Instant standbyAt = promotedAt(replica);
    java.time.Instant primaryAt = promotedAt(primary);
    if (standbyAt != null && primaryAt != null && standbyAt.isAfter(primaryAt)) return null;
    if (standbyAt == null || primaryAt == null)
      return "standby "
          + standby.replicaLabel()
          + " and the primary "
          + standby.primaryInstance()
          + " were each promoted from the other, and the times of the two promotions are not"
          + " both recorded ("
          + ReplicaState.PROMOTED_AT_TAG
          + "), so which is the newer is not known: the older is a stale old primary, and"
          + " pointing the application at it would lose writes. Nothing was changed. Check"
          + " which one the application writes to; to resume this run's promotion, tag the"
          + " standby "
          + ReplicaState.PROMOTED_AT_TAG
          + " with when it was promoted and start again";
    return "standby "
        + standby.replicaLabel()
        + " was promoted from "
        + standby.primaryInstance()
        + " at "
        + standbyAt
        + ", but "
        + standby.primaryInstance()
        + " was promoted from it later, at "
        + primaryAt
        + " (a failback): "
        + standby.replicaInstance()
        + " is that failback's old primary, not a standby, and pointing the application at it"
        + " would lose every write since. Nothing was changed. Replace it with a read replica"
        + " first: dr standby-replicate --service "
        + service
        + (failback ? "" : " --failback")
        + " --replace-old-primary";
  }

  private static java.time.Instant promotedAt(ReplicaState state) {
    String at = state.tags().get(ReplicaState.PROMOTED_AT_TAG);
    if (at == null) return null;
    try {
      return java.time.Instant.parse(at);
    } catch (java.time.format.DateTimeParseException unreadable) {
      return null;
    }
  }

  /** What to run before failing back: the replicate-back, which creates the reverse replica. */
  private static String replicateFirst(String service) {
    return "Run dr standby-replicate --service "
        + service
        + " first (with --replace-old-primary while the old primary is still there), then fail"
        + " back; nothing was promoted";
  }

  /**
   * The pointer names the old primary's endpoint (to be moved) or already the standby's.
   *
   * @throws ApplicationFailure PointerNotAsExpected, naming the value found: someone else moved it
   */
  static void requirePointerAtPrimaryOr(Standby standby, PointerValue current, String target) {
    if (sameHost(current.value(), target)) return;
    if (Standby.isEndpointOf(current.value(), standby.primaryInstance(), standby.primaryRegion()))
      return;
    throw ApplicationFailure.newNonRetryableFailure(
        current.describe()
            + " names neither the primary "
            + standby.primaryInstance()
            + " ("
            + standby.primaryRegion()
            + ") nor the promoted standby ("
            + target
            + "); it was left as it is: someone else has moved it. "
            + standby.replicaLabel()
            + " is promoted and accepts writes; point the application at it by hand once the"
            + " other change is understood",
        "PointerNotAsExpected");
  }

  static boolean sameHost(String a, String b) {
    if (a == null || b == null) return false;
    return strip(a).equalsIgnoreCase(strip(b));
  }

  private static String strip(String host) {
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }
}
