package dev.drrunbooks.failover;

import dev.drrunbooks.approval.GatePolicy;
import dev.drrunbooks.catalog.DnsRecordSpec;
import dev.drrunbooks.catalog.FailoverPolicy;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.InputRules;
import dev.drrunbooks.model.Inputs;
import java.time.Instant;
import java.util.List;

/**
 * What a DNS failover or failback refuses in its input before it does anything. {@link
 * #checkServices} is what a run started on its own must satisfy; a region evacuation's child
 * carries its parent's gate decision ({@code parentApproval}), which the run checks against its
 * parent.
 */
public final class DnsFailoverInputRules implements InputRules<DnsFailoverInput> {
  @Override
  public void checkInput(DnsFailoverInput in, Instant now) {
    Inputs.serviceKey("service", in.service(), false);
    Inputs.instant("incidentTime", in.incidentTime());
    probes(in.probes());
    Inputs.duration("approvalTimeout", in.approvalTimeout(), null);
    Inputs.gateDefault("onApprovalTimeout", in.onApprovalTimeout(), null);
    if (in.stages() != null) stages(in.stages());
  }

  @Override
  public List<String> services(DnsFailoverInput in) {
    return InputRules.key(in.service());
  }

  /**
   * A service with a DNS record; the catalog's approval policy, which the input may strengthen but
   * not weaken ({@link GatePolicy#enforce}); the catalog's stages when the input gives none.
   */
  @Override
  public void checkServices(DnsFailoverInput in, List<ServiceDefinition> services) {
    ServiceDefinition service = services.get(0);
    requireDns(service);
    if (in.parentApproval() != null)
      throw Inputs.invalid(
          "parentApproval",
          in.parentApproval().verdict(),
          "only a parent run (a region evacuation) passes its gate's decision to this run; use"
              + " breakGlass with who and reason instead");
    FailoverPolicy policy = service.spec().failoverPolicy();
    GatePolicy.enforce(
        "service " + service.key(),
        policy,
        policy,
        in.requireApproval(),
        in.approvalTimeout(),
        in.onApprovalTimeout(),
        in.breakGlass());
    stages(in.stages() != null ? in.stages() : policy.stages());
  }

  /** How many HTTP probes a health check makes: 3 when not given, else 1 to 20. */
  static int probes(Integer probes) {
    int p = probes == null ? 3 : probes;
    if (p < 1 || p > 20) throw Inputs.invalid("probes", p, "between 1 and 20");
    return p;
  }

  /** The service's weighted DNS record. */
  static DnsRecordSpec requireDns(ServiceDefinition service) {
    if (service.dns() == null)
      throw Inputs.invalid(
          "service", service.key(), "this service has no DNS record in the catalog");
    return service.dns();
  }

  /** The traffic shift: rising percentages, each above the last, ending at 100. */
  static List<Integer> stages(List<Integer> stages) {
    int previous = 0;
    for (Integer s : stages) {
      if (s == null || s <= previous || s > 100) {
        throw Inputs.invalid(
            "stages",
            stages,
            "rising percentages of traffic to the target, each above the last, "
                + "at most 100, ending at 100, e.g. [10, 50, 100]");
      }
      previous = s;
    }
    if (previous != 100) throw Inputs.invalid("stages", stages, "the last stage must be 100");
    return stages;
  }
}
