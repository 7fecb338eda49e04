package dev.drrunbooks.evacuation;

import dev.drrunbooks.approval.GatePolicy;
import dev.drrunbooks.catalog.FailoverPolicy;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.InputRules;
import dev.drrunbooks.model.Inputs;
import java.time.Instant;
import java.util.List;

/** What a region evacuation refuses in its input before it does anything. */
public final class RegionEvacuationInputRules implements InputRules<RegionEvacuationInput> {
  /**
   * The evacuation's own default: a whole region moves, so a person approves unless the input says
   * otherwise.
   */
  static final FailoverPolicy EVACUATION_DEFAULT = FailoverPolicy.DEFAULT;

  @Override
  public void checkInput(RegionEvacuationInput in, Instant now) {
    requested(in).forEach(s -> Inputs.serviceKey("services", s, false));
    Inputs.duration("approvalTimeout", in.approvalTimeout(), null);
    Inputs.gateDefault("onApprovalTimeout", in.onApprovalTimeout(), null);
    Inputs.instant("incidentTime", in.incidentTime());
    // Each service's ECS recovery in the DR region is given it.
    Inputs.duration("waitBudget", in.waitBudget(), null);
  }

  /** The services named, or {@value InputRules#ALL} when none. */
  @Override
  public List<String> services(RegionEvacuationInput in) {
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

  /**
   * Every service named can be evacuated (a DNS record and a DR cluster); the strictest of their
   * approval policies, which the input may strengthen but not weaken.
   */
  @Override
  public void checkServices(RegionEvacuationInput in, List<ServiceDefinition> services) {
    List<ServiceDefinition> usable = usable(requested(in), services);
    GatePolicy.enforce(
        "the services evacuated ("
            + String.join(", ", usable.stream().map(ServiceDefinition::key).toList())
            + ")",
        FailoverPolicy.strictest(usable.stream().map(s -> s.spec().failoverPolicy()).toList()),
        EVACUATION_DEFAULT,
        in.requireApproval(),
        in.approvalTimeout(),
        in.onApprovalTimeout(),
        in.breakGlass());
  }

  /** The services the input names; none means every service that can be evacuated. */
  static List<String> requested(RegionEvacuationInput in) {
    return in.services() == null ? List.of() : in.services();
  }

  /**
   * The services that can be evacuated (a DNS record and {@code ecs.drCluster}); every one named
   * must be.
   */
  static List<ServiceDefinition> usable(List<String> requested, List<ServiceDefinition> all) {
    List<ServiceDefinition> usable =
        all.stream()
            .filter(
                s ->
                    s.dns() != null && s.spec().ecs() != null && s.spec().ecs().drCluster() != null)
            .toList();
    if (!requested.isEmpty() && usable.size() != all.size()) {
      throw Inputs.invalid(
          "services",
          requested,
          "every service evacuated needs a DNS record and ecs.drCluster in " + "the catalog");
    }
    if (usable.isEmpty())
      throw Inputs.invalid("services", requested, "no service in the catalog can be evacuated");
    return usable;
  }
}
