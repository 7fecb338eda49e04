package dev.drrunbooks.datarecovery;

import dev.drrunbooks.activities.catalog.CatalogActivities;
import dev.drrunbooks.activities.rds.CopyProtectionRequest;
import dev.drrunbooks.activities.rds.ErrorLogScan;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.RdsLogActivities;
import dev.drrunbooks.activities.rds.RdsRestoreActivities;
import dev.drrunbooks.activities.sql.DataValidationActivities;
import dev.drrunbooks.activities.sql.DatabaseTarget;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.activities.sql.replay.CorruptionEvidence;
import dev.drrunbooks.activities.sql.replay.CorruptionRule;
import dev.drrunbooks.activities.sql.replay.RecoveryVerification;
import dev.drrunbooks.activities.sql.replay.ReplayActivities;
import dev.drrunbooks.activities.sql.replay.ReplayPlan;
import dev.drrunbooks.activities.sql.replay.ReplayProgress;
import dev.drrunbooks.approval.GateApprovers;
import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.approval.GatedWorkflow;
import dev.drrunbooks.catalog.DataRecoverySpec;
import dev.drrunbooks.catalog.GateDefault;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.catalog.ValidationQuery;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.Cleanup;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Inputs;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.Ownership;
import dev.drrunbooks.model.Phases;
import dev.drrunbooks.model.ServiceLookup;
import dev.drrunbooks.model.Timeline;
import dev.drrunbooks.pitr.PointInTimeRestore;
import dev.drrunbooks.pitr.PointInTimeRestoreInput;
import dev.drrunbooks.pitr.PointInTimeRestoreResult;
import dev.drrunbooks.pitr.PointInTimeRestoreWorkflow;
import dev.drrunbooks.runbook.RunSummary;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

public class CorruptedDataRecoveryWorkflowImpl extends GatedWorkflow
    implements CorruptedDataRecoveryWorkflow {
  public static final String CONFIRM_STEP = "confirm-restore-point";

  /** What the run refuses in its input before it does anything (the starter checks them too). */
  public static final CorruptedDataRecoveryInputRules RULES = new CorruptedDataRecoveryInputRules();

  public static final String REPLAY_STEP = "apply-replay";

  /** The Workflow.getVersion change id of the checks after the replay. */
  static final String VERIFY_AFTER_REPLAY = "verify-after-replay";

  /**
   * A run cancelled or failed after its restore deletes the recovered copy (a half-recovered
   * database serves nobody); runs recorded before it left the copy.
   */
  static final String RECOVERED_COPY_CLEANUP = "recovered-copy-cleanup";

  /**
   * The Workflow.getVersion change id of the catalog-declared data recovery: from version 1 the
   * tables replayed and checked are the service's {@code database.dataRecovery}, and a service
   * without one is refused before anything. Runs recorded before it did neither.
   */
  static final String CATALOG_DATA_RECOVERY = "catalog-data-recovery";

  private final CatalogActivities catalog = ActivityDefaults.shortCallStub(CatalogActivities.class);
  private final RdsRestoreActivities rds =
      ActivityDefaults.shortCallStub(RdsRestoreActivities.class);
  private final ReplayActivities replay =
      Workflow.newActivityStub(
          ReplayActivities.class, ActivityDefaults.longCalls(Duration.ofMinutes(30)));
  private final DataValidationActivities data =
      Workflow.newActivityStub(
          DataValidationActivities.class, ActivityDefaults.longCalls(Duration.ofMinutes(10)));
  private final Phases phases = new Phases();
  private Instant corruptionTime;
  private Instant restorePoint;
  private ReplayPlan plan;
  private ErrorLogScan errorLogs;
  private String detail = "";

  @Override
  public CorruptedDataRecoveryResult run(CorruptedDataRecoveryInput input) {
    CorruptedDataRecoveryInput in = input == null ? CorruptedDataRecoveryInput.of(null) : input;
    // Issue 10: a corruption time in the future is a typo, refused before anything (later runs
    // only).
    boolean refuseFuture =
        Workflow.getVersion("future-corruption-refused", Workflow.DEFAULT_VERSION, 1) >= 1;
    RULES.checkInput(in, refuseFuture ? Timeline.now() : null);
    String serviceKey = Inputs.serviceKey("service", in.service(), false);
    Instant givenCorruption = Inputs.instant("corruptionTime", in.corruptionTime());
    Instant since = Inputs.instant("searchSince", in.searchSince());
    Duration gateTimeout =
        Inputs.duration("approvalTimeout", in.approvalTimeout(), Duration.ofMinutes(30));
    int batchSize = CorruptedDataRecoveryInputRules.batchSize(in.batchSize());
    phases.tag("data-recovery", serviceKey);

    phases.enter("resolve");
    ServiceDefinition service = ServiceLookup.resolve(catalog, timeline, serviceKey);
    DataRecoverySpec declared = declaredDataRecovery(service);
    String auditTrail = declared == null ? "the audit log" : declared.audit().table();
    String region = service.regions().primary();
    String sourceId = service.spec().database().instance();
    InstanceInfo sourceInstance =
        timeline.step(
            "describe " + sourceId,
            () -> rds.describeInstance(region, sourceId),
            InstanceInfo::status);
    DatabaseTarget source =
        new DatabaseTarget(
            region,
            sourceId,
            sourceInstance.endpointAddress(),
            sourceInstance.port(),
            service.spec().database().name());

    phases.enter("find-corruption");
    CorruptionEvidence evidence = null;
    if (givenCorruption != null) {
      corruptionTime = givenCorruption;
      restorePoint = givenCorruption.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
      // The time is the operator's; the audit log from then on still says who did it, so their
      // later
      // writes can be left out of the replay.
      CorruptionEvidence from =
          timeline.step(
              "search " + auditTrail + " from " + givenCorruption + " for who did it",
              () ->
                  replay.findCorruption(declared, source, givenCorruption, CorruptionRule.DEFAULT),
              CorruptionEvidence::summary);
      if (from.found()) evidence = from;
    } else {
      // Added after the first release: runs recorded before it replay without the log scan.
      if (Workflow.getVersion("error-log-scan", Workflow.DEFAULT_VERSION, 1) == 1) {
        errorLogs = scanErrorLogs(region, sourceId, since);
      }
      CorruptionEvidence found =
          timeline.step(
              "search " + auditTrail + " for the corruption",
              () -> replay.findCorruption(declared, source, since, CorruptionRule.DEFAULT),
              CorruptionEvidence::summary);
      if (!found.found() && errorLogs != null && errorLogs.firstError() != null) {
        corruptionTime = errorLogs.firstError();
        restorePoint = corruptionTime.minusSeconds(1);
      } else if (!found.found()) {
        throw ApplicationFailure.newNonRetryableFailure(
            "corruptionTime: none given, and no corruption found in "
                + sourceId
                + "'s "
                + auditTrail
                + (since == null ? "" : " since " + since)
                + " by the default rule ("
                + found.summary()
                + "), nor an ERROR in its error logs ("
                + (errorLogs == null ? "not readable" : errorLogs.summary())
                + "); give the corruption time (--corruption-time)",
            FailureType.INVALID_INPUT.type());
      }
      if (found.found()) {
        evidence = found;
        corruptionTime = found.first().createdAt();
        restorePoint = found.lastGoodInstant();
      }
    }
    detail =
        "corruption at "
            + corruptionTime
            + "; proposed restore point "
            + restorePoint
            + (errorLogs == null ? "" : "; error logs: " + errorLogs.summary());

    phases.enter("confirm");
    GateDecision confirmed =
        gate.await(
            CONFIRM_STEP,
            gateTimeout,
            GateDefault.ABORT,
            GateApprovers.forGate(CONFIRM_STEP, List.of(service)));
    if (!confirmed.proceeds()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "aborted before restoring: "
              + confirmed.verdict()
              + " by "
              + confirmed.who()
              + " ("
              + confirmed.why()
              + "); nothing was restored",
          "Aborted");
    }

    phases.enter("restore");
    String workflowId = Workflow.getInfo().getWorkflowId();
    List<ValidationQuery> integrity = new ArrayList<>(service.spec().validationQueries());
    if (declared != null) integrity.addAll(declared.checks());
    // Terminating the recovery asks the restore to cancel (its clean-up deletes the instance), not
    // to die with it.
    PointInTimeRestoreWorkflow child =
        Workflow.newChildWorkflowStub(
            PointInTimeRestoreWorkflow.class,
            RunSummary.of(PointInTimeRestore.PROCEDURE, serviceKey, service.spec().objectives())
                .on(ChildWorkflowOptions.newBuilder())
                .setWorkflowId(workflowId + "-pitr")
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
                .build());
    Instant point = restorePoint;
    PointInTimeRestoreResult restored;
    try {
      restored =
          timeline.step(
              "restore " + sourceId + " to " + point,
              () ->
                  child.run(
                      new PointInTimeRestoreInput(
                          serviceKey,
                          null,
                          point.toString(),
                          null,
                          corruptionTime.toString(),
                          null,
                          null,
                          null,
                          integrity)),
              r -> r.restoredInstance() + "; " + r.validation().summary());
    } catch (ChildWorkflowFailure e) {
      throw RestorePointRefusal.relabel(e, corruptionTime, point);
    }
    Cleanup cleanup = new Cleanup();
    if (Workflow.getVersion(RECOVERED_COPY_CLEANUP, Workflow.DEFAULT_VERSION, 1) >= 1) {
      // The restore's own clean-up ended when it completed: the copy is this run's to remove if it
      // is cancelled or fails before it ends (checked against the restore run that made it).
      Ownership restoreRun =
          new Ownership(
              workflowId + "-pitr",
              Workflow.getWorkflowExecution(child).get().getRunId(),
              PointInTimeRestore.PROCEDURE.key());
      String copy = restored.restoredInstance();
      cleanup.add(
          "rds:" + copy,
          () -> {
            // The restore protected the copy as its source (a kept recovery); settled as a
            // validation copy first, deletion protection off, or RDS refuses the delete.
            rds.protectRestoredCopy(
                new CopyProtectionRequest(region, copy, sourceId, false, restoreRun));
            return rds.deleteOwnedInstance(region, copy, restoreRun);
          });
    }
    try {
      DatabaseTarget target =
          new DatabaseTarget(
              region,
              restored.restoredInstance(),
              restored.endpoint(),
              restored.port(),
              service.spec().database().name());

      phases.enter("plan-replay");
      CorruptionRule rule =
          evidence == null || evidence.actors().isEmpty()
              ? CorruptionRule.DEFAULT
              : CorruptionRule.withActors(evidence.actors());
      plan =
          timeline.step(
              "plan the replay of transactions after " + point,
              () -> replay.plan(declared, source, point, rule),
              ReplayPlan::summary);
      detail = plan.summary();

      phases.enter("confirm-replay");
      GateDecision replayApproved =
          gate.await(
              REPLAY_STEP,
              gateTimeout,
              GateDefault.ABORT,
              GateApprovers.forGate(REPLAY_STEP, List.of(service)));
      ReplayProgress progress = null;
      if (replayApproved.proceeds()) {
        phases.enter("replay");
        progress =
            timeline.step(
                "replay into " + target.instanceId(),
                () -> replay.apply(declared, source, target, plan, batchSize),
                ReplayProgress::summary);
      }
      AfterReplayChecks verified =
          progress == null
              ? AfterReplayChecks.NOT_RUN
              : verifyAfterReplay(declared, source, target, integrity);
      boolean replayed =
          progress != null
              && progress.conflicts().isEmpty()
              && progress.applied() + progress.alreadyPresent() >= plan.toApply();
      boolean complete = replayed && verified.passed();
      ObjectiveCheck rpo =
          ObjectiveCheck.of(
              service.spec().objectives().rpo(),
              complete ? Duration.ZERO : Duration.between(point, corruptionTime),
              complete
                  ? "every good transaction after the restore point was replayed"
                      + (verified.ran()
                          ? " and the recovered database passed its checks after the replay"
                          : "")
                  : replayed
                      ? "the recovered database is still wrong after the replay: "
                          + verified.describe()
                      : "transactions between the restore point and the corruption were not all"
                          + " replayed");
      DataRecoveryOutcome outcome =
          progress == null
              ? DataRecoveryOutcome.REPLAY_NOT_APPROVED
              : complete ? DataRecoveryOutcome.RECOVERED : DataRecoveryOutcome.NOT_RECOVERED;
      phases.enter("done");
      String replaySummary =
          progress == null
              ? "replay not approved ("
                  + replayApproved.verdict()
                  + " by "
                  + replayApproved.who()
                  + ")"
              : progress.summary();
      String summary =
          (verified.ran() && !complete ? "NOT RECOVERED: " + verified.describe() + ". " : "")
              + "Restored "
              + sourceId
              + " to "
              + point
              + " as "
              + restored.restoredInstance()
              + "; "
              + replaySummary
              + (verified.ran() && complete ? "; " + verified.describe() : "")
              + "; RPO "
              + (complete ? "0" : "not zero");
      detail = summary;
      return new CorruptedDataRecoveryResult(
          serviceKey,
          corruptionTime,
          point,
          evidence,
          restored.restoredInstance(),
          restored.validation(),
          plan,
          progress,
          verified.integrity(),
          verified.rows(),
          outcome,
          rpo,
          timeline.entries(),
          summary);
    } catch (TemporalFailure e) {
      throw cleanup.endRun(e, timeline, phases, null);
    }
  }

  /**
   * The integrity checks again, now on the replayed database (the ones the restore passed say
   * nothing about what the replay added to it), and the rows still wrong. Added after the first
   * release: runs recorded before it end without the check, as they did.
   */
  private AfterReplayChecks verifyAfterReplay(
      DataRecoverySpec declared,
      DatabaseTarget source,
      DatabaseTarget target,
      List<ValidationQuery> integrity) {
    if (Workflow.getVersion(VERIFY_AFTER_REPLAY, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return AfterReplayChecks.NOT_RUN;
    }
    phases.enter("verify");
    ValidationReport checks =
        timeline.step(
            "re-run the integrity checks on " + target.instanceId() + " after the replay",
            () -> data.validate(target, source, integrity),
            ValidationReport::summary);
    RecoveryVerification rows =
        timeline.step(
            "look for rows of " + target.instanceId() + " still wrong",
            () -> replay.verify(declared, source, target, plan),
            RecoveryVerification::summary);
    return new AfterReplayChecks(checks, rows);
  }

  /**
   * The service's catalog {@code database.dataRecovery}: what is replayed and checked. A service
   * without it is refused here, before anything is restored. Null in runs recorded before the
   * catalog declared it (their activities ran on the Inventory tables and are not run again on
   * replay).
   */
  private DataRecoverySpec declaredDataRecovery(ServiceDefinition service) {
    if (Workflow.getVersion(CATALOG_DATA_RECOVERY, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return null;
    }
    return CorruptedDataRecoveryInputRules.declared(service);
  }

  /**
   * The runbook's describe-db-log-files --filename-contains error: evidence for the operator, and
   * the corruption time when the audit log has none. A few attempts only: logs help, they do not
   * block.
   */
  private ErrorLogScan scanErrorLogs(String region, String instance, Instant since) {
    RdsLogActivities logs =
        Workflow.newActivityStub(
            RdsLogActivities.class,
            ActivityOptions.newBuilder(ActivityDefaults.shortCalls())
                .setScheduleToCloseTimeout(Duration.ofMinutes(3))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
                .build());
    try {
      return timeline.step(
          "scan the error logs of " + instance,
          () -> logs.scanErrorLogs(region, instance, since),
          ErrorLogScan::summary);
    } catch (ActivityFailure e) {
      return null;
    }
  }

  @Override
  public Instant correctRestorePoint(RestorePointCorrection correction) {
    Instant before = restorePoint;
    restorePoint = Instant.parse(correction.restorePoint().trim());
    timeline.record(
        "restore point corrected by " + correction.who(),
        Timeline.now(),
        dev.drrunbooks.model.Outcome.SUCCEEDED,
        before + " -> " + restorePoint + ": " + correction.why());
    detail = "corruption at " + corruptionTime + "; restore point " + restorePoint + " (corrected)";
    return restorePoint;
  }

  @Override
  public void validateCorrection(RestorePointCorrection c) {
    if (gate.waiting() == null || !CONFIRM_STEP.equals(gate.waiting().step())) {
      throw new IllegalArgumentException(
          "the restore point can be corrected only while it waits for confirmation");
    }
    if (c == null || c.who() == null || c.who().isBlank())
      throw new IllegalArgumentException("who: say who corrects it");
    if (c.why() == null || c.why().isBlank())
      throw new IllegalArgumentException("why: give a reason");
    Instant point;
    try {
      point = Instant.parse(c.restorePoint() == null ? "" : c.restorePoint().trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "restorePoint: '"
              + c.restorePoint()
              + "' is not an ISO-8601 instant such as "
              + "2024-01-14T23:00:00Z");
    }
    if (!point.isBefore(corruptionTime)) {
      throw new IllegalArgumentException(
          "restorePoint: " + point + " is not before the corruption at " + corruptionTime);
    }
  }

  @Override
  public DataRecoveryStatus status() {
    return new DataRecoveryStatus(
        phases.current(),
        gate.waiting(),
        corruptionTime,
        restorePoint,
        plan,
        detail,
        gate.ignored());
  }
}
