package dev.drrunbooks.readiness;

import dev.drrunbooks.catalog.FailoverPolicy;
import dev.drrunbooks.catalog.RecoverySpec;
import dev.drrunbooks.catalog.RecoveryStrategy;
import dev.drrunbooks.catalog.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps a service's recovery from the loss of its primary region waits on, one after another,
 * as the runbook orders them: the database restored in the DR region (or, for a service whose
 * catalog strategy is {@code replica}, the approval to promote its warm standby, the promotion and
 * the move of its CNAME database pointer), the application steady there, the approval to switch
 * traffic (covered by the standby's own gate when there is one), and the traffic shifted in the
 * catalog's stages (each stage one weight change until INSYNC).
 *
 * @param steps the kinds in order; a kind appears once per time the recovery waits on it
 */
public record RecoveryPath(List<StepKind> steps) {
  public RecoveryPath {
    steps = List.copyOf(steps);
  }

  /** The path of a catalog service: only what it has (a database, an ECS service, a DNS record). */
  public static RecoveryPath of(ServiceSpec service) {
    List<StepKind> steps = new ArrayList<>();
    FailoverPolicy policy =
        (service.failover() == null ? FailoverPolicy.DEFAULT : service.failover()).withDefaults();
    boolean gated = !Boolean.FALSE.equals(policy.requireApproval());
    RecoverySpec recovery = service.recoveryOrDefault();
    boolean standby =
        service.database() != null && recovery.strategyOrDefault() == RecoveryStrategy.REPLICA;
    if (standby) {
      if (gated) steps.add(StepKind.APPROVAL);
      steps.add(StepKind.RDS_PROMOTION);
      if (recovery.databasePointer() != null && recovery.databasePointer().cname() != null)
        steps.add(StepKind.POINTER_MOVE);
    } else if (service.database() != null) steps.add(StepKind.RDS_RESTORE);
    if (service.ecs() != null) steps.add(StepKind.ECS_STEADY);
    if (service.dns() != null) {
      if (gated && !standby) steps.add(StepKind.APPROVAL);
      for (int i = 0; i < policy.stages().size(); i++) steps.add(StepKind.DNS_SHIFT);
    }
    return new RecoveryPath(steps);
  }
}
