package dev.drrunbooks.fleet;

import dev.drrunbooks.catalog.ScheduleSpec;
import dev.drrunbooks.payload.RunInput;
import java.util.List;

/**
 * The DR drill of many services in one run: {@code {"services": ["all"]}} drills every service of
 * the catalog, each as its own DR drill child run (its own test environment, restore, deployment,
 * checks and clean-up), at most {@code maxConcurrent} in flight (at most {@code maxPerRegion} in
 * one region), the rest queued.
 *
 * @param services catalog keys, or {@code all} (the default: empty or null)
 * @param maxConcurrent child runs in flight at most (default {@value
 *     FleetLimits#DEFAULT_MAX_CONCURRENT})
 * @param maxPerRegion child runs in flight at most in one AWS region (default {@value
 *     FleetLimits#DEFAULT_MAX_PER_REGION})
 * @param waitBudget each child's restore and deployment budget (default: its service's RTO)
 */
public record FleetDrillInput(
    List<String> services, Integer maxConcurrent, Integer maxPerRegion, String waitBudget)
    implements RunInput {

  /** Every service, with the default limits. */
  public static FleetDrillInput all() {
    return new FleetDrillInput(List.of(), null, null, null);
  }

  /**
   * The input a catalog schedule of procedure {@code fleet-drill} starts its runs with, as the
   * catalog validator checks it with {@link FleetDrillInputRules}.
   */
  public static FleetDrillInput scheduled(ScheduleSpec schedule) {
    return new FleetDrillInput(
        schedule.services(),
        schedule.maxConcurrent(),
        schedule.maxPerRegion(),
        schedule.waitBudgetText());
  }
}
