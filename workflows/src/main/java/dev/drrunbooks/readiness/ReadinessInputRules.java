package dev.drrunbooks.readiness;

import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.SelectorInputRules;
import java.util.List;

/** What a readiness evaluation refuses in its input before it does anything: a bad selector. */
public final class ReadinessInputRules extends SelectorInputRules<ReadinessInput> {
  /** Every service is evaluated for what it has: nothing to refuse. */
  @Override
  public void checkServices(ReadinessInput in, List<ServiceDefinition> services) {}
}
