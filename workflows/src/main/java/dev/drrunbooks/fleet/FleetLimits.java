package dev.drrunbooks.fleet;

import dev.drrunbooks.model.Inputs;
import io.temporal.failure.ApplicationFailure;

/**
 * How many child runs a fleet run keeps in flight: in all, and per AWS region (the region's RDS
 * quotas are per account and region: restores create DB instances, which count against the "DB
 * instances" quota, 40 by default;
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html). The rest wait in the
 * fleet's queue.
 *
 * @param maxConcurrent runs in flight at most, in all regions (1..{@value #CEILING})
 * @param maxPerRegion runs in flight at most in one region (1..maxConcurrent)
 */
public record FleetLimits(int maxConcurrent, int maxPerRegion) {
  /** 10 in all: what a 2-core worker keeps busy without starving the other procedures. */
  public static final int DEFAULT_MAX_CONCURRENT = 10;

  /** 5 per region: an eighth of RDS's default DB-instance quota, room left for production. */
  public static final int DEFAULT_MAX_PER_REGION = 5;

  /** More than this in flight is a typo, not a plan. */
  public static final int CEILING = 1000;

  /**
   * The limits an input asks for, defaults where it gives none.
   *
   * @throws ApplicationFailure InvalidInput naming the field when one is out of range
   */
  public static FleetLimits of(Integer maxConcurrent, Integer maxPerRegion) {
    int all = maxConcurrent == null ? DEFAULT_MAX_CONCURRENT : maxConcurrent;
    if (all < 1 || all > CEILING)
      throw Inputs.invalid("maxConcurrent", all, "allowed: 1 to " + CEILING);
    int region = maxPerRegion == null ? Math.min(DEFAULT_MAX_PER_REGION, all) : maxPerRegion;
    if (region < 1 || region > all)
      throw Inputs.invalid("maxPerRegion", region, "allowed: 1 to maxConcurrent (" + all + ")");
    return new FleetLimits(all, region);
  }
}
