package dev.drrunbooks.standby;

import dev.drrunbooks.approval.GatePolicy;
import dev.drrunbooks.catalog.FailoverPolicy;
import dev.drrunbooks.catalog.RecoveryStrategy;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.InputRules;
import dev.drrunbooks.model.Inputs;
import java.time.Instant;
import java.util.List;

/**
 * What a standby failover refuses before it does anything: a missing service, a service whose
 * strategy is not {@code replica} or {@code aurora-global}, unplanned for a replica, failback for
 * aurora-global, a DNS switch for a service without a DNS record, a gate input that would weaken
 * the catalog's failover policy ({@link GatePolicy#enforce}).
 */
public final class StandbyFailoverInputRules implements InputRules<StandbyFailoverInput> {
  @Override
  public void checkInput(StandbyFailoverInput in, Instant now) {
    Inputs.serviceKey("service", in.service(), false);
    Inputs.instant("incidentTime", in.incidentTime());
    Inputs.duration("approvalTimeout", in.approvalTimeout(), null);
    Inputs.gateDefault("onApprovalTimeout", in.onApprovalTimeout(), null);
  }

  @Override
  public List<String> services(StandbyFailoverInput in) {
    return InputRules.key(in.service());
  }

  @Override
  public void checkServices(StandbyFailoverInput in, List<ServiceDefinition> services) {
    ServiceDefinition service = services.get(0);
    Standby standby = Standby.ofAnyStandby(service);
    if (Boolean.TRUE.equals(in.unplanned()) && standby.strategy() != RecoveryStrategy.AURORA_GLOBAL)
      throw Inputs.invalid(
          "unplanned",
          true,
          "false or left out: service "
              + service.key()
              + "'s standby is a read replica (strategy "
              + standby.strategy().key()
              + "), whose promotion is its only failover; unplanned chooses between an Aurora"
              + " global database's switchover and failover");
    if (Boolean.TRUE.equals(in.failback()) && standby.strategy() == RecoveryStrategy.AURORA_GLOBAL)
      throw failbackRefused(service, standby);
    if (Boolean.TRUE.equals(in.switchTraffic()) && service.dns() == null)
      throw Inputs.invalid(
          "switchTraffic",
          true,
          "false or left out: service " + service.key() + " has no DNS record in the catalog");
    gatePolicy(service, in);
  }

  /**
   * The roles this run plays: the catalog's standby ({@link Standby#ofAnyStandby}), or its reverse
   * ({@link Standby#reversed}) when failing back.
   */
  static Standby roles(ServiceDefinition service, StandbyFailoverInput in) {
    Standby standby = Standby.ofAnyStandby(service);
    return Boolean.TRUE.equals(in.failback()) ? standby.reversed() : standby;
  }

  /** Failback asked of an aurora-global service, whose switchover goes either way already. */
  static io.temporal.failure.ApplicationFailure failbackRefused(
      ServiceDefinition service, Standby standby) {
    return Inputs.invalid(
        "failback",
        true,
        "false or left out: service "
            + service.key()
            + "'s standby is an Aurora global database (strategy "
            + standby.strategy().key()
            + "), whose switchover goes either way already: after its replicate-back, swap the"
            + " catalog's recovery.auroraGlobal.primaryCluster and secondaryCluster (and"
            + " secondaryRegion), then run dr standby-failover without --failback");
  }

  /** The catalog's failover policy, which the input may strengthen but not weaken. */
  static GatePolicy gatePolicy(ServiceDefinition service, StandbyFailoverInput in) {
    FailoverPolicy policy = service.spec().failoverPolicy();
    return GatePolicy.enforce(
        "service " + service.key(),
        policy,
        policy,
        in.requireApproval(),
        in.approvalTimeout(),
        in.onApprovalTimeout(),
        in.breakGlass());
  }
}
