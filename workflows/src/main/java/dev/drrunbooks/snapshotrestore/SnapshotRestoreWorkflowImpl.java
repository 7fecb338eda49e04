package dev.drrunbooks.snapshotrestore;

import dev.drrunbooks.activities.rds.CopySettings;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.InstanceShape;
import dev.drrunbooks.activities.rds.SnapshotCopyRequest;
import dev.drrunbooks.activities.rds.SnapshotInfo;
import dev.drrunbooks.activities.rds.SnapshotRestoreRequest;
import dev.drrunbooks.activities.rds.SnapshotStatus;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.catalog.ValidationQuery;
import dev.drrunbooks.model.Cleanup;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.Inputs;
import dev.drrunbooks.model.Ownership;
import dev.drrunbooks.model.RecoveryObjectives;
import dev.drrunbooks.model.ResourceNames;
import dev.drrunbooks.model.RunOwnership;
import dev.drrunbooks.model.Timeline;
import dev.drrunbooks.restore.RestoreRun;
import dev.drrunbooks.restore.RestoreStatus;
import dev.drrunbooks.restore.RestoreSteps;
import dev.drrunbooks.restore.RestoredCopyStep;
import dev.drrunbooks.restore.SnapshotChoice;
import dev.drrunbooks.restore.SourceComparisons;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;

public class SnapshotRestoreWorkflowImpl implements SnapshotRestoreWorkflow {
  static final String PROCEDURE = "snapshot-restore";

  /** What the run refuses in its input before it does anything (the starter checks them too). */
  public static final SnapshotRestoreInputRules RULES = new SnapshotRestoreInputRules();

  /**
   * Version 1: a named snapshot must be the service's instance's and available (or becoming so).
   */
  static final String NAMED_SNAPSHOT_CHECKS = "snapshot-restore-named-snapshot-checks";

  /**
   * Version 1: the snapshot of a deleted instance is validated without the queries that compare
   * with it.
   */
  static final String DELETED_SOURCE = "snapshot-restore-deleted-source";

  private final Timeline timeline = new Timeline();
  private final RestoreSteps steps = new RestoreSteps(timeline);
  private final Cleanup cleanup = new Cleanup();

  @Override
  public SnapshotRestoreResult run(SnapshotRestoreInput input) {
    Instant start = Timeline.now();
    SnapshotRestoreInput in = input == null ? SnapshotRestoreInput.latest(null) : input;
    RULES.checkInput(in, Timeline.now());
    String snapshotRef =
        in.snapshot() == null || in.snapshot().isBlank() ? "latest" : in.snapshot().trim();
    boolean copy = Boolean.TRUE.equals(in.copyToDrRegion());
    RestoreRun run = steps.begin(PROCEDURE, in, RULES, start, "restored");
    ServiceDefinition service = run.service();
    String target = run.target();
    String primary = run.primary();
    String instance = service.spec().database().instance();

    steps.enterPhase("find-snapshot");
    SnapshotInfo snapshot =
        "latest".equalsIgnoreCase(snapshotRef)
            ? newestSnapshot(primary, instance)
            : findSnapshot(
                primary,
                snapshotRef,
                instance,
                Boolean.TRUE.equals(in.allowOtherSource()),
                run.deadline());

    Ownership owner = RunOwnership.current(PROCEDURE);
    boolean keep = Boolean.TRUE.equals(in.keepOnFailure());
    try {
      SnapshotInfo restoreFrom = snapshot;
      SnapshotInfo drCopy = null;
      String region = primary;
      if (copy) {
        region = service.regions().dr();
        drCopy = copyToDr(snapshot, region, in.kmsKeyId(), owner, keep, run.deadline());
        restoreFrom = drCopy;
      }
      String restoreRegion = region;
      SnapshotInfo from = restoreFrom;
      if (!keep)
        cleanup.add(
            "rds:" + target, () -> steps.rds().deleteOwnedInstance(restoreRegion, target, owner));
      steps.enterPhase("restore");
      steps.detail("restoring " + from.snapshotId() + " in " + restoreRegion);
      InstanceShape shape =
          RestoreSteps.requestedShape(
              service,
              restoreRegion,
              new InstanceShape(
                  in.instanceClass(),
                  in.dbSubnetGroup(),
                  in.securityGroupIds(),
                  in.dbParameterGroup(),
                  in.optionGroup(),
                  in.multiAz()));
      InstanceInfo restoring =
          timeline.step(
              "restore " + from.snapshotId() + " as " + target + " in " + restoreRegion,
              () ->
                  steps
                      .rds()
                      .restoreFromSnapshot(
                          new SnapshotRestoreRequest(restoreRegion, from, target, shape, owner)),
              InstanceInfo::status);

      steps.enterPhase("wait");
      InstanceInfo ready = steps.awaitAvailable(restoring, run.deadline());
      steps.verifyPlacement(restoreRegion, target, from.instanceId(), shape);

      steps.enterPhase("validate");
      ValidationReport report =
          steps.validate(
              service, restoreRegion, ready, comparable(run.queries(), primary, instance));
      if (!report.passed()) {
        throw ApplicationFailure.newNonRetryableFailure(
            "data validation failed on " + target + ": " + RestoreSteps.evidence(report),
            FailureType.VALIDATION_FAILED.type(),
            report);
      }
      RecoveryObjectives objectives =
          RecoveryObjectives.measure(
              service.spec().objectives(),
              run.incident(),
              start,
              Timeline.now(),
              snapshot.createdAt());
      // Protected only now that it passed validation: until here the run's cleanup must be able to
      // delete it.
      CopySettings copySettings =
          RestoredCopyStep.settle(
              steps,
              timeline,
              run.purpose(),
              restoreRegion,
              target,
              snapshot.instanceId(),
              primary,
              owner);
      steps.enterPhase("done");
      steps.detail("available at " + ready.endpointAddress() + ":" + ready.port());
      return new SnapshotRestoreResult(
          run.serviceKey(),
          snapshot,
          drCopy,
          restoreRegion,
          target,
          ready.endpointAddress(),
          ready.port(),
          report,
          objectives,
          timeline.entries(),
          "Restored "
              + snapshot.snapshotId()
              + (copy ? " (copied to " + restoreRegion + ")" : "")
              + " as "
              + target
              + "; "
              + report.summary()
              + (objectives.breached() ? "; OBJECTIVE BREACHED" : "; within objectives")
              + (copySettings == null ? "" : "; copy " + copySettings.summary()),
          copySettings);
    } catch (TemporalFailure e) {
      if (owner.runToken() != null) cleanup.forgetWhenNotOurs(e, "rds:" + target);
      throw steps.cleanUpAfter(
          e, cleanup, keep ? "kept what this run created for forensics" : null);
    }
  }

  /**
   * The queries that can run: those comparing with the source instance ({@code
   * withinPercentOfSource}) are left out, with a SKIPPED timeline entry, when the instance no
   * longer exists (a restore of a deleted instance's final or retained snapshot); the validation
   * would otherwise fail on the missing source, not on the data.
   */
  private List<ValidationQuery> comparable(
      List<ValidationQuery> queries, String region, String instance) {
    if (queries.stream().noneMatch(q -> q.expect().withinPercentOfSource() != null)) return queries;
    if (Workflow.getVersion(DELETED_SOURCE, Workflow.DEFAULT_VERSION, 1) < 1) return queries;
    try {
      steps.rds().describeInstance(region, instance);
      return queries;
    } catch (ActivityFailure e) {
      if (!FailureType.RDS_INSTANCE_NOT_FOUND.isRootOf(e)) throw e;
      return SourceComparisons.without(
          queries, timeline, instance + " no longer exists in " + region);
    }
  }

  /**
   * The newest available snapshot of the instance: manual, final or automated, also when the
   * instance was deleted (its final snapshot, and the automated snapshots kept with its retained
   * automated backups).
   */
  private SnapshotInfo newestSnapshot(String region, String instance) {
    return timeline.step(
        "newest snapshot of " + instance,
        () -> {
          List<SnapshotInfo> found = steps.snapshots().listSnapshots(region, instance);
          return SnapshotChoice.newest(found)
              .orElseThrow(
                  () ->
                      ApplicationFailure.newNonRetryableFailure(
                          "snapshot: no available snapshot of "
                              + instance
                              + " in "
                              + region
                              + "; searched its manual, final and automated snapshots, and those"
                              + " kept with its retained automated backups (DescribeDBSnapshots): "
                              + (found.isEmpty()
                                  ? "none"
                                  : found.size() + " found, none available"),
                          "SnapshotNotFound"));
        },
        s -> s.snapshotId() + " created " + s.createdAt());
  }

  /**
   * A named snapshot, usable for this service: of its instance (unless {@code allowOtherSource})
   * and available, a creating or copying one waited for until {@code deadline}; any other status is
   * refused at once, naming it (RDS would answer InvalidDBSnapshotState). Runs recorded before
   * these checks skip them.
   */
  private SnapshotInfo findSnapshot(
      String region, String id, String instance, boolean allowOtherSource, Instant deadline) {
    SnapshotInfo found;
    try {
      found =
          timeline.step(
              "find snapshot " + id,
              () -> steps.snapshots().describeSnapshot(region, id),
              s -> s.status() + ", created " + s.createdAt());
    } catch (TemporalFailure e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "snapshot: " + Failures.rootMessage(e), "SnapshotNotFound");
    }
    if (Workflow.getVersion(NAMED_SNAPSHOT_CHECKS, Workflow.DEFAULT_VERSION, 1) < 1) return found;
    if (!allowOtherSource
        && (found.instanceId() == null || !found.instanceId().equalsIgnoreCase(instance))) {
      throw Inputs.invalid(
          "snapshot",
          id,
          "it is a snapshot of RDS instance '"
              + found.instanceId()
              + "', not of the service's instance '"
              + instance
              + "'; set allowOtherSource: true (--allow-other-source)"
              + " to restore it anyway");
    }
    if (SnapshotStatus.available(found.status())) return found;
    if (!SnapshotStatus.inProgress(found.status())) {
      throw Inputs.invalid(
          "snapshot",
          id,
          "its status is '"
              + found.status()
              + "': only an available snapshot can"
              + " be restored (a creating or copying one is waited for)");
    }
    steps.enterPhase("wait-snapshot");
    steps.detail("waiting for snapshot " + found.snapshotId() + " (" + found.status() + ")");
    try {
      return steps.awaitSnapshotAvailable(found.region(), found.snapshotId(), deadline);
    } catch (TemporalFailure e) {
      String type = Failures.rootType(e);
      throw ApplicationFailure.newNonRetryableFailure(
          "snapshot: " + Failures.rootMessage(e), type == null ? "SnapshotNotAvailable" : type);
    }
  }

  private SnapshotInfo copyToDr(
      SnapshotInfo source,
      String drRegion,
      String kmsKeyId,
      Ownership owner,
      boolean keep,
      Instant deadline) {
    if (source.encrypted() && (kmsKeyId == null || kmsKeyId.isBlank())) {
      throw Inputs.invalid(
          "kmsKeyId",
          kmsKeyId,
          "snapshot "
              + source.snapshotId()
              + " is encrypted: give a KMS key of "
              + drRegion
              + " to copy it there");
    }
    String copyId = ResourceNames.rds(Workflow.getInfo().getWorkflowId(), "dr-copy");
    if (!keep)
      cleanup.add(
          "rds-snapshot:" + copyId,
          () -> steps.snapshots().deleteOwnedSnapshot(drRegion, copyId, owner));
    steps.enterPhase("copy");
    steps.detail("copying " + source.snapshotId() + " to " + drRegion);
    timeline.step(
        "copy " + source.snapshotId() + " to " + drRegion + " as " + copyId,
        () ->
            steps
                .snapshots()
                .copySnapshot(new SnapshotCopyRequest(source, drRegion, copyId, kmsKeyId, owner)),
        SnapshotInfo::status);
    return steps.awaitSnapshotAvailable(drRegion, copyId, deadline);
  }

  @Override
  public RestoreStatus status() {
    return steps.status();
  }
}
