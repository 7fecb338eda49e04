package dev.drrunbooks.fleet;

import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.InputRules;
import dev.drrunbooks.model.Inputs;
import java.time.Instant;
import java.util.List;

/**
 * What a fleet drill refuses in its input before it starts any child run: the DR drill's own rules
 * for each service (a database to restore), and the fleet's limits.
 */
public final class FleetDrillInputRules implements InputRules<FleetDrillInput> {
  @Override
  public void checkInput(FleetDrillInput in, Instant now) {
    InputRules.selection("services", in.services())
        .forEach(s -> Inputs.serviceKey("services", s, false));
    FleetLimits.of(in.maxConcurrent(), in.maxPerRegion());
    Inputs.duration("waitBudget", in.waitBudget(), null);
  }

  /** The keys named; none named means {@value InputRules#ALL}. */
  @Override
  public List<String> services(FleetDrillInput in) {
    List<String> keys = InputRules.keys(in.services());
    return keys.isEmpty() ? List.of(ALL) : keys;
  }

  @Override
  public String servicesField() {
    return "services";
  }

  @Override
  public boolean takesAll() {
    return true;
  }

  /** Each service drilled has a database to restore, as a DR drill requires. */
  @Override
  public void checkServices(FleetDrillInput in, List<ServiceDefinition> services) {
    services.forEach(s -> InputRules.requireDatabase("services", s));
  }
}
