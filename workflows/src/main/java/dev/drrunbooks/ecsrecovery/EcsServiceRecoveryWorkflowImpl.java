package dev.drrunbooks.ecsrecovery;

import dev.drrunbooks.activities.catalog.CatalogActivities;
import dev.drrunbooks.activities.ecs.EcsActivities;
import dev.drrunbooks.activities.ecs.EcsRollback;
import dev.drrunbooks.activities.ecs.EcsServiceState;
import dev.drrunbooks.activities.ecs.EcsServiceUpdate;
import dev.drrunbooks.catalog.EcsSpec;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.lock.LockedResource;
import dev.drrunbooks.lock.ResourceLocks;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.Cleanup;
import dev.drrunbooks.model.Inputs;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.Phases;
import dev.drrunbooks.model.Polls;
import dev.drrunbooks.model.ServiceLookup;
import dev.drrunbooks.model.Timeline;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

public class EcsServiceRecoveryWorkflowImpl implements EcsServiceRecoveryWorkflow {
  /**
   * Version 1: the waits check the task definition the service is steady on, not only its counts.
   */
  /** What the run refuses in its input before it does anything (the starter checks them too). */
  public static final EcsRecoveryInputRules RULES = new EcsRecoveryInputRules();

  static final String VERIFY_TASK_DEFINITION = "ecs-recovery-verify-task-definition";

  private final CatalogActivities catalog = ActivityDefaults.shortCallStub(CatalogActivities.class);
  private final EcsActivities ecs = ActivityDefaults.shortCallStub(EcsActivities.class);
  private final Timeline timeline = new Timeline();
  private final Phases phases = new Phases();
  private final Cleanup rollback = new Cleanup();
  private final ResourceLocks locks = new ResourceLocks();

  @Override
  public EcsRecoveryResult run(EcsRecoveryInput input) {
    return locks.holdingWhile(() -> recover(input));
  }

  private EcsRecoveryResult recover(EcsRecoveryInput input) {
    Instant start = Timeline.now();
    EcsRecoveryInput in = input == null ? EcsRecoveryInput.of(null) : input;
    RULES.checkInput(in, Timeline.now());
    String serviceKey = Inputs.serviceKey("service", in.service(), false);
    phases.tag("ecs-recovery", serviceKey);

    phases.enter("resolve");
    ServiceDefinition service = ServiceLookup.resolve(catalog, timeline, serviceKey);
    RULES.checkServices(in, List.of(service));
    EcsSpec spec = EcsRecoveryInputRules.requireEcs(service);
    String typedRegion = EcsRecoveryInputRules.typedRegion(in.region());
    boolean dr = EcsRecoveryInputRules.dr(typedRegion, service.regions());
    String region = EcsRecoveryInputRules.region(typedRegion, service.regions());
    String cluster = EcsRecoveryInputRules.cluster(in, spec, dr, serviceKey);
    String taskDefinition =
        EcsRecoveryInputRules.taskDefinition(
            in.taskDefinition() != null && !in.taskDefinition().isBlank()
                ? in.taskDefinition().trim()
                : spec.stableTaskDefinition());
    int desired = in.desiredCount() != null ? in.desiredCount() : spec.desiredCount();
    Duration budget =
        Inputs.duration("waitBudget", in.waitBudget(), service.spec().objectives().rto());

    if (Workflow.getVersion(ResourceLocks.CHANGE_ID, Workflow.DEFAULT_VERSION, 1) >= 1) {
      phases.enter("lock");
      locks.acquire(
          LockedResource.ECS_SERVICE.named(region + "/" + cluster + "/" + spec.service()),
          "ecs-recovery");
    }
    phases.enter("inspect");
    EcsServiceState before =
        timeline.step(
            "describe " + spec.service() + " in " + cluster,
            () -> ecs.describeService(region, cluster, spec.service()),
            EcsServiceState::describe);
    String target =
        timeline.step(
            "resolve " + taskDefinition,
            () -> ecs.resolveTaskDefinition(region, taskDefinition),
            arn -> arn);

    // Runs recorded before this change waited for the counts only: they replay down that branch.
    boolean verifyTaskDefinition =
        Workflow.getVersion(VERIFY_TASK_DEFINITION, Workflow.DEFAULT_VERSION, 1) >= 1;
    try {
      rollback.add(
          "ecs:" + cluster + "/" + spec.service(),
          () -> {
            ecs.updateService(
                new EcsServiceUpdate(
                    region, cluster, spec.service(), before.taskDefinitionArn(), null, true));
            EcsServiceState back =
                awaitSteady(
                    region,
                    cluster,
                    spec.service(),
                    verifyTaskDefinition ? before.taskDefinitionArn() : null,
                    Timeline.now().plus(budget));
            return "rolled back to " + before.taskDefinitionArn() + ": " + back.describe();
          });
      phases.enter("deploy");
      timeline.step(
          "update to " + taskDefinition + " with a forced new deployment",
          () ->
              ecs.updateService(
                  new EcsServiceUpdate(region, cluster, spec.service(), target, null, true)),
          EcsServiceState::describe);
      phases.enter("scale");
      timeline.step(
          "scale to " + desired,
          () ->
              ecs.updateService(
                  new EcsServiceUpdate(region, cluster, spec.service(), null, desired, false)),
          EcsServiceState::describe);
      phases.enter("wait");
      EcsServiceState after =
          awaitSteady(
              region,
              cluster,
              spec.service(),
              verifyTaskDefinition ? target : null,
              start.plus(budget));
      phases.enter("done");
      Duration took = Duration.between(start, Timeline.now());
      return new EcsRecoveryResult(
          serviceKey,
          region,
          cluster,
          target,
          before,
          after,
          ObjectiveCheck.of(service.spec().objectives().rto(), took, "from run start " + start),
          timeline.entries(),
          "Recovered "
              + spec.service()
              + " in "
              + cluster
              + " ("
              + region
              + ") on "
              + target
              + ": "
              + after.describe());
    } catch (TemporalFailure e) {
      throw rollback.endRun(e, timeline, phases, null);
    }
  }

  /**
   * Waits until the service is steady (one poll per activity attempt; older runs in one
   * heartbeating activity); on {@code taskDefinition} when given, so a rollback (ECS's circuit
   * breaker, or a person) fails the step with type {@code EcsRolledBack}.
   */
  private EcsServiceState awaitSteady(
      String region, String cluster, String service, String taskDefinition, Instant deadline) {
    // Runs begun before ECS waits polled one attempt at a time keep the heartbeating one.
    boolean perAttempt = Polls.perAttempt(Polls.ECS_CHANGE_ID);
    EcsActivities waiting =
        Workflow.newActivityStub(
            EcsActivities.class,
            Polls.options(perAttempt, deadline, "wait until " + service + " is steady"));
    if (taskDefinition == null) {
      return timeline.step(
          "wait until " + service + " is steady",
          () ->
              perAttempt
                  ? waiting.pollSteady(region, cluster, service, deadline)
                  : waiting.awaitSteady(region, cluster, service, deadline),
          EcsServiceState::describe);
    }
    return timeline.step(
        "wait until " + service + " is steady on " + EcsRollback.familyRevision(taskDefinition),
        () ->
            perAttempt
                ? waiting.pollSteadyOn(region, cluster, service, taskDefinition, deadline)
                : waiting.awaitSteadyOn(region, cluster, service, taskDefinition, deadline),
        EcsServiceState::describe);
  }

  @Override
  public String status() {
    return phases.current();
  }
}
