package dev.drrunbooks.readiness;

import dev.drrunbooks.catalog.FailoverPolicy;
import dev.drrunbooks.catalog.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps a service's recovery from the loss of its primary region waits on, one after another,
 * as the runbook orders them: the database restored in the DR region, the application steady there,
 * the approval to switch traffic, and the traffic shifted in the catalog's stages (each stage one
 * weight change until INSYNC).
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
    if (service.database() != null) steps.add(StepKind.RDS_RESTORE);
    if (service.ecs() != null) steps.add(StepKind.ECS_STEADY);
    if (service.dns() != null) {
      FailoverPolicy policy =
          (service.failover() == null ? FailoverPolicy.DEFAULT : service.failover()).withDefaults();
      if (!Boolean.FALSE.equals(policy.requireApproval())) steps.add(StepKind.APPROVAL);
      for (int i = 0; i < policy.stages().size(); i++) steps.add(StepKind.DNS_SHIFT);
    }
    return new RecoveryPath(steps);
  }
}
