package dev.drrunbooks.readiness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a region loss would lose now, and what decided it: the worst of the DR region's newest
 * database recovery point age and each bucket's replication latency. Unbounded (null) when
 * something has no copy there at all; the basis then names each copy that is missing. A latency
 * that could not be measured counts for nothing here: its check is unknown, which already keeps the
 * service from ready.
 *
 * @param worst the worst age; null when the database or a bucket has no DR copy, or nothing was
 *     measured
 * @param basis for people, what decided it: "DR recovery point 19s old (snapshot X)", "bucket B:
 *     replication latency 42s", or each missing copy ("bucket B: no replication rule R")
 */
record PredictedRpo(Duration worst, String basis) {

  /**
   * @param drRegion the DR region, for the words
   * @param database the DR region's newest recovery point of the service's database; null when the
   *     service has none or it could not be read
   * @param hasDatabase whether the service has a database
   * @param databaseAge the age of {@code database}; null when there is none
   * @param buckets the service's replicated buckets
   */
  static PredictedRpo of(
      String drRegion,
      boolean hasDatabase,
      RecoveryPoint database,
      Duration databaseAge,
      List<ReplicationLag> buckets) {
    return of(drRegion, hasDatabase, database, databaseAge, buckets, null);
  }

  /**
   * As above, for a service whose database has a warm standby: its replica's lag, when measured, is
   * what a region loss would lose of the database, instead of the DR recovery point's age.
   *
   * @param standby the standby replica's check; null when the service has none
   */
  static PredictedRpo of(
      String drRegion,
      boolean hasDatabase,
      RecoveryPoint database,
      Duration databaseAge,
      List<ReplicationLag> buckets,
      StandbyReplicaCheck standby) {
    if (standby != null && standby.lag() != null) return standbyFirst(drRegion, standby, buckets);
    List<String> missing = new ArrayList<>();
    if (hasDatabase && databaseAge == null)
      missing.add(
          database == null
              ? "DR recovery point in " + drRegion + " could not be read"
              : "no DR recovery point in " + drRegion);
    for (ReplicationLag b : buckets)
      if (!b.replicates()) missing.add("bucket " + b.bucket() + ": " + b.check().found());
    if (!missing.isEmpty()) return new PredictedRpo(null, String.join("; ", missing));
    Duration worst = null;
    String basis = null;
    if (hasDatabase) {
      worst = databaseAge;
      basis = "DR recovery point " + Ages.of(databaseAge) + " old (" + database.source() + ")";
    }
    for (ReplicationLag b : buckets)
      if (b.latency() != null && (worst == null || b.latency().compareTo(worst) > 0)) {
        worst = b.latency();
        basis = "bucket " + b.bucket() + ": replication latency " + Ages.of(b.latency());
      }
    if (worst != null) return new PredictedRpo(worst, basis);
    List<String> unmeasured =
        buckets.stream()
            .map(b -> "bucket " + b.bucket() + ": replication latency unknown")
            .toList();
    return new PredictedRpo(
        null,
        unmeasured.isEmpty()
            ? "no database and no replicated bucket"
            : "nothing measured: " + String.join("; ", unmeasured));
  }

  private static PredictedRpo standbyFirst(
      String drRegion, StandbyReplicaCheck standby, List<ReplicationLag> buckets) {
    PredictedRpo rest = of(drRegion, false, null, null, buckets, null);
    String mine = standby.label() + ": " + standby.metric() + " " + Ages.of(standby.lag());
    if (buckets.stream().anyMatch(b -> !b.replicates())) return rest; // a copy is missing
    if (rest.worst() != null && rest.worst().compareTo(standby.lag()) > 0) return rest;
    return new PredictedRpo(standby.lag(), mine);
  }
}
