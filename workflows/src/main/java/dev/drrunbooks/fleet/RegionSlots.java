package dev.drrunbooks.fleet;

import java.util.HashMap;
import java.util.Map;

/**
 * How many child runs are in flight, in all and per AWS region, against the fleet's limits: the
 * queue's one rule is that a run starts only when both have room. Pure and deterministic (workflow
 * state).
 */
final class RegionSlots {
  private final FleetLimits limits;
  private final Map<String, Integer> inFlight = new HashMap<>();
  private final Map<String, Integer> caps = new HashMap<>();
  private int total;
  private int mostAtOnce;

  RegionSlots(FleetLimits limits) {
    this.limits = limits;
  }

  /** Whether a run in {@code region} may start now. */
  boolean free(String region) {
    return total < limits.maxConcurrent()
        && inFlight.getOrDefault(region, 0) < maxPerRegion(region);
  }

  /** Runs in flight at most in {@code region}: the fleet's limit, or a lower cap set for it. */
  int maxPerRegion(String region) {
    return caps.getOrDefault(region, limits.maxPerRegion());
  }

  /**
   * Lowers {@code region}'s limit to {@code cap} (never raises it above the fleet's).
   *
   * @throws IllegalArgumentException when {@code cap} is negative
   */
  void cap(String region, int cap) {
    if (cap < 0) throw new IllegalArgumentException("cap " + cap + " for " + region + " < 0");
    caps.put(region, Math.min(cap, limits.maxPerRegion()));
  }

  /** Whether nothing may ever start in {@code region} (its cap is 0). */
  boolean closed(String region) {
    return maxPerRegion(region) == 0;
  }

  /**
   * Takes a slot in {@code region}.
   *
   * @throws IllegalStateException when there is none: the caller waits for {@link #free} first
   */
  void take(String region) {
    if (!free(region))
      throw new IllegalStateException("no free slot in " + region + " (" + describe() + ")");
    inFlight.merge(region, 1, Integer::sum);
    total++;
    mostAtOnce = Math.max(mostAtOnce, total);
  }

  /** Gives back the slot a finished run held in {@code region}. */
  void release(String region) {
    Integer held = inFlight.get(region);
    if (held == null || held == 0)
      throw new IllegalStateException("no slot held in " + region + " to release");
    inFlight.put(region, held - 1);
    total--;
  }

  /** Runs in flight now, in all regions. */
  int inFlight() {
    return total;
  }

  /** The most runs that were ever in flight at once. */
  int mostAtOnce() {
    return mostAtOnce;
  }

  private String describe() {
    return total + " of " + limits.maxConcurrent() + " in flight, by region " + inFlight;
  }
}
