package dev.drrunbooks.fleet;

import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.InputRules;
import dev.drrunbooks.model.Inputs;
import dev.drrunbooks.restore.SnapshotPick;
import java.time.Instant;
import java.util.List;

/** What a fleet backup validation refuses in its input before it starts any child run. */
public final class FleetValidationInputRules implements InputRules<FleetValidationInput> {
  @Override
  public void checkInput(FleetValidationInput in, Instant now) {
    InputRules.selection("services", in.services())
        .forEach(s -> Inputs.serviceKey("services", s, false));
    FleetLimits.of(in.maxConcurrent(), in.maxPerRegion());
    SnapshotPick.parse("pick", in.pick());
    Inputs.duration("waitBudget", in.waitBudget(), null);
  }

  /** The keys named; none named means {@value InputRules#ALL}. */
  @Override
  public List<String> services(FleetValidationInput in) {
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

  /** Every service of the catalog has a database to validate: nothing more to refuse. */
  @Override
  public void checkServices(FleetValidationInput in, List<ServiceDefinition> services) {}
}
