package dev.drrunbooks.standby;

import dev.drrunbooks.catalog.RecoverySpec;
import dev.drrunbooks.catalog.RecoveryStrategy;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.InputRules;
import dev.drrunbooks.model.Inputs;
import dev.drrunbooks.model.SelectorInputRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What a standby instantiate refuses in its input before it does anything. */
public final class StandbyInstantiateInputRules
    extends SelectorInputRules<StandbyInstantiateInput> {

  /** How long an apply waits for a new replica when the input names no budget. */
  public static final Duration DEFAULT_WAIT_BUDGET = Duration.ofMinutes(60);

  @Override
  public void checkInput(StandbyInstantiateInput in, Instant now) {
    super.checkInput(in, now);
    waitBudget(in);
  }

  /**
   * A service named alone must have a standby (strategy replica); "all" picks those that do ({@link
   * #withStandby}).
   */
  @Override
  public void checkServices(StandbyInstantiateInput in, List<ServiceDefinition> services) {
    services.forEach(s -> InputRules.requireDatabase("service", s));
    if (!InputRules.ALL.equals(in.selector())) services.forEach(Standby::of);
  }

  static Duration waitBudget(StandbyInstantiateInput in) {
    return Inputs.duration("waitBudget", in.waitBudget(), DEFAULT_WAIT_BUDGET);
  }

  /** The services whose catalog recovery strategy keeps a replica as the standby. */
  static List<ServiceDefinition> withStandby(List<ServiceDefinition> services) {
    return services.stream().filter(StandbyInstantiateInputRules::hasStandby).toList();
  }

  private static boolean hasStandby(ServiceDefinition service) {
    RecoverySpec recovery = service.spec().recoveryOrDefault();
    return recovery.strategyOrDefault() == RecoveryStrategy.REPLICA && recovery.replica() != null;
  }
}
