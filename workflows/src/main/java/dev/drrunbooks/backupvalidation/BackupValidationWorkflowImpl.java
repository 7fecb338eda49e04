package dev.drrunbooks.backupvalidation;

import dev.drrunbooks.activities.rds.CopyPurpose;
import dev.drrunbooks.activities.rds.CopySettings;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.InstanceShape;
import dev.drrunbooks.activities.rds.SnapshotInfo;
import dev.drrunbooks.activities.rds.SnapshotRestoreRequest;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.catalog.ValidationQuery;
import dev.drrunbooks.model.Cleanup;
import dev.drrunbooks.model.CleanupRecord;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Inputs;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.Ownership;
import dev.drrunbooks.model.ResourceNames;
import dev.drrunbooks.model.RunOwnership;
import dev.drrunbooks.model.Timeline;
import dev.drrunbooks.restore.RestoreInputs;
import dev.drrunbooks.restore.RestoreStatus;
import dev.drrunbooks.restore.RestoreSteps;
import dev.drrunbooks.restore.RestoredCopyStep;
import dev.drrunbooks.restore.SnapshotChoice;
import dev.drrunbooks.restore.SnapshotPick;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public class BackupValidationWorkflowImpl implements BackupValidationWorkflow {
  static final String PROCEDURE = "backup-validation";

  /** What the run refuses in its input before it does anything (the starter checks them too). */
  public static final BackupValidationInputRules RULES = new BackupValidationInputRules();

  private final Timeline timeline = new Timeline();
  private final RestoreSteps steps = new RestoreSteps(timeline);
  private final Cleanup cleanup = new Cleanup();

  @Override
  public BackupValidationResult run(BackupValidationInput input) {
    Instant start = Timeline.now();
    BackupValidationInput in = input == null ? BackupValidationInput.newest(null) : input;
    RULES.checkInput(in, Timeline.now());
    String serviceKey = Inputs.serviceKey("service", in.service(), false);
    SnapshotPick pick = SnapshotPick.parse("pick", in.pick());
    Duration randomWithin = Inputs.duration("randomWithin", in.randomWithin(), Duration.ofDays(7));
    String workflowId = Workflow.getInfo().getWorkflowId();
    String target = steps.target(ResourceNames.rds(workflowId, "validation"));

    ServiceDefinition service = steps.begin(PROCEDURE, serviceKey);
    RULES.checkServices(in, List.of(service));
    String region = service.regions().primary();
    String instance = service.spec().database().instance();
    Duration budget = RestoreInputs.waitBudget(in.waitBudget(), service);
    List<ValidationQuery> queries = RestoreInputs.queries(in.validationQueries(), service);

    steps.enterPhase("pick-snapshot");
    double random = Workflow.newRandom().nextDouble();
    SnapshotInfo snapshot =
        timeline.step(
            "pick the " + pick.inputValue() + " snapshot of " + instance,
            () -> {
              List<SnapshotInfo> all = steps.snapshots().listSnapshots(region, instance);
              Optional<SnapshotInfo> chosen =
                  pick == SnapshotPick.NEWEST
                      ? SnapshotChoice.newest(all)
                      : SnapshotChoice.randomRecent(all, Timeline.now(), randomWithin, random);
              return chosen.orElseThrow(
                  () ->
                      ApplicationFailure.newNonRetryableFailure(
                          "snapshot: no available snapshot of "
                              + instance
                              + " in "
                              + region
                              + (pick == SnapshotPick.RANDOM
                                  ? " from the last " + randomWithin
                                  : ""),
                          "SnapshotNotFound"));
            },
            s -> s.snapshotId() + " (" + s.type() + ", created " + s.createdAt() + ")");

    Ownership owner = RunOwnership.current(PROCEDURE);
    // Always removed, whatever happens next: the validation instance exists only for this run.
    cleanup.add("rds:" + target, () -> steps.rds().deleteOwnedInstance(region, target, owner));
    // A validation copy: single-AZ, in the service's network as the source (or the catalog) says.
    InstanceShape shape =
        RestoreSteps.requestedShape(
            service, region, new InstanceShape(in.instanceClass(), null, List.of()).singleAz());
    InstanceInfo ready;
    ValidationReport report;
    Instant restoreStarted = Timeline.now();
    Duration restoreDuration;
    CopySettings copySettings;
    try {
      steps.enterPhase("restore");
      steps.detail("restoring " + snapshot.snapshotId());
      InstanceInfo restoring =
          timeline.step(
              "restore " + snapshot.snapshotId() + " as " + target,
              () ->
                  steps
                      .rds()
                      .restoreFromSnapshot(
                          new SnapshotRestoreRequest(region, snapshot, target, shape, owner)),
              InstanceInfo::status);
      steps.enterPhase("wait");
      ready = steps.awaitAvailable(restoring, start.plus(budget));
      steps.verifyPlacement(region, target, snapshot.instanceId(), shape);
      restoreDuration = Duration.between(restoreStarted, Timeline.now());
      steps.enterPhase("validate");
      report = steps.validate(service, region, ready, queries);
      // A validation copy: never protected, checked deletable before the cleanup, differences from
      // the source listed.
      copySettings =
          RestoredCopyStep.settle(
              steps,
              timeline,
              CopyPurpose.VALIDATION,
              region,
              target,
              snapshot.instanceId(),
              region,
              owner);
    } catch (TemporalFailure e) {
      if (owner.runToken() != null) cleanup.forgetWhenNotOurs(e, "rds:" + target);
      throw steps.cleanUpAfter(e, cleanup, null);
    }

    steps.enterPhase("cleanup");
    List<CleanupRecord> cleaned = cleanup.run(timeline);
    boolean leftBehind = cleaned.stream().anyMatch(r -> r.outcome() == Outcome.FAILED);
    if (!report.passed() || leftBehind) {
      steps.enterPhase("failed");
      String why =
          !report.passed()
              ? "backup "
                  + snapshot.snapshotId()
                  + " failed validation: "
                  + RestoreSteps.evidence(report)
              : "validation passed but cleanup failed";
      throw ApplicationFailure.newNonRetryableFailure(
          why + " (cleanup: " + cleanup.summary() + ")",
          !report.passed() ? FailureType.VALIDATION_FAILED.type() : "CleanupFailed",
          report);
    }
    steps.enterPhase("done");
    steps.detail("validated and deleted");
    return new BackupValidationResult(
        serviceKey,
        snapshot,
        target,
        restoreDuration,
        report,
        cleaned,
        timeline.entries(),
        "Backup "
            + snapshot.snapshotId()
            + " restored in "
            + restoreDuration.toSeconds()
            + " s; "
            + report.summary()
            + "; "
            + cleanup.summary(),
        copySettings);
  }

  @Override
  public RestoreStatus status() {
    return steps.status();
  }
}
