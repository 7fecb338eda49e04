package dev.drrunbooks.standby;

import dev.drrunbooks.activities.catalog.CatalogActivities;
import dev.drrunbooks.activities.pointer.DatabasePointerActivities;
import dev.drrunbooks.activities.pointer.PointerMove;
import dev.drrunbooks.activities.pointer.PointerValue;
import dev.drrunbooks.activities.rds.GlobalClusterState;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.Promotion;
import dev.drrunbooks.activities.rds.RdsStandbyActivities;
import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.activities.rds.ReplicaState;
import dev.drrunbooks.activities.route53.Route53Activities;
import dev.drrunbooks.activities.sql.DataValidationActivities;
import dev.drrunbooks.activities.sql.DatabaseTarget;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.approval.ApprovalGate;
import dev.drrunbooks.approval.GateApprovers;
import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.approval.GatePolicy;
import dev.drrunbooks.approval.GatedWorkflow;
import dev.drrunbooks.catalog.Durations;
import dev.drrunbooks.catalog.GateDefault;
import dev.drrunbooks.catalog.OldPrimary;
import dev.drrunbooks.catalog.RecoveryStrategy;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.catalog.ValidationQuery;
import dev.drrunbooks.failover.DnsFailover;
import dev.drrunbooks.failover.DnsFailoverInput;
import dev.drrunbooks.failover.DnsFailoverResult;
import dev.drrunbooks.failover.DnsFailoverWorkflow;
import dev.drrunbooks.lock.LockedResource;
import dev.drrunbooks.lock.ResourceLocks;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.Inputs;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.Phases;
import dev.drrunbooks.model.Polls;
import dev.drrunbooks.model.ServiceLookup;
import dev.drrunbooks.model.Timeline;
import dev.drrunbooks.runbook.RunSummary;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The standby failover of one service whose catalog strategy is {@code replica}: lock, assess,
 * gate, promote, wait until it accepts writes, move the database pointer, optionally switch DNS,
 * check the data, report.
 *
 * <p>A promotion cannot be undone, so nothing here is "cleaned up" after it: a step that fails
 * afterwards ends the run with what was done, what was not, and what to do next ({@link
 * StandbyProgress}); a second run resumes, since every step after the gate recognises its own
 * finished work (an already promoted replica, a pointer already at the standby).
 */
public class StandbyFailoverWorkflowImpl extends GatedWorkflow implements StandbyFailoverWorkflow {
  public static final String GATE_STEP = "promote-standby";

  /**
   * Version 1: a resume onto a standby whose promotion a later failback superseded is refused
   * ({@link StandbyChecks#supersededPromotion}).
   */
  static final String SUPERSEDED_PROMOTION = "standby-failover-superseded-promotion";

  /** What a run refuses in its input before it does anything (the starter checks them too). */
  public static final StandbyFailoverInputRules RULES = new StandbyFailoverInputRules();

  /** How far back the newest ReplicaLag datapoint is looked for (RDS publishes one a minute). */
  static final Duration LAG_WINDOW = Duration.ofMinutes(5);

  /** Route 53 propagates a change to all its servers within about a minute; ten is generous. */
  private static final Duration IN_SYNC_BUDGET = Duration.ofMinutes(10);

  private final CatalogActivities catalog = ActivityDefaults.shortCallStub(CatalogActivities.class);
  private final RdsStandbyActivities rds =
      ActivityDefaults.shortCallStub(RdsStandbyActivities.class);

  /**
   * The primary's describe gives up after three attempts: in an unplanned failover its region is
   * down, and a minute of retries there is RTO lost for an answer that is already known.
   */
  private final RdsStandbyActivities primaryRds =
      Workflow.newActivityStub(
          RdsStandbyActivities.class,
          ActivityOptions.newBuilder(ActivityDefaults.shortCalls())
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setMaximumAttempts(3)
                      .build())
              .build());

  private final DatabasePointerActivities pointers =
      ActivityDefaults.shortCallStub(DatabasePointerActivities.class);
  private final DataValidationActivities data =
      Workflow.newActivityStub(
          DataValidationActivities.class, ActivityDefaults.longCalls(Duration.ofMinutes(10)));

  private final AuroraGlobalSteps aurora = new AuroraGlobalSteps(timeline);
  private final Phases phases = new Phases();
  private final ResourceLocks locks = new ResourceLocks();
  private final StandbyProgress progress = new StandbyProgress();
  private String detail = "";

  @Override
  public StandbyFailoverResult run(StandbyFailoverInput input) {
    return locks.holdingWhile(() -> failover(input));
  }

  private StandbyFailoverResult failover(StandbyFailoverInput input) {
    Instant start = Timeline.now();
    StandbyFailoverInput in = input == null ? StandbyFailoverInput.of(null) : input;
    RULES.checkInput(in, start);
    String serviceKey = Inputs.serviceKey("service", in.service(), false);
    Instant incident = Inputs.instant("incidentTime", in.incidentTime());
    phases.tag("standby-failover", serviceKey);

    phases.enter("resolve");
    ServiceDefinition service = ServiceLookup.resolve(catalog, timeline, serviceKey);
    RULES.checkServices(in, List.of(service));
    Standby standby = StandbyFailoverInputRules.roles(service, in);
    GatePolicy gatePolicy = StandbyFailoverInputRules.gatePolicy(service, in);
    Duration rpo = service.spec().objectives() == null ? null : service.spec().objectives().rpo();
    Duration rto = service.spec().objectives() == null ? null : service.spec().objectives().rto();

    phases.enter("lock");
    locks.acquire(LockedResource.STANDBY.named(service.key()), "standby-failover");

    FailoverRun run = new FailoverRun(service, in, standby, gatePolicy, rpo, rto, start, incident);
    if (standby.strategy() == RecoveryStrategy.AURORA_GLOBAL) return auroraFailover(run);

    phases.enter("assess");
    ReplicaState replica =
        timeline.step(
            "describe standby " + standby.replicaLabel(),
            () -> rds.describeReplica(standby.replicaRegion(), standby.replicaInstance()),
            ReplicaState::describe);
    boolean resuming = StandbyChecks.requireStandby(standby, replica, failbackOf(run));
    ReplicaState primary = describePrimary(standby);
    boolean primaryAvailable =
        primary != null && primary.found() && "available".equals(primary.status());
    String superseded =
        resuming
            ? StandbyChecks.supersededPromotion(
                standby, replica, primary, run.service().key(), failbackOf(run) != null)
            : null;
    // Asked only when it refuses: runs from before the guard resumed such a standby.
    if (superseded != null
        && Workflow.getVersion(SUPERSEDED_PROMOTION, Workflow.DEFAULT_VERSION, 1) >= 1) {
      timeline.record(
          "resume the promotion of " + standby.replicaInstance(),
          Timeline.now(),
          Outcome.FAILED,
          "refused: " + superseded);
      return end(
          run,
          StandbyFailoverOutcome.REFUSED,
          standby.replicaLabel() + " was promoted, and a later failback superseded it",
          null,
          "Refused: " + superseded);
    }
    LagAssessment assessment =
        new LagAssessment(resuming ? null : lag(standby, "before the gate"), rpo, primaryAvailable);
    String assessed =
        resuming
            ? standby.replicaLabel() + " was already promoted from " + standby.primaryArn()
            : assessment.describe();

    if (resuming) {
      // Promoted by an earlier run: when the pointer names it too, the failover is done, and a
      // gate would ask two people to approve nothing.
      InstanceInfo promoted = awaitPromoted(standby, Timeline.now().plus(Duration.ofMinutes(5)));
      PointerValue current =
          timeline.step(
              "read the database pointer",
              () -> pointers.read(standby.pointer(), run.pointerRegion()),
              PointerValue::describe);
      if (StandbyChecks.sameHost(current.value(), promoted.endpointAddress())) {
        phases.enter("done");
        return new StandbyFailoverResult(
            service.key(),
            StandbyFailoverOutcome.ALREADY_DONE,
            standby.replicaLabel(),
            promoted.endpointAddress(),
            assessed,
            null,
            null,
            null,
            null,
            ObjectiveCheck.of(rto, null, "nothing was recovered by this run"),
            ObjectiveCheck.of(rpo, null, "measured by the run that promoted it"),
            timeline.entries(),
            "Nothing to do: "
                + standby.replicaLabel()
                + " was promoted by an earlier run and "
                + current.describe()
                + ". "
                + nextSteps(standby, service, primaryAvailable, run.failback()));
      }
    }

    Approval approval =
        approve(
            run,
            resuming ? null : assessment,
            assessment.withinRpo(),
            assessed,
            "promote " + standby.replicaLabel());
    if (approval.ended() != null) return approval.ended();
    GateDecision decision = approval.decision();

    try {
      phases.enter("promote");
      Instant deadline = run.deadline();
      LagAssessment atPromotion = assessment;
      if (!resuming) {
        atPromotion = new LagAssessment(lag(standby, "at the promotion"), rpo, primaryAvailable);
        if (!atPromotion.withinRpo() && !run.acceptDataLoss())
          return refusedAfterGate(
              run, atPromotion, decision, "promote " + standby.replicaInstance());
        Promotion promotion =
            timeline.step(
                "promote " + standby.replicaInstance(),
                () ->
                    rds.promoteReplica(
                        standby.replicaRegion(),
                        standby.replicaInstance(),
                        standby.primaryArn(),
                        standby.backupRetentionDays()),
                p -> p.outcome() + " (" + p.status() + ")");
        progress.promotionRequested(standby, promotion, atPromotion);
      }
      InstanceInfo promoted = awaitPromoted(standby, deadline);
      progress.promoted(standby, promoted);
      ObjectiveCheck rpoCheck =
          resuming
              ? ObjectiveCheck.of(rpo, null, "measured by the run that promoted it")
              : ObjectiveCheck.of(
                  rpo,
                  atPromotion.dataLossWindow(),
                  "ReplicaLag when the promotion was requested"
                      + (atPromotion.dataLossWindow() == null ? " (unknown: no datapoint)" : ""));

      return finish(run, decision, promoted, assessed, rpoCheck, primaryAvailable, "Promoted ");
    } catch (TemporalFailure e) {
      phases.enter("failed");
      throw progress.endRun(e);
    }
  }

  /**
   * The failover of an Aurora global database: a planned switchover when the primary's region
   * answers (RDS waits until the secondary is synchronised: nothing is lost, RPO 0 achieved), else
   * a failover allowing data loss, whose window is the secondary's replication lag when it was
   * requested (refused at the gate above the RPO unless acceptDataLoss). Then as the replica's.
   */
  private StandbyFailoverResult auroraFailover(FailoverRun run) {
    Standby standby = run.standby();
    Duration rpo = run.rpo();
    phases.enter("assess");
    GlobalClusterState state = aurora.assess(standby);
    boolean done = standby.replicaArn().equals(state.writerArn());
    boolean underWay =
        !done && state.failoverStatus() != null && standby.replicaArn().equals(state.failoverTo());
    boolean forcedUnplanned = Boolean.TRUE.equals(run.in().unplanned());
    // Asked to fail over (RDS refused the switchover): the primary's region is not asked.
    boolean planned = !done && !underWay && !forcedUnplanned && aurora.primaryAnswers(standby);
    LagAssessment assessment =
        done || underWay || planned
            ? null
            : new LagAssessment(aurora.lag(standby, "before the gate"), rpo, false);
    String assessed =
        done
            ? standby.replicaLabel() + " is already the writer of " + standby.globalCluster()
            : underWay
                ? "a change of writer to " + standby.replicaLabel() + " is under way"
                : planned
                    ? "the primary's region answers: a planned switchover, which waits until "
                        + standby.replicaLabel()
                        + " is synchronised and loses no data"
                    : (forcedUnplanned ? "a failover allowing data loss, as asked: " : "")
                        + assessment.describe();

    Approval approval =
        approve(
            run,
            assessment,
            assessment == null || assessment.withinRpo(),
            assessed,
            "make " + standby.replicaLabel() + " the writer of " + standby.globalCluster());
    if (approval.ended() != null) return approval.ended();
    GateDecision decision = approval.decision();

    try {
      phases.enter("promote");
      Instant deadline = run.deadline();
      ObjectiveCheck rpoCheck;
      if (done || underWay) {
        rpoCheck = ObjectiveCheck.of(rpo, null, "measured by the run that changed the writer");
      } else if (planned) {
        progress.writerChangeRequested(standby, aurora.changeWriter(standby, true), assessed);
        rpoCheck =
            ObjectiveCheck.of(
                rpo,
                Duration.ZERO,
                "a switchover waits until the secondary is synchronised: nothing is lost");
      } else {
        LagAssessment atFailover =
            new LagAssessment(aurora.lag(standby, "at the failover"), rpo, false);
        if (!atFailover.withinRpo() && !run.acceptDataLoss())
          return refusedAfterGate(
              run, atFailover, decision, "fail over to " + standby.replicaInstance());
        progress.writerChangeRequested(
            standby, aurora.changeWriter(standby, false), atFailover.describe());
        rpoCheck =
            ObjectiveCheck.of(
                rpo,
                atFailover.dataLossWindow(),
                "AuroraGlobalDBReplicationLag when the failover was requested"
                    + (atFailover.dataLossWindow() == null ? " (unknown: no datapoint)" : ""));
      }
      detail =
          "wait until " + standby.replicaInstance() + " accepts writes (until " + deadline + ")";
      InstanceInfo writer = aurora.awaitWriter(standby, deadline);
      progress.promoted(standby, writer);
      return finish(
          run,
          decision,
          writer,
          assessed,
          rpoCheck,
          planned,
          planned ? "Switched over to " : "Failed over to ");
    } catch (TemporalFailure e) {
      phases.enter("failed");
      throw progress.endRun(e);
    }
  }

  /**
   * After the standby accepts writes: the pointer, the optional DNS switch, the data checks, the
   * result. Shared by both strategies; runs inside the caller's failure handling.
   */
  private StandbyFailoverResult finish(
      FailoverRun run,
      GateDecision decision,
      InstanceInfo promoted,
      String assessed,
      ObjectiveCheck rpoCheck,
      boolean primaryAvailable,
      String verb) {
    ServiceDefinition service = run.service();
    Standby standby = run.standby();
    StandbyFailoverInput in = run.in();
    phases.enter("pointer");
    PointerMove move = movePointer(standby, run.pointerRegion(), promoted);
    progress.pointerMoved(move);

    String dns = null;
    if (Boolean.TRUE.equals(in.switchTraffic())) {
      phases.enter("traffic");
      dns = switchTraffic(service, in, decision);
      progress.trafficSwitched(dns);
    }

    phases.enter("verify");
    ValidationReport checks = check(service, standby, promoted);
    if (checks != null && !checks.passed())
      throw ApplicationFailure.newNonRetryableFailure(
          "the data checks on " + promoted.instanceId() + " failed: " + checks.summary(),
          "ValidationFailed");
    phases.enter("done");
    ObjectiveCheck rto = rtoCheck(run);
    String summary =
        verb
            + standby.replicaLabel()
            + "; "
            + move.after().describe()
            + "; "
            + (checks == null
                ? "no data checks in the catalog for " + service.key()
                : checks.summary())
            + "; data-loss window "
            + (rpoCheck.achieved() == null ? "unknown" : rpoCheck.achieved().toSeconds() + " s")
            + "; recovered in "
            + rto.achieved().toSeconds()
            + " s"
            + (rto.objective() == null
                ? ""
                : " (RTO "
                    + Durations.format(rto.objective())
                    + (rto.breached() ? ", MISSED)" : ")"))
            + (dns == null ? "" : "; " + dns)
            + ". "
            + nextSteps(standby, service, primaryAvailable, run.failback());
    return new StandbyFailoverResult(
        service.key(),
        StandbyFailoverOutcome.PROMOTED,
        standby.replicaLabel(),
        promoted.endpointAddress(),
        assessed,
        decision,
        move,
        checks,
        dns,
        rto,
        rpoCheck,
        timeline.entries(),
        summary);
  }

  /**
   * The gate {@value #GATE_STEP}, unless the lag refuses the run first. {@code refusable}: the lag
   * measured before it (null when nothing is promoted by this run's decision: resuming, a writer
   * already changed, a switchover, which loses nothing), refused above the RPO without
   * acceptDataLoss, nothing asked and nothing changed. {@code lagWithinRpo}: false makes silence at
   * the gate abort whatever the catalog's policy says. Ended: refused, or the gate did not proceed.
   */
  private Approval approve(
      FailoverRun run,
      LagAssessment refusable,
      boolean lagWithinRpo,
      String assessed,
      String action) {
    phases.enter("approval");
    if (refusable != null && !refusable.withinRpo() && !run.acceptDataLoss()) {
      String why = refusable.refusal();
      timeline.record("gate " + GATE_STEP, Timeline.now(), Outcome.FAILED, "refused: " + why);
      return Approval.ended(
          end(run, StandbyFailoverOutcome.REFUSED, assessed, null, "Refused: " + why));
    }
    detail = "waiting for approval to " + action + ": " + assessed;
    GatePolicy policy = run.gatePolicy();
    GateDecision decision =
        policy.required()
            ? gate.await(
                GATE_STEP,
                policy.timeout(),
                lagWithinRpo ? policy.onTimeout() : GateDefault.ABORT,
                GateApprovers.forGate(GATE_STEP, List.of(run.service())))
            : passWithoutWaiting(policy);
    if (!decision.proceeds())
      return Approval.ended(
          end(
              run,
              StandbyFailoverOutcome.ABORTED,
              assessed,
              decision,
              "Aborted: "
                  + decision.verdict()
                  + " by "
                  + decision.who()
                  + " ("
                  + decision.why()
                  + ")"));
    return new Approval(decision, null);
  }

  /** The gate's decision, or the run's end when it refused or the gate did not proceed. */
  private record Approval(GateDecision decision, StandbyFailoverResult ended) {
    static Approval ended(StandbyFailoverResult result) {
      return new Approval(null, result);
    }
  }

  /** The lag grew above the RPO between the gate and the change: refused, nothing changed. */
  private StandbyFailoverResult refusedAfterGate(
      FailoverRun run, LagAssessment at, GateDecision decision, String step) {
    String why = at.refusal();
    timeline.record(step, Timeline.now(), Outcome.FAILED, "refused after the gate: " + why);
    return end(
        run,
        StandbyFailoverOutcome.REFUSED,
        at.describe(),
        decision,
        "Refused after the gate: the lag grew: " + why);
  }

  /** The service's key when the run fails back, for the checks' messages; null otherwise. */
  private static String failbackOf(FailoverRun run) {
    return run.failback() ? run.service().key() : null;
  }

  /**
   * What an operator does after a failover: fence the old primary, then replicate back ({@code
   * --failback} after a failback, which leaves the layout as the catalog describes it).
   */
  static String nextSteps(
      Standby standby, ServiceDefinition service, boolean primaryAvailable, boolean failback) {
    if (standby.strategy() == RecoveryStrategy.AURORA_GLOBAL)
      return primaryAvailable
          ? "After a switchover the old primary cluster "
              + standby.primaryInstance()
              + " is the global cluster's secondary already"
          : "Next: once "
              + standby.primaryRegion()
              + " is back, Aurora rebuilds the old primary cluster "
              + standby.primaryInstance()
              + " as a secondary of "
              + standby.globalCluster()
              + "; dr standby-replicate --service "
              + service.key()
              + " waits for that and reads its lag";
    String replicate =
        "dr standby-replicate --service " + service.key() + (failback ? " --failback" : "");
    String what =
        failback
            ? ", which re-creates the standby "
                + standby.primaryInstance()
                + " in "
                + standby.primaryRegion()
                + " as the catalog describes it"
            : ", which re-creates the standby in the other direction";
    // The old primary survives a regional outage: its name is in the way of the reverse replica.
    String replace =
        service.spec().recoveryOrDefault().oldPrimaryOrDefault() == OldPrimary.REPLACEABLE
            ? replicate
                + " --replace-old-primary (it deletes the old primary "
                + standby.primaryInstance()
                + " behind its gate, final snapshot taken)"
            : "delete or rename the old primary "
                + standby.primaryInstance()
                + " by hand (the catalog keeps it: recovery.oldPrimary keep), then "
                + replicate;
    return primaryAvailable
        ? "The old primary "
            + standby.primaryInstance()
            + " is still available and accepts writes: make sure nothing writes to it. Next: "
            + replace
            + what
        : "Next: once " + standby.primaryRegion() + " is back, " + replace + what;
  }

  /** The primary as described; null when its region does not answer (it is then unavailable). */
  private ReplicaState describePrimary(Standby standby) {
    Instant at = Timeline.now();
    String step =
        "describe primary " + standby.primaryInstance() + " (" + standby.primaryRegion() + ")";
    try {
      ReplicaState primary =
          primaryRds.describeReplica(standby.primaryRegion(), standby.primaryInstance());
      timeline.record(step, at, Outcome.SUCCEEDED, primary.describe());
      return primary;
    } catch (ActivityFailure e) {
      timeline.record(step, at, Outcome.FAILED, "unreachable: " + Failures.rootMessage(e));
      return null;
    }
  }

  private ReplicaLag lag(Standby standby, String when) {
    return timeline.step(
        "read ReplicaLag of " + standby.replicaInstance() + " " + when,
        () -> rds.replicaLagSeconds(standby.replicaRegion(), standby.replicaInstance(), LAG_WINDOW),
        l -> l.hasData() ? l.seconds() + " s at " + l.at() : "no datapoint");
  }

  /** Polls until the promoted instance accepts writes, or the RTO budget ends the wait. */
  private InstanceInfo awaitPromoted(Standby standby, Instant deadline) {
    String step = "wait until " + standby.replicaInstance() + " accepts writes";
    detail = step + " (RTO budget until " + deadline + ")";
    RdsStandbyActivities waiting =
        Workflow.newActivityStub(
            RdsStandbyActivities.class, ActivityDefaults.pollUntil(deadline, step));
    return timeline.step(
        step,
        () -> waiting.pollPromoted(standby.replicaRegion(), standby.replicaInstance(), deadline),
        i -> i.status() + " at " + i.endpointAddress() + ":" + i.port());
  }

  /**
   * Moves the pointer from the old primary's endpoint to the promoted instance's, and waits for a
   * Route 53 change to be INSYNC. A pointer already at the standby is left as it is; one naming
   * anything but the primary is refused, unchanged. {@code region}: {@link
   * FailoverRun#pointerRegion}.
   */
  private PointerMove movePointer(Standby standby, String region, InstanceInfo promoted) {
    String target = promoted.endpointAddress();
    PointerValue current =
        timeline.step(
            "read the database pointer",
            () -> pointers.read(standby.pointer(), region),
            PointerValue::describe);
    StandbyChecks.requirePointerAtPrimaryOr(standby, current, target);
    PointerMove move =
        timeline.step(
            "point the application at " + standby.replicaInstance(),
            () -> pointers.move(standby.pointer(), region, current.value(), target),
            m -> m.changed() ? m.before().value() + " -> " + m.after().value() : "already there");
    if (move.changeId() != null) {
      Instant deadline = Timeline.now().plus(IN_SYNC_BUDGET);
      Route53Activities waiting =
          Workflow.newActivityStub(
              Route53Activities.class,
              Polls.options(true, deadline, "wait until the pointer's change is INSYNC"));
      timeline.step(
          "wait until the pointer's change is INSYNC",
          () -> waiting.pollInSync(move.changeId(), deadline),
          s -> s);
    }
    return move;
  }

  /** The service's DNS failover, as a child covered by this run's gate. */
  private String switchTraffic(
      ServiceDefinition service, StandbyFailoverInput in, GateDecision decision) {
    DnsFailoverWorkflow child =
        Workflow.newChildWorkflowStub(
            DnsFailoverWorkflow.class,
            RunSummary.of(DnsFailover.PROCEDURE, service.key(), service.spec().objectives())
                .on(ChildWorkflowOptions.newBuilder())
                .setWorkflowId(Workflow.getInfo().getWorkflowId() + "-dns")
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
                .build());
    DnsFailoverResult result =
        timeline.step(
            "switch traffic of " + service.dns().name(),
            () ->
                child.run(
                    DnsFailoverInput.forEvacuation(
                        service.key(), null, in.incidentTime(), decision)),
            DnsFailoverResult::summary);
    return "DNS failover " + result.outcome() + ": " + result.summary();
  }

  /**
   * The catalog's data checks on the promoted instance: the service's validation queries and its
   * data-recovery integrity checks, except those comparing with the source (the old primary is no
   * longer the truth). Null when the catalog has none.
   */
  private ValidationReport check(
      ServiceDefinition service, Standby standby, InstanceInfo promoted) {
    List<ValidationQuery> queries = new ArrayList<>(service.spec().validationQueries());
    if (service.spec().database().dataRecovery() != null)
      queries.addAll(service.spec().database().dataRecovery().integrity());
    List<String> skipped =
        queries.stream()
            .filter(q -> q.expect() != null && q.expect().withinPercentOfSource() != null)
            .map(ValidationQuery::name)
            .toList();
    queries.removeIf(q -> skipped.contains(q.name()));
    if (!skipped.isEmpty())
      timeline.record(
          "data checks against the old primary",
          Timeline.now(),
          Outcome.SKIPPED,
          String.join(", ", skipped)
              + ": they compare with the source, and the old primary is no longer the truth");
    if (queries.isEmpty()) {
      timeline.record(
          "data checks on " + promoted.instanceId(),
          Timeline.now(),
          Outcome.SKIPPED,
          "the catalog has no data checks for " + service.key());
      return null;
    }
    DatabaseTarget target =
        new DatabaseTarget(
            standby.replicaRegion(),
            promoted.instanceId(),
            promoted.endpointAddress(),
            promoted.port(),
            service.spec().database().name());
    ValidationReport report =
        timeline.step(
            "data checks on " + promoted.instanceId(),
            () -> data.validate(target, null, queries),
            ValidationReport::summary);
    progress.checked(report);
    return report;
  }

  private GateDecision passWithoutWaiting(GatePolicy gatePolicy) {
    if (gatePolicy.breakGlass() != null)
      return gate.breakGlass(GATE_STEP, gatePolicy.breakGlass(), "the catalog's failover policy");
    return ApprovalGate.notRequired(GATE_STEP, "the service's policy allows automatic failover");
  }

  private ObjectiveCheck rtoCheck(FailoverRun run) {
    Instant from = run.incident() != null ? run.incident() : run.start();
    return ObjectiveCheck.of(
        run.rto(),
        Duration.between(from, Timeline.now()),
        run.incident() != null ? "from the incident" : "from the run's start");
  }

  /** A run that changed nothing: refused or aborted. */
  private StandbyFailoverResult end(
      FailoverRun run,
      StandbyFailoverOutcome outcome,
      String assessed,
      GateDecision decision,
      String summary) {
    phases.enter(outcome == StandbyFailoverOutcome.REFUSED ? "refused" : "aborted");
    detail = outcome.name().toLowerCase() + ": nothing was promoted";
    return new StandbyFailoverResult(
        run.service().key(),
        outcome,
        run.standby().replicaLabel(),
        null,
        assessed,
        decision,
        null,
        null,
        null,
        ObjectiveCheck.of(run.rto(), null, "nothing was recovered by this run"),
        ObjectiveCheck.of(run.rpo(), null, "nothing was promoted"),
        timeline.entries(),
        summary);
  }

  @Override
  public StandbyStatus status() {
    return new StandbyStatus(phases.current(), gate.waiting(), detail, gate.ignored());
  }
}
