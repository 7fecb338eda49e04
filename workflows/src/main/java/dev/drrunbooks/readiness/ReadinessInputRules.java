package dev.drrunbooks.readiness;

import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.InputRules;
import java.time.Instant;
import java.util.List;

/** What a readiness evaluation refuses in its input before it does anything. */
public final class ReadinessInputRules implements InputRules<ReadinessInput> {
  @Override
  public void checkInput(ReadinessInput in, Instant now) {
    InputRules.requireSelector(in.selector());
  }

  @Override
  public List<String> services(ReadinessInput in) {
    return List.of(in.selector());
  }

  @Override
  public boolean takesAll() {
    return true;
  }

  /** Every service is evaluated for what it has: nothing to refuse. */
  @Override
  public void checkServices(ReadinessInput in, List<ServiceDefinition> services) {}
}
