package dev.drrunbooks.drill;

import dev.drrunbooks.payload.RunInput;
import java.util.List;

/**
 * The monthly DR drill. {@code {"services": ["inventory"]}} drills Inventory; several services are
 * drilled in parallel in one test environment. Nothing of production is touched: the drill restores
 * the newest snapshot into the test environment and deploys the service there.
 *
 * @param waitBudget how long each service's restore and deployment may take (default: its RTO)
 */
public record DrDrillInput(List<String> services, String waitBudget) implements RunInput {

  public static DrDrillInput of(String... services) {
    return new DrDrillInput(List.of(services), null);
  }
}
