package dev.drrunbooks.fleet;

import dev.drrunbooks.activities.rds.DbInstanceQuota;
import dev.drrunbooks.activities.rds.RdsAccountActivities;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.Timeline;
import io.temporal.failure.ActivityFailure;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each region's room for restores under the account's "DB instances" quota (every restore creates
 * one): read once per region before the first child starts, it lowers the fleet's per-region limit
 * to the headroom, so a fleet does not run into InstanceQuotaExceeded nor take the last instances
 * production may need. A region with no headroom starts nothing. A quota that cannot be read (no
 * permission, RDS not answering) leaves the fleet's own limit in place, said in the timeline.
 * Workflow code: runs on the workflow thread.
 */
final class RegionQuotas {
  /**
   * The Workflow.getVersion change id of fleet validations that read the quota first (fleet drills
   * always have).
   */
  static final String CHANGE_ID = "fleet-db-instance-quota";

  private final RdsAccountActivities account =
      ActivityDefaults.shortCallStub(RdsAccountActivities.class);
  private final Map<String, DbInstanceQuota> read = new LinkedHashMap<>();

  /**
   * Reads {@code region}'s quota (once) and caps {@code slots} there to its headroom; the reading
   * and the cap go into {@code timeline}.
   */
  void capOnce(String region, RegionSlots slots, Timeline timeline) {
    if (read.containsKey(region)) return;
    Instant at = Timeline.now();
    String step = "DB-instance quota in " + region;
    DbInstanceQuota quota;
    try {
      quota = account.dbInstanceQuota(region);
    } catch (ActivityFailure e) {
      read.put(region, null);
      timeline.record(
          step,
          at,
          Outcome.SKIPPED,
          "not read (" + Failures.rootMessage(e) + "): " + kept(slots, region));
      return;
    }
    read.put(region, quota);
    if (quota == null) {
      timeline.record(step, at, Outcome.SKIPPED, "RDS reports none: " + kept(slots, region));
      return;
    }
    int cap = (int) Math.min(slots.maxPerRegion(region), quota.headroom());
    slots.cap(region, cap);
    timeline.record(
        step,
        at,
        cap > 0 ? Outcome.SUCCEEDED : Outcome.FAILED,
        quota.describe() + ": at most " + cap + " restore(s) at once there");
  }

  /** Why nothing starts in {@code region}: its quota leaves no room. */
  String noRoom(String region) {
    DbInstanceQuota quota = read.get(region);
    return "not started: no room under the DB-instance quota ("
        + (quota == null ? region : quota.describe())
        + ")";
  }

  private static String kept(RegionSlots slots, String region) {
    return "the fleet's own limit of " + slots.maxPerRegion(region) + " per region stays";
  }
}
