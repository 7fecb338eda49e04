package dev.drrunbooks.fleet;

import dev.drrunbooks.activities.catalog.CatalogActivities;
import dev.drrunbooks.backupvalidation.BackupValidation;
import dev.drrunbooks.backupvalidation.BackupValidationInput;
import dev.drrunbooks.backupvalidation.BackupValidationResult;
import dev.drrunbooks.backupvalidation.BackupValidationWorkflow;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.Failures;
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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public class FleetValidationWorkflowImpl implements FleetValidationWorkflow {
  /** What the run refuses in its input before it starts a child (the starter checks them too). */
  public static final FleetValidationInputRules RULES = new FleetValidationInputRules();

  private final CatalogActivities catalog = ActivityDefaults.shortCallStub(CatalogActivities.class);
  private final Timeline timeline = new Timeline();
  private final Phases phases = new Phases();
  private final Map<String, FleetMemberResult> members = new LinkedHashMap<>();
  private final RegionQuotas quotas = new RegionQuotas();
  private RegionSlots slots;
  private int queued;

  @Override
  public FleetValidationResult run(FleetValidationInput input) {
    FleetValidationInput in = input == null ? FleetValidationInput.all() : input;
    RULES.checkInput(in, Timeline.now());
    FleetLimits limits = FleetLimits.of(in.maxConcurrent(), in.maxPerRegion());
    List<String> keys = RULES.services(in);
    phases.tag(FleetValidation.KEY, keys.size() == 1 ? keys.get(0) : String.join(",", keys));
    phases.enter("resolve");
    List<ServiceDefinition> services = FleetOrder.resolve(catalog, timeline, keys);
    slots = new RegionSlots(limits);
    queued = services.size();
    phases.enter("validate");
    if (Workflow.getVersion(RegionQuotas.CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == 1)
      for (ServiceDefinition service : services)
        quotas.capOnce(service.regions().primary(), slots, timeline);
    Instant queuedAt = Timeline.now();
    try {
      for (ServiceDefinition service : services) {
        String region = service.regions().primary();
        if (slots.closed(region)) {
          queued--;
          members.put(
              service.key(),
              FleetMemberResult.notStarted(
                  service.key(), region, childId(service), quotas.noRoom(region)));
          continue;
        }
        Workflow.await(() -> slots.free(region));
        slots.take(region);
        queued--;
        start(service, in, queuedAt);
      }
      Workflow.await(() -> slots.inFlight() == 0);
    } catch (CanceledFailure cancelled) {
      // The children in flight were asked to cancel with this scope; their clean-ups run before
      // the fleet ends, so a cancelled fleet leaves nothing behind.
      phases.enter("cancelling");
      Workflow.newDetachedCancellationScope(() -> Workflow.await(() -> slots.inFlight() == 0))
          .run();
      for (ServiceDefinition s : services)
        members.putIfAbsent(
            s.key(),
            FleetMemberResult.notStarted(
                s.key(),
                s.regions().primary(),
                childId(s),
                "not started: the fleet was cancelled"));
      throw cancelled;
    }
    List<FleetMemberResult> ended = orderedAs(services);
    phases.enter(ended.stream().allMatch(FleetMemberResult::passed) ? "done" : "failed");
    return new FleetValidationResult(
        ended,
        limits,
        slots.mostAtOnce(),
        FleetValidationResult.summarize(ended),
        timeline.entries());
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

  /** Starts the service's child run; when it ends, its result is kept and its slot given back. */
  private void start(ServiceDefinition service, FleetValidationInput in, Instant queuedAt) {
    String region = service.regions().primary();
    String id = childId(service);
    BackupValidationWorkflow child =
        Workflow.newChildWorkflowStub(
            BackupValidationWorkflow.class,
            RunSummary.of(BackupValidation.PROCEDURE, service.key(), service.spec().objectives())
                .on(ChildWorkflowOptions.newBuilder())
                .setWorkflowId(id)
                // A terminated fleet still has its children clean up; a cancelled one waits for it.
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
                .setCancellationType(ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED)
                .build());
    Instant started = Timeline.now();
    BackupValidationInput childInput =
        new BackupValidationInput(service.key(), in.pick(), null, in.waitBudget(), null, null);
    Async.function(child::run, childInput)
        .handle(
            (BackupValidationResult r, RuntimeException e) -> {
              FleetMemberResult m = ended(service, id, queuedAt, started, r, e);
              members.put(service.key(), m);
              timeline.record(
                  "validate " + service.key() + " (" + id + ")",
                  started,
                  m.passed() ? Outcome.SUCCEEDED : Outcome.FAILED,
                  m.summary());
              slots.release(region);
              return null;
            });
  }

  private static FleetMemberResult ended(
      ServiceDefinition service,
      String id,
      Instant queuedAt,
      Instant started,
      BackupValidationResult r,
      RuntimeException e) {
    String region = service.regions().primary();
    Instant now = Timeline.now();
    if (e == null)
      return FleetMemberResult.ended(
          service.key(),
          region,
          id,
          FleetMemberResult.PASSED,
          queuedAt,
          started,
          now,
          r.restoreDuration(),
          r.summary());
    String outcome = Failures.cancelled(e) ? FleetMemberResult.CANCELLED : FleetMemberResult.FAILED;
    return FleetMemberResult.ended(
        service.key(), region, id, outcome, queuedAt, started, now, null, Failures.rootMessage(e));
  }

  private static String childId(ServiceDefinition service) {
    return Workflow.getInfo().getWorkflowId() + "-" + service.key();
  }

  private List<FleetMemberResult> orderedAs(List<ServiceDefinition> services) {
    return services.stream().map(s -> members.get(s.key())).toList();
  }
}
