package dev.drrunbooks.standby;

import dev.drrunbooks.activities.catalog.CatalogActivities;
import dev.drrunbooks.activities.pointer.DatabasePointerActivities;
import dev.drrunbooks.activities.pointer.PointerValue;
import dev.drrunbooks.activities.rds.Placement;
import dev.drrunbooks.activities.rds.RdsOldPrimaryActivities;
import dev.drrunbooks.activities.rds.RdsStandbyActivities;
import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.activities.rds.ReplicaRequest;
import dev.drrunbooks.activities.rds.ReplicaState;
import dev.drrunbooks.approval.GateApprovers;
import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.approval.GatedWorkflow;
import dev.drrunbooks.catalog.GateDefault;
import dev.drrunbooks.catalog.OldPrimary;
import dev.drrunbooks.catalog.RecoveryStrategy;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.lock.LockedResource;
import dev.drrunbooks.lock.ResourceLocks;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.Inputs;
import dev.drrunbooks.model.Phases;
import dev.drrunbooks.model.RunOwnership;
import dev.drrunbooks.model.ServiceLookup;
import dev.drrunbooks.model.Timeline;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The replicate-back of one service whose standby was promoted. An Aurora global database's is
 * {@link AuroraReplicateBack}'s (Aurora re-adds the old primary itself: verified, waited for). A
 * replica's: lock, check the promoted standby, make room for the reverse replica under the old
 * primary's name (deleting the old primary only where the catalog says {@code recovery.oldPrimary:
 * replaceable}, the input asks, and the gate approves), create the reverse replica where the old
 * primary lived, wait until it replicates, read its lag. Every step recognises its own finished
 * work, so a second run resumes.
 *
 * <p>With {@code failback} the roles are swapped ({@link Standby#reversed}): after a failback
 * failover the old primary is the catalog's replica in the DR region, deleted the same way, and the
 * new standby is created under its name there, placed where it lived or by {@code
 * database.drRestore}: the layout the catalog describes. Either way nothing is deleted while the
 * database pointer names it.
 */
public class StandbyReplicateWorkflowImpl extends GatedWorkflow
    implements StandbyReplicateWorkflow {
  public static final String GATE_STEP = "replace-old-primary";

  public static final StandbyReplicateInputRules RULES = new StandbyReplicateInputRules();

  /**
   * Version 1: an aurora-global service's replicate-back ({@link AuroraReplicateBack}); before it,
   * such a run was refused as not a replica, as a replay of one still is.
   */
  static final String AURORA_REPLICATE_BACK = "standby-replicate-aurora-global";

  /**
   * Version 1: before the gate to delete the old primary, the database pointer must not name it
   * ({@link #requirePointerElsewhere}). Failback made a replicate-back without {@code --failback}
   * after a failback reachable, whose "old primary" is the application's database; runs before it
   * did not read the pointer, and replay so. A failback run always reads it (no marker).
   */
  static final String POINTER_GUARD = "standby-replicate-pointer-guard";

  /** The gate's wait when the input names none: a deletion is never decided by a timeout. */
  static final Duration GATE_TIMEOUT = Duration.ofMinutes(30);

  /** The final snapshot's name: the old primary's, "-final-" and the run's start, UTC minutes. */
  private static final DateTimeFormatter SNAPSHOT_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

  private final CatalogActivities catalog = ActivityDefaults.shortCallStub(CatalogActivities.class);
  private final RdsStandbyActivities rds =
      ActivityDefaults.shortCallStub(RdsStandbyActivities.class);
  private final RdsOldPrimaryActivities oldPrimaries =
      ActivityDefaults.shortCallStub(RdsOldPrimaryActivities.class);
  private final DatabasePointerActivities pointers =
      ActivityDefaults.shortCallStub(DatabasePointerActivities.class);

  private final Phases phases = new Phases();
  private final ResourceLocks locks = new ResourceLocks();
  private String detail = "";

  @Override
  public StandbyReplicateResult run(StandbyReplicateInput input) {
    return locks.holdingWhile(() -> replicateBack(input));
  }

  private StandbyReplicateResult replicateBack(StandbyReplicateInput input) {
    Instant start = Timeline.now();
    StandbyReplicateInput in = input == null ? StandbyReplicateInput.of(null) : input;
    RULES.checkInput(in, start);
    String serviceKey = Inputs.serviceKey("service", in.service(), false);
    Duration waitBudget = StandbyReplicateInputRules.waitBudget(in);
    phases.tag("standby-replicate", serviceKey);

    phases.enter("resolve");
    ServiceDefinition service = ServiceLookup.resolve(catalog, timeline, serviceKey);
    RULES.checkServices(in, List.of(service));
    if (Standby.ofAnyStandby(service).strategy() == RecoveryStrategy.AURORA_GLOBAL
        && Workflow.getVersion(AURORA_REPLICATE_BACK, Workflow.DEFAULT_VERSION, 1) >= 1) {
      phases.enter("lock");
      locks.acquire(LockedResource.STANDBY.named(service.key()), "standby-replicate");
      return new AuroraReplicateBack(timeline, phases, d -> detail = d)
          .run(service, Standby.ofAnyStandby(service), waitBudget);
    }
    // Failing back: the same steps with the roles swapped; reachable only with the input, so a
    // replay of an earlier run takes the path it took.
    boolean failback = Boolean.TRUE.equals(in.failback());
    Standby standby = failback ? Standby.of(service).reversed() : Standby.of(service);
    String newPrimary = standby.replicaLabel();
    String reverse = standby.primaryInstance() + " (" + standby.primaryRegion() + ")";

    phases.enter("lock");
    locks.acquire(LockedResource.STANDBY.named(service.key()), "standby-replicate");

    phases.enter("assess");
    ReplicaState promoted =
        timeline.step(
            "describe the promoted standby " + newPrimary,
            () -> rds.describeReplica(standby.replicaRegion(), standby.replicaInstance()),
            ReplicaState::describe);
    ReplicateBackChecks.requirePromoted(standby, promoted, failback ? service.key() : null);
    ReplicaState there =
        timeline.step(
            "describe " + reverse,
            () -> rds.describeReplica(standby.primaryRegion(), standby.primaryInstance()),
            ReplicaState::describe);

    String oldPrimary;
    GateDecision decision = null;
    Placement placement;
    ReplicaRequest settled = null; // where the reverse replica goes, once known
    ReplicateBackChecks.There found = ReplicateBackChecks.whatIsThere(standby, promoted, there);
    switch (found) {
      case REVERSE_REPLICA -> {
        oldPrimary = "none was there: the reverse replica already is";
        placement = null;
      }
      case NOTHING -> {
        oldPrimary = "none was there";
        placement = null;
      }
      default -> {
        // The old primary: its place is the reverse replica's, read before it may go.
        placement =
            timeline.step(
                "read where " + reverse + " lives",
                () -> oldPrimaries.placementOf(standby.primaryRegion(), standby.primaryInstance()),
                ReplicateBackChecks::describePlacement);
        if (!Boolean.TRUE.equals(in.replaceOldPrimary()))
          return end(
              service,
              StandbyReplicateOutcome.OLD_PRIMARY_IN_THE_WAY,
              newPrimary,
              reverse,
              "still there: " + there.describe(),
              null,
              "The old primary "
                  + reverse
                  + " is still there, and the reverse replica takes its name. Nothing was changed."
                  + " Start again with "
                  + (failback ? "--failback --replace-old-primary" : "--replace-old-primary")
                  + " (input replaceOldPrimary) to delete it"
                  + " (a final snapshot is taken and its automated backups are kept; the catalog"
                  + " must mark it recovery.oldPrimary: replaceable, and the gate "
                  + GATE_STEP
                  + " is asked), or delete or rename it by hand once nothing of it is needed");
        // Where the reverse replica goes is settled before anything is deleted: a refusal after
        // the deletion would leave neither database there.
        settled =
            ReplicateBackChecks.request(
                service, standby, placement, RunOwnership.current("standby-replicate"), failback);
        if (service.spec().recoveryOrDefault().oldPrimaryOrDefault() != OldPrimary.REPLACEABLE)
          throw ApplicationFailure.newNonRetryableFailure(
              "the catalog keeps the old primary "
                  + reverse
                  + " of "
                  + service.key()
                  + " (recovery.oldPrimary: keep): nothing was deleted. Delete or rename it by hand"
                  + " once nothing of it is needed, then start the replicate-back again",
              "OldPrimaryKept");
        if (failback || Workflow.getVersion(POINTER_GUARD, Workflow.DEFAULT_VERSION, 1) >= 1)
          requirePointerElsewhere(service, standby, failback);
        phases.enter("approval");
        String snapshot = standby.primaryInstance() + "-final-" + SNAPSHOT_TIME.format(start);
        detail =
            "waiting for approval to delete the old primary "
                + reverse
                + " (final snapshot "
                + snapshot
                + ", automated backups kept): writes it took after the promotion of "
                + newPrimary
                + " are lost with it";
        decision =
            gate.await(
                GATE_STEP,
                Inputs.duration("approvalTimeout", in.approvalTimeout(), GATE_TIMEOUT),
                GateDefault.ABORT,
                GateApprovers.forGate(GATE_STEP, List.of(service)));
        if (!decision.proceeds())
          return end(
              service,
              StandbyReplicateOutcome.ABORTED,
              newPrimary,
              reverse,
              "kept: the gate said " + decision.verdict(),
              decision,
              "Aborted: "
                  + decision.verdict()
                  + " by "
                  + decision.who()
                  + " ("
                  + decision.why()
                  + "); the old primary is as it was");
        phases.enter("replace");
        timeline.step(
            "delete the old primary " + reverse,
            () ->
                oldPrimaries.deleteReplacedPrimary(
                    standby.primaryRegion(),
                    standby.primaryInstance(),
                    standby.primaryArn(),
                    promoted.arn(),
                    snapshot),
            s -> s);
        Instant gone = Timeline.now().plus(waitBudget);
        RdsOldPrimaryActivities waiting =
            Workflow.newActivityStub(
                RdsOldPrimaryActivities.class,
                ActivityDefaults.pollUntil(gone, "wait until " + reverse + " is deleted"));
        timeline.step(
            "wait until " + reverse + " is deleted",
            () -> waiting.pollDeleted(standby.primaryRegion(), standby.primaryInstance(), gone),
            s -> s);
        // Our deletion, whatever the (possibly retried) call answered: it names this snapshot.
        oldPrimary = "deleted (final snapshot " + snapshot + "; automated backups retained)";
      }
    }

    ReplicaLag lag;
    String placed = null; // where this run put the reverse replica; null: found there
    try {
      phases.enter("replicate");
      if (found != ReplicateBackChecks.There.REVERSE_REPLICA) {
        ReplicaRequest request =
            settled != null
                ? settled
                : ReplicateBackChecks.request(
                    service,
                    standby,
                    placement,
                    RunOwnership.current("standby-replicate"),
                    failback);
        placed = ReplicateBackChecks.describeWhere(request, placement, failback);
        timeline.step(
            "create the reverse replica " + reverse + " of " + newPrimary + " in " + placed,
            () -> rds.createReplica(request),
            i -> i.status());
      }
      Instant deadline = Timeline.now().plus(waitBudget);
      detail = "waiting until " + reverse + " replicates (until " + deadline + ")";
      RdsStandbyActivities polling =
          Workflow.newActivityStub(
              RdsStandbyActivities.class,
              ActivityDefaults.pollUntil(deadline, "wait until " + reverse + " replicates"));
      timeline.step(
          "wait until " + reverse + " replicates",
          () ->
              polling.pollReplicaAvailable(
                  standby.primaryRegion(), standby.primaryInstance(), deadline),
          ReplicaState::describe);
      lag =
          timeline.step(
              "read ReplicaLag of " + reverse,
              () ->
                  rds.replicaLagSeconds(
                      standby.primaryRegion(),
                      standby.primaryInstance(),
                      StandbyFailoverWorkflowImpl.LAG_WINDOW),
              l -> l.hasData() ? l.seconds() + " s at " + l.at() : "no datapoint yet");
    } catch (TemporalFailure e) {
      phases.enter("failed");
      throw ApplicationFailure.newNonRetryableFailure(
          Failures.rootMessage(e)
              + ". Done: old primary "
              + oldPrimary
              + ". Not done: the reverse replica "
              + reverse
              + " does not replicate yet. Next: see the failure; then start the replicate-back"
              + " again: it finds the name free (or its replica there) and goes on",
          Failures.rootType(e) == null ? "StepFailed" : Failures.rootType(e));
    }
    phases.enter("done");
    return new StandbyReplicateResult(
        service.key(),
        StandbyReplicateOutcome.REPLICATING,
        newPrimary,
        reverse,
        oldPrimary,
        lag,
        decision,
        timeline.entries(),
        (failback ? "Failed back, replicating as the catalog describes: " : "Replicating back: ")
            + reverse
            + " is a read replica of "
            + newPrimary
            + " ("
            + (lag.hasData() ? "ReplicaLag " + lag.seconds() + " s" : "no ReplicaLag datapoint yet")
            + (placed == null ? "" : ", placed in " + placed)
            + "); old primary: "
            + oldPrimary);
  }

  /**
   * Before the gate to delete the old primary: the database pointer must not name it. It is read in
   * the catalog's replica region, the one the failover moved and a failback moves back (a parameter
   * pointer has one per region). The roles read from tags alone cannot tell a failover from an
   * older one: after a failback, a replicate-back without {@code --failback} (or, after a later
   * failover, one with it) would otherwise offer the application's own database for deletion.
   *
   * @throws ApplicationFailure OldPrimaryInUse naming the pointer's value: nothing was changed
   */
  private void requirePointerElsewhere(
      ServiceDefinition service, Standby standby, boolean failback) {
    String region = failback ? standby.primaryRegion() : standby.replicaRegion();
    PointerValue current =
        timeline.step(
            "read the database pointer",
            () -> pointers.read(standby.pointer(), region),
            PointerValue::describe);
    if (Standby.isEndpointOf(current.value(), standby.primaryInstance(), standby.primaryRegion()))
      throw ApplicationFailure.newNonRetryableFailure(
          current.describe()
              + " names "
              + standby.primaryInstance()
              + " ("
              + standby.primaryRegion()
              + "), the old primary this replicate-back would delete: the application still uses"
              + " it. Nothing was changed. "
              + (failback
                  ? "Fail back first (dr standby-failover --service "
                      + service.key()
                      + " --failback), or, after a failover, replicate back without --failback"
                  : "After a failback (dr standby-failover --failback) replicate back with"
                      + " --failback; after a failover, move the pointer to the promoted standby"
                      + " first"),
          "OldPrimaryInUse");
  }

  private StandbyReplicateResult end(
      ServiceDefinition service,
      StandbyReplicateOutcome outcome,
      String newPrimary,
      String reverse,
      String oldPrimary,
      GateDecision decision,
      String summary) {
    phases.enter(outcome == StandbyReplicateOutcome.ABORTED ? "aborted" : "stopped");
    return new StandbyReplicateResult(
        service.key(),
        outcome,
        newPrimary,
        reverse,
        oldPrimary,
        null,
        decision,
        timeline.entries(),
        summary);
  }

  @Override
  public StandbyStatus status() {
    return new StandbyStatus(phases.current(), gate.waiting(), detail, gate.ignored());
  }
}
