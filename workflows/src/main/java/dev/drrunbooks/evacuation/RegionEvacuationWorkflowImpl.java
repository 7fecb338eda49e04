package dev.drrunbooks.evacuation;

import dev.drrunbooks.activities.catalog.CatalogActivities;
import dev.drrunbooks.approval.ApprovalGate;
import dev.drrunbooks.approval.GateApprovers;
import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.approval.GatePolicy;
import dev.drrunbooks.approval.GatedWorkflow;
import dev.drrunbooks.catalog.FailoverPolicy;
import dev.drrunbooks.catalog.GateDefault;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.ecsrecovery.EcsRecoveryInput;
import dev.drrunbooks.ecsrecovery.EcsRecoveryResult;
import dev.drrunbooks.ecsrecovery.EcsServiceRecovery;
import dev.drrunbooks.ecsrecovery.EcsServiceRecoveryWorkflow;
import dev.drrunbooks.failover.DnsFailover;
import dev.drrunbooks.failover.DnsFailoverInput;
import dev.drrunbooks.failover.DnsFailoverResult;
import dev.drrunbooks.failover.DnsFailoverWorkflow;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.Inputs;
import dev.drrunbooks.model.Phases;
import dev.drrunbooks.runbook.RunSummary;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evacuates services to the DR region behind one approval gate. Since version 1 of {@link
 * #CATALOG_GATE_POLICY} (issue 10, finding 10) that gate is at least as strict as the strictest
 * catalog policy of the services evacuated (the input may strengthen it, never weaken it: see
 * {@link GatePolicy}), and each service's failover records this gate's decision as its own approval
 * instead of being told to skip its gate.
 */
public class RegionEvacuationWorkflowImpl extends GatedWorkflow
    implements RegionEvacuationWorkflow {
  public static final String GATE_STEP = "evacuate";

  /** Version 1: the gate follows the services' catalog policies; the failovers get its decision. */
  public static final String CATALOG_GATE_POLICY = "evacuation-catalog-gate-policy";

  private static final FailoverPolicy EVACUATION_DEFAULT =
      RegionEvacuationInputRules.EVACUATION_DEFAULT;

  /** What the run refuses in its input before it does anything (the starter checks them too). */
  public static final RegionEvacuationInputRules RULES = new RegionEvacuationInputRules();

  private final CatalogActivities catalog = ActivityDefaults.shortCallStub(CatalogActivities.class);
  private final Phases phases = new Phases();
  private final Map<String, ServiceEvacuation> progress = new LinkedHashMap<>();

  @Override
  public RegionEvacuationResult run(RegionEvacuationInput input) {
    RegionEvacuationInput in = input == null ? RegionEvacuationInput.of(null) : input;
    RULES.checkInput(in, null);
    List<String> requested = RegionEvacuationInputRules.requested(in);
    boolean catalogGate =
        Workflow.getVersion(CATALOG_GATE_POLICY, Workflow.DEFAULT_VERSION, 1) >= 1;
    GatePolicy inputGate =
        catalogGate
            ? null
            : new GatePolicy(
                in.requireApproval() == null || in.requireApproval(),
                Inputs.duration("approvalTimeout", in.approvalTimeout(), Duration.ofMinutes(15)),
                Inputs.gateDefault("onApprovalTimeout", in.onApprovalTimeout(), GateDefault.ABORT),
                null);
    Inputs.instant("incidentTime", in.incidentTime());
    phases.tag("region-evacuation", requested.isEmpty() ? "all" : String.join(",", requested));

    phases.enter("resolve");
    List<ServiceDefinition> services = resolve(requested);
    services.forEach(
        s ->
            progress.put(
                s.key(), new ServiceEvacuation(s.key(), "pending", null, "pending", null)));

    FailoverPolicy catalogPolicy =
        FailoverPolicy.strictest(services.stream().map(s -> s.spec().failoverPolicy()).toList());
    GatePolicy gatePolicy =
        catalogGate
            ? GatePolicy.enforce(
                "the services evacuated ("
                    + String.join(", ", services.stream().map(ServiceDefinition::key).toList())
                    + ")",
                catalogPolicy,
                EVACUATION_DEFAULT,
                in.requireApproval(),
                in.approvalTimeout(),
                in.onApprovalTimeout(),
                in.breakGlass())
            : inputGate;

    phases.enter("approval");
    GateDecision decision =
        gatePolicy.required()
            ? gate.await(
                GATE_STEP,
                gatePolicy.timeout(),
                gatePolicy.onTimeout(),
                GateApprovers.forGate(GATE_STEP, services))
            : gatePolicy.breakGlass() != null
                ? gate.breakGlass(
                    GATE_STEP,
                    gatePolicy.breakGlass(),
                    "the strictest catalog policy of the services evacuated ("
                        + GatePolicy.describe(catalogPolicy)
                        + ")")
                : ApprovalGate.notRequired(
                    GATE_STEP,
                    catalogGate
                        ? "no evacuated service's catalog policy requires "
                            + "approval and the input asked for none"
                        : "the input asked for no approval");
    if (!decision.proceeds()) {
      phases.enter("aborted");
      return new RegionEvacuationResult(
          EvacuationOutcome.ABORTED,
          decision,
          List.copyOf(progress.values()),
          timeline.entries(),
          "Evacuation aborted: "
              + decision.verdict()
              + " by "
              + decision.who()
              + " ("
              + decision.why()
              + ")");
    }

    phases.enter("scale-up-dr");
    String parent = Workflow.getInfo().getWorkflowId();
    Map<String, Promise<EcsRecoveryResult>> scaling = new LinkedHashMap<>();
    for (ServiceDefinition s : services) {
      // Terminating the evacuation asks each child to cancel (and roll back or clean up), not to
      // die mid-change.
      EcsServiceRecoveryWorkflow child =
          Workflow.newChildWorkflowStub(
              EcsServiceRecoveryWorkflow.class,
              RunSummary.of(EcsServiceRecovery.PROCEDURE, s.key(), s.spec().objectives())
                  .on(ChildWorkflowOptions.newBuilder())
                  .setWorkflowId(parent + "-ecs-" + s.key())
                  .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
                  .build());
      scaling.put(
          s.key(),
          Async.function(
              child::run, new EcsRecoveryInput(s.key(), "dr", null, null, null, in.waitBudget())));
    }
    List<ServiceDefinition> ready = new ArrayList<>();
    for (ServiceDefinition s : services) {
      try {
        EcsRecoveryResult r = scaling.get(s.key()).get();
        progress.put(
            s.key(), new ServiceEvacuation(s.key(), "recovered", r.summary(), "pending", null));
        ready.add(s);
      } catch (TemporalFailure e) {
        progress.put(
            s.key(),
            new ServiceEvacuation(
                s.key(),
                "FAILED",
                Failures.rootMessage(e),
                "not moved",
                "its DR capacity did not come up, so its traffic stays in "
                    + s.regions().primary()));
      }
    }

    phases.enter("failover-dns");
    // Runs begun before unique child ids used the record's id; one failover per record is now the
    // failover's lock.
    boolean uniqueIds =
        Workflow.getVersion("evacuation-failover-child-id", Workflow.DEFAULT_VERSION, 1) >= 1;
    Map<String, Promise<DnsFailoverResult>> switching = new LinkedHashMap<>();
    for (ServiceDefinition s : ready) {
      DnsFailoverWorkflow child =
          Workflow.newChildWorkflowStub(
              DnsFailoverWorkflow.class,
              RunSummary.of(DnsFailover.PROCEDURE, s.key(), s.spec().objectives())
                  .on(ChildWorkflowOptions.newBuilder())
                  .setWorkflowId(
                      uniqueIds ? parent + "-dns-" + s.key() : "dns-failover-" + s.dns().name())
                  .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
                  .build());
      switching.put(
          s.key(),
          Async.function(
              child::run,
              DnsFailoverInput.forEvacuation(
                  s.key(), in.force(), in.incidentTime(), catalogGate ? decision : null)));
    }
    for (ServiceDefinition s : ready) {
      ServiceEvacuation before = progress.get(s.key());
      try {
        DnsFailoverResult r = switching.get(s.key()).get();
        progress.put(
            s.key(),
            new ServiceEvacuation(
                s.key(), before.ecs(), before.ecsDetail(), r.outcome().name(), r.summary()));
      } catch (TemporalFailure e) {
        progress.put(
            s.key(),
            new ServiceEvacuation(
                s.key(), before.ecs(), before.ecsDetail(), "FAILED", Failures.rootMessage(e)));
      }
    }

    List<ServiceEvacuation> results = List.copyOf(progress.values());
    long moved =
        results.stream()
            .filter(r -> r.dns().equals("SWITCHED") || r.dns().equals("ALREADY_DONE"))
            .count();
    EvacuationOutcome outcome = EvacuationOutcome.of(moved, results.size());
    phases.enter(outcome.name().toLowerCase());
    return new RegionEvacuationResult(
        outcome,
        decision,
        results,
        timeline.entries(),
        "Evacuation "
            + outcome
            + ": "
            + moved
            + " of "
            + results.size()
            + " service(s) now served from the DR region"
            + (decision.verdict() == GateDecision.Verdict.BREAK_GLASS
                ? " (break-glass by " + decision.who() + ": " + decision.why() + ")"
                : ""));
  }

  private List<ServiceDefinition> resolve(List<String> requested) {
    List<ServiceDefinition> all;
    try {
      all = new ArrayList<>();
      if (requested.isEmpty()) {
        all.addAll(catalog.resolveServices("all"));
      } else {
        for (String key : requested) all.addAll(catalog.resolveServices(key));
      }
    } catch (ActivityFailure e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "services: " + Failures.rootMessage(e), FailureType.INVALID_INPUT.type());
    }
    return RegionEvacuationInputRules.usable(requested, all);
  }

  @Override
  public EvacuationStatus status() {
    return new EvacuationStatus(
        phases.current(), gate.waiting(), List.copyOf(progress.values()), gate.ignored());
  }
}
