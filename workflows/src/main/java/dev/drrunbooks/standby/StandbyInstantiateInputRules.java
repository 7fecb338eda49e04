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
import java.util.function.BooleanSupplier;

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
   * A service named alone must have a standby (strategy replica or aurora-global); "all" picks
   * those that do ({@link #withStandby}). An apply to an aurora-global service adds its missing
   * secondary cluster (as runs since {@link StandbyInstantiateWorkflowImpl#AURORA_CREATE} do).
   */
  @Override
  public void checkServices(StandbyInstantiateInput in, List<ServiceDefinition> services) {
    checkServices(in, services, () -> true);
  }

  /**
   * As above; {@code auroraCreates} is asked only when an apply names an aurora-global service, and
   * false (a run before {@link StandbyInstantiateWorkflowImpl#AURORA_CREATE}, replayed) refuses it
   * as those runs did: their apply created no Aurora cluster.
   */
  void checkServices(
      StandbyInstantiateInput in, List<ServiceDefinition> services, BooleanSupplier auroraCreates) {
    services.forEach(s -> InputRules.requireDatabase("service", s));
    if (InputRules.ALL.equals(in.selector())) return;
    for (ServiceDefinition s : services) {
      Standby standby = Standby.ofAnyStandby(s);
      if (in.applyChanges()
          && standby.strategy() == RecoveryStrategy.AURORA_GLOBAL
          && !auroraCreates.getAsBoolean())
        throw Inputs.invalid(
            "apply",
            "true",
            "an audit only for "
                + s.key()
                + " (strategy aurora-global): "
                + AuroraSecondaryAudit.howToAdd(standby));
    }
  }

  static Duration waitBudget(StandbyInstantiateInput in) {
    return Inputs.duration("waitBudget", in.waitBudget(), DEFAULT_WAIT_BUDGET);
  }

  /**
   * The services whose catalog recovery strategy keeps a replica as the standby, and with {@code
   * auroraToo} those that keep an Aurora global database's secondary cluster.
   */
  static List<ServiceDefinition> withStandby(List<ServiceDefinition> services, boolean auroraToo) {
    return services.stream()
        .filter(s -> hasReplica(s) || (auroraToo && isAuroraGlobal(s)))
        .toList();
  }

  private static boolean hasReplica(ServiceDefinition service) {
    RecoverySpec recovery = service.spec().recoveryOrDefault();
    return recovery.strategyOrDefault() == RecoveryStrategy.REPLICA && recovery.replica() != null;
  }

  static boolean isAuroraGlobal(ServiceDefinition service) {
    RecoverySpec recovery = service.spec().recoveryOrDefault();
    return recovery.strategyOrDefault() == RecoveryStrategy.AURORA_GLOBAL
        && recovery.auroraGlobal() != null;
  }
}
