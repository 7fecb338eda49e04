package dev.drrunbooks.standby;

import dev.drrunbooks.catalog.RecoveryStrategy;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.InputRules;
import dev.drrunbooks.model.Inputs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What a replicate-back refuses before it does anything. */
public final class StandbyReplicateInputRules implements InputRules<StandbyReplicateInput> {
  /** How long a new replica may take to replicate when the input does not say. */
  static final Duration DEFAULT_WAIT = Duration.ofMinutes(60);

  @Override
  public void checkInput(StandbyReplicateInput in, Instant now) {
    Inputs.serviceKey("service", in.service(), false);
    waitBudget(in);
    Inputs.duration("approvalTimeout", in.approvalTimeout(), null);
  }

  @Override
  public List<String> services(StandbyReplicateInput in) {
    return InputRules.key(in.service());
  }

  /**
   * A service with a standby to replicate back from: strategy replica or aurora-global; failback
   * for a replica only (Aurora re-adds the old primary cluster whichever way the writer moved).
   */
  @Override
  public void checkServices(StandbyReplicateInput in, List<ServiceDefinition> services) {
    Standby standby = Standby.ofAnyStandby(services.get(0));
    if (Boolean.TRUE.equals(in.failback()) && standby.strategy() == RecoveryStrategy.AURORA_GLOBAL)
      throw StandbyFailoverInputRules.failbackRefused(services.get(0), standby);
  }

  static Duration waitBudget(StandbyReplicateInput in) {
    Duration budget = Inputs.duration("waitBudget", in.waitBudget(), DEFAULT_WAIT);
    if (budget.isNegative() || budget.isZero())
      throw Inputs.invalid("waitBudget", in.waitBudget(), "a positive duration, e.g. 90m");
    return budget;
  }
}
