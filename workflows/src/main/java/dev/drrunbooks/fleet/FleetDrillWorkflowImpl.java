package dev.drrunbooks.fleet;

import dev.drrunbooks.activities.catalog.CatalogActivities;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.drill.DrDrill;
import dev.drrunbooks.drill.DrDrillInput;
import dev.drrunbooks.drill.DrDrillResult;
import dev.drrunbooks.drill.DrDrillWorkflow;
import dev.drrunbooks.drill.ServiceDrill;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.Phases;
import dev.drrunbooks.model.Timeline;
import dev.drrunbooks.runbook.RunSummary;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowCancellationType;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet drill: the fleet validation's queue ({@link RegionSlots} under {@link FleetLimits}, the
 * most critical first, a slot per child in its service's primary region) over DR drill children.
 * Each child is an ordinary DR drill of one service, with its own test environment stack (named for
 * its own run id), report, ledger row and clean-up.
 */
public class FleetDrillWorkflowImpl implements FleetDrillWorkflow {
  /** What the run refuses in its input before it starts a child (the starter checks them too). */
  public static final FleetDrillInputRules RULES = new FleetDrillInputRules();

  private final CatalogActivities catalog = ActivityDefaults.shortCallStub(CatalogActivities.class);
  private final Timeline timeline = new Timeline();
  private final Phases phases = new Phases();
  private final Map<String, FleetDrillMember> members = new LinkedHashMap<>();
  private final RegionQuotas quotas = new RegionQuotas();
  private RegionSlots slots;
  private int queued;

  @Override
  public FleetDrillResult run(FleetDrillInput input) {
    FleetDrillInput in = input == null ? FleetDrillInput.all() : input;
    RULES.checkInput(in, Timeline.now());
    FleetLimits limits = FleetLimits.of(in.maxConcurrent(), in.maxPerRegion());
    List<String> keys = RULES.services(in);
    phases.tag(FleetDrill.KEY, String.join(",", keys));
    phases.enter("resolve");
    List<ServiceDefinition> services = FleetOrder.resolve(catalog, timeline, keys);
    RULES.checkServices(in, services);
    slots = new RegionSlots(limits);
    queued = services.size();
    // Each drill restores a DB instance in its service's primary region: no more at once there
    // than the account's DB-instance quota has room for.
    for (ServiceDefinition service : services)
      quotas.capOnce(service.regions().primary(), slots, timeline);
    phases.enter("drill");
    Instant queuedAt = Timeline.now();
    try {
      for (ServiceDefinition service : services) {
        String region = service.regions().primary();
        if (slots.closed(region)) {
          queued--;
          members.put(service.key(), notStarted(service, quotas.noRoom(region)));
          continue;
        }
        Workflow.await(() -> slots.free(region));
        slots.take(region);
        queued--;
        start(service, in, queuedAt);
      }
      Workflow.await(() -> slots.inFlight() == 0);
    } catch (CanceledFailure cancelled) {
      // The children in flight were asked to cancel with this scope; each deletes its test
      // environment before the fleet ends, so a cancelled fleet leaves nothing behind.
      phases.enter("cancelling");
      Workflow.newDetachedCancellationScope(() -> Workflow.await(() -> slots.inFlight() == 0))
          .run();
      throw cancelled;
    }
    List<FleetDrillMember> ended = services.stream().map(s -> members.get(s.key())).toList();
    phases.enter(ended.stream().allMatch(FleetDrillMember::passed) ? "done" : "failed");
    return new FleetDrillResult(
        ended, limits, slots.mostAtOnce(), FleetDrillResult.summarize(ended), timeline.entries());
  }

  @Override
  public String status() {
    if (slots == null) return phases.current();
    return phases.current()
        + ": "
        + slots.inFlight()
        + " in flight, "
        + queued
        + " queued, "
        + members.size()
        + " done";
  }

  /** Starts the service's drill; when it ends, its result is kept and its slot given back. */
  private void start(ServiceDefinition service, FleetDrillInput in, Instant queuedAt) {
    String region = service.regions().primary();
    String id = Workflow.getInfo().getWorkflowId() + "-" + service.key();
    DrDrillWorkflow child =
        Workflow.newChildWorkflowStub(
            DrDrillWorkflow.class,
            RunSummary.of(DrDrill.PROCEDURE, service.key(), service.spec().objectives())
                .on(ChildWorkflowOptions.newBuilder())
                .setWorkflowId(id)
                // A terminated fleet still has its children clean up; a cancelled one waits for it.
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
                .setCancellationType(ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED)
                .build());
    Instant started = Timeline.now();
    Async.function(child::run, new DrDrillInput(List.of(service.key()), in.waitBudget()))
        .handle(
            (DrDrillResult r, RuntimeException e) -> {
              FleetDrillMember m = ended(service, id, queuedAt, started, r, e);
              members.put(service.key(), m);
              timeline.record(
                  "drill " + service.key() + " (" + id + ")",
                  started,
                  m.passed() ? Outcome.SUCCEEDED : Outcome.FAILED,
                  m.summary());
              slots.release(region);
              return null;
            });
  }

  private static FleetDrillMember notStarted(ServiceDefinition service, String why) {
    return new FleetDrillMember(
        service.key(),
        service.regions().primary(),
        Workflow.getInfo().getWorkflowId() + "-" + service.key(),
        FleetMemberResult.NOT_STARTED,
        null,
        null,
        null,
        null,
        why);
  }

  private static FleetDrillMember ended(
      ServiceDefinition service,
      String id,
      Instant queuedAt,
      Instant started,
      DrDrillResult r,
      RuntimeException e) {
    Duration queuedFor = Duration.between(queuedAt, started);
    Duration ranFor = Duration.between(started, Timeline.now());
    String region = service.regions().primary();
    if (e != null)
      return new FleetDrillMember(
          service.key(),
          region,
          id,
          Failures.cancelled(e) ? FleetMemberResult.CANCELLED : FleetMemberResult.FAILED,
          queuedFor,
          ranFor,
          null,
          null,
          Failures.rootMessage(e));
    ServiceDrill drilled =
        r.services() == null
            ? null
            : r.services().stream()
                .filter(s -> s.service().equals(service.key()))
                .findFirst()
                .orElse(null);
    ObjectiveCheck rto =
        drilled == null || drilled.objectives() == null ? null : drilled.objectives().rto();
    ObjectiveCheck rpo =
        drilled == null || drilled.objectives() == null ? null : drilled.objectives().rpo();
    String summary =
        !r.passed() && drilled != null && drilled.failure() != null
            ? drilled.failure()
            : r.summary();
    return new FleetDrillMember(
        service.key(),
        region,
        id,
        r.passed() ? FleetMemberResult.PASSED : FleetMemberResult.FAILED,
        queuedFor,
        ranFor,
        rto,
        rpo,
        summary);
  }
}
