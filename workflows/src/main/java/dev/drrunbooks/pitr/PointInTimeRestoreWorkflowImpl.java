package dev.drrunbooks.pitr;

import dev.drrunbooks.activities.rds.CopySettings;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.InstanceShape;
import dev.drrunbooks.activities.rds.PointInTimeRestoreRequest;
import dev.drrunbooks.activities.rds.RestorableWindow;
import dev.drrunbooks.activities.rds.RestoreSource;
import dev.drrunbooks.activities.rds.RestoreSourceQuery;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.catalog.ValidationQuery;
import dev.drrunbooks.model.Cleanup;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Inputs;
import dev.drrunbooks.model.Ownership;
import dev.drrunbooks.model.RecoveryObjectives;
import dev.drrunbooks.model.RunOwnership;
import dev.drrunbooks.model.Timeline;
import dev.drrunbooks.restore.RestoreRun;
import dev.drrunbooks.restore.RestoreStatus;
import dev.drrunbooks.restore.RestoreSteps;
import dev.drrunbooks.restore.RestoredCopyStep;
import dev.drrunbooks.restore.SourceComparisons;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;

public class PointInTimeRestoreWorkflowImpl implements PointInTimeRestoreWorkflow {
  static final String PROCEDURE = "pitr";

  /** What the run refuses in its input before it does anything (the starter checks them too). */
  public static final PointInTimeRestoreInputRules RULES = new PointInTimeRestoreInputRules();

  /**
   * Version 1: the source is found first (the live instance, a deleted instance's retained
   * automated backups, or automated backups replicated to the region asked for) and the restore
   * names it; runs recorded before restore only from the live instance in the primary region.
   */
  static final String RESTORE_SOURCE = "pitr-restore-source";

  private final Timeline timeline = new Timeline();
  private final RestoreSteps steps = new RestoreSteps(timeline);
  private final Cleanup cleanup = new Cleanup();

  @Override
  public PointInTimeRestoreResult run(PointInTimeRestoreInput input) {
    Instant start = Timeline.now();
    PointInTimeRestoreInput in = input == null ? PointInTimeRestoreInput.latest(null) : input;
    RULES.checkInput(in, Timeline.now());
    boolean latest = PointInTimeRestoreInputRules.latest(in.restoreTime());
    Instant requested = latest ? null : Inputs.instant("restoreTime", in.restoreTime());
    RestoreRun run = steps.begin(PROCEDURE, in, RULES, start, "pitr");
    ServiceDefinition service = run.service();
    String target = run.target();
    String region = RestoreRegion.resolve("region", in.region(), service.regions());
    String source = PointInTimeRestoreInputRules.source(in, service);
    PointInTimeRestoreInputRules.differentTarget(source, target);
    List<ValidationQuery> queries = run.queries();

    steps.enterPhase("check-window");
    RestoreSource from = null;
    RestorableWindow window;
    if (Workflow.getVersion(RESTORE_SOURCE, Workflow.DEFAULT_VERSION, 1) >= 1) {
      from =
          timeline.step(
              "find what " + source + " can be restored from in " + region,
              () ->
                  steps
                      .rds()
                      .findRestoreSource(
                          new RestoreSourceQuery(region, source, run.primary(), requested)),
              f ->
                  f.description()
                      + ", restorable "
                      + f.window().earliest()
                      + " to "
                      + f.window().latest());
      window = from.window();
    } else {
      window =
          timeline.step(
              "restorable window of " + source,
              () -> steps.rds().restorableWindow(region, source),
              w -> w.earliest() + " to " + w.latest());
    }
    boolean live = from == null || from.isInstance();
    String sourceName = live ? source : from.description();
    Instant point = latest ? window.latest() : requested;
    if (!window.contains(point)) {
      throw Inputs.invalid(
          "restoreTime",
          requested,
          "the restorable window of "
              + sourceName
              + " in "
              + region
              + " is "
              + window.earliest()
              + " to "
              + window.latest());
    }

    Ownership owner = RunOwnership.current(PROCEDURE);
    if (!Boolean.TRUE.equals(in.keepOnFailure())) {
      // Registered before the call: a restore that went through but timed out is still cleaned up.
      cleanup.add("rds:" + target, () -> steps.rds().deleteOwnedInstance(region, target, owner));
    }
    InstanceShape shape =
        RestoreSteps.requestedShape(
            service,
            region,
            new InstanceShape(
                in.instanceClass(),
                in.dbSubnetGroup(),
                Inputs.securityGroupIds("securityGroupIds", in.securityGroupIds()),
                in.dbParameterGroup(),
                in.optionGroup(),
                null));
    if (!live) RestorePlacementRequired.check(shape, sourceName, region);
    if (!live) queries = SourceComparisons.without(queries, timeline, sourceName);
    RestoreSource restoreFrom = from;
    List<ValidationQuery> checks = queries;
    try {
      steps.enterPhase("restore");
      steps.detail("restoring " + sourceName + " to " + point);
      InstanceInfo restoring =
          timeline.step(
              "restore " + sourceName + " to " + point + " as " + target,
              () ->
                  steps
                      .rds()
                      .restoreToPointInTime(
                          new PointInTimeRestoreRequest(
                              region, source, target, point, shape, owner, restoreFrom)),
              i -> i.status());

      steps.enterPhase("wait");
      InstanceInfo ready = steps.awaitAvailable(restoring, run.deadline());
      steps.verifyPlacement(region, target, source, shape);

      steps.enterPhase("validate");
      ValidationReport report = steps.validate(service, region, ready, checks);
      if (!report.passed()) {
        throw ApplicationFailure.newNonRetryableFailure(
            "data validation failed on " + target + ": " + RestoreSteps.evidence(report),
            FailureType.VALIDATION_FAILED.type(),
            report);
      }
      Instant recovered = Timeline.now();
      RecoveryObjectives objectives =
          RecoveryObjectives.measure(
              service.spec().objectives(), run.incident(), start, recovered, point);
      // Protected only now that it passed validation: until here the run's cleanup must be able to
      // delete it.
      // Compared with the source in the restore's region only: a DR restore must not wait on the
      // lost region.
      CopySettings copySettings =
          RestoredCopyStep.settle(
              steps, timeline, run.purpose(), region, target, source, region, owner);
      steps.enterPhase("done");
      steps.detail("available at " + ready.endpointAddress() + ":" + ready.port());
      return new PointInTimeRestoreResult(
          run.serviceKey(),
          source,
          target,
          ready.endpointAddress(),
          ready.port(),
          point,
          window,
          report,
          objectives,
          timeline.entries(),
          "Restored "
              + sourceName
              + " to "
              + point
              + " as "
              + target
              + (region.equals(run.primary()) ? "" : " in " + region)
              + "; "
              + report.summary()
              + (objectives.breached() ? "; OBJECTIVE BREACHED" : "; within objectives")
              + (copySettings == null ? "" : "; copy " + copySettings.summary()),
          copySettings,
          region,
          live ? "instance " + source : from.description());
    } catch (TemporalFailure e) {
      if (owner.runToken() != null) cleanup.forgetWhenNotOurs(e, "rds:" + target);
      throw steps.cleanUpAfter(
          e,
          cleanup,
          Boolean.TRUE.equals(in.keepOnFailure()) ? "kept rds:" + target + " for forensics" : null);
    }
  }

  @Override
  public RestoreStatus status() {
    return steps.status();
  }
}
