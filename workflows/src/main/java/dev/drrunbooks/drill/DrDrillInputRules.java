package dev.drrunbooks.drill;

import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.InputRules;
import dev.drrunbooks.model.Inputs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What a DR drill refuses in its input before it does anything. */
public final class DrDrillInputRules implements InputRules<DrDrillInput> {
  /** The service drilled when none is named. */
  static final String DEFAULT_SERVICE = "inventory";

  @Override
  public void checkInput(DrDrillInput in, Instant now) {
    requested(in).forEach(k -> Inputs.serviceKey("services", k, false));
    Inputs.duration("waitBudget", in.waitBudget(), Duration.ofMinutes(1));
  }

  @Override
  public List<String> services(DrDrillInput in) {
    return InputRules.keys(requested(in));
  }

  @Override
  public String servicesField() {
    return "services";
  }

  @Override
  public boolean takesAll() {
    return true;
  }

  /** Each service drilled has a database to restore. */
  @Override
  public void checkServices(DrDrillInput in, List<ServiceDefinition> services) {
    services.forEach(s -> InputRules.requireDatabase("services", s));
  }

  /** The services named, or {@value #DEFAULT_SERVICE} when none. */
  static List<String> requested(DrDrillInput in) {
    return in.services() == null || in.services().isEmpty()
        ? List.of(DEFAULT_SERVICE)
        : in.services();
  }
}
