package dev.drrunbooks.fleet;

import dev.drrunbooks.catalog.ScheduleSpec;
import dev.drrunbooks.payload.RunInput;
import java.util.List;

/**
 * The weekly backup test for many services in one run: {@code {"services": ["all"]}} validates
 * every service of the catalog, each as its own backup-validation child run, at most {@code
 * maxConcurrent} in flight (at most {@code maxPerRegion} in one region), the rest queued.
 *
 * @param services catalog keys, or {@code all} (the default: empty or null)
 * @param maxConcurrent child runs in flight at most (default {@value
 *     FleetLimits#DEFAULT_MAX_CONCURRENT})
 * @param maxPerRegion child runs in flight at most in one AWS region (default {@value
 *     FleetLimits#DEFAULT_MAX_PER_REGION})
 * @param pick each child's snapshot: "newest" (default) or "random"
 * @param waitBudget each child's restore budget (default: its service's RTO)
 */
public record FleetValidationInput(
    List<String> services,
    Integer maxConcurrent,
    Integer maxPerRegion,
    String pick,
    String waitBudget)
    implements RunInput {

  /** Every service, with the default limits. */
  public static FleetValidationInput all() {
    return new FleetValidationInput(List.of(), null, null, null, null);
  }

  /**
   * The input a catalog schedule of procedure {@code fleet-validation} starts its runs with: its
   * services ({@code [all]} or keys), limits, pick and wait budget, as an operator would type them.
   * The catalog validator checks this very input with {@link FleetValidationInputRules}, so a
   * schedule the catalog accepts starts runs the fleet accepts.
   */
  public static FleetValidationInput scheduled(ScheduleSpec schedule) {
    return new FleetValidationInput(
        schedule.services(),
        schedule.maxConcurrent(),
        schedule.maxPerRegion(),
        schedule.pick(),
        schedule.waitBudgetText());
  }
}
