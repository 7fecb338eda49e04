package dev.drrunbooks.standby;

import dev.drrunbooks.activities.rds.AuroraGlobalActivities;
import dev.drrunbooks.activities.rds.GlobalClusterState;
import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.Phases;
import dev.drrunbooks.model.Timeline;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The replicate-back of an Aurora global database, once the catalog's secondary cluster is the
 * writer: nothing is created or deleted, since Aurora itself keeps the old primary cluster in the
 * global cluster as a secondary
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html):
 *
 * <ul>
 *   <li>after a switchover, at once (the old primary is demoted to a secondary as part of it): the
 *       run verifies it and reads its AuroraGlobalDBReplicationLag;
 *   <li>after a failover allowing data loss, once its region is back: Aurora snapshots it ({@code
 *       rds:unplanned-global-failover-...}) and rebuilds it as a secondary, listed pending-resync
 *       meanwhile; the run waits for that within the wait budget, then reads the lag;
 *   <li>a cluster removed from the global cluster (by hand, or by an old "detach and promote") is
 *       never re-added by Aurora: the run stops, nothing changed, saying what an SRE does next.
 * </ul>
 *
 * Workflow code; the caller holds the standby's lock.
 */
final class AuroraReplicateBack {
  private final Timeline timeline;
  private final Phases phases;
  private final Consumer<String> detail;
  private final AuroraGlobalActivities aurora =
      ActivityDefaults.shortCallStub(AuroraGlobalActivities.class);

  /**
   * @param detail where the run's status query reads what it waits for
   */
  AuroraReplicateBack(Timeline timeline, Phases phases, Consumer<String> detail) {
    this.timeline = timeline;
    this.phases = phases;
    this.detail = detail;
  }

  /** Where the old primary cluster stands in the global cluster whose writer is the secondary. */
  enum OldPrimary {
    /** A member reader, not pending-resync: it replicates from the new writer. */
    SECONDARY,
    /** A member Aurora has yet to rebuild as a secondary (pending-resync). */
    RESYNCING,
    /** No member: removed from the global cluster; Aurora never re-adds it. */
    REMOVED;

    /**
     * Pure.
     *
     * @throws ApplicationFailure NoPromotedStandby when the catalog's secondary is not the writer
     *     (or the global cluster is gone): there is nothing to replicate back from
     */
    static OldPrimary of(Standby standby, GlobalClusterState state) {
      if (!state.found() || !standby.replicaArn().equals(state.writerArn()))
        throw ApplicationFailure.newNonRetryableFailure(
            "the standby "
                + standby.replicaLabel()
                + " is not the writer of the Aurora global cluster "
                + standby.globalCluster()
                + " ("
                + AuroraGlobalSteps.describe(state)
                + "): no standby failover made it the writer, so there is nothing to replicate"
                + " back from. Nothing was changed",
            "NoPromotedStandby");
      return state
          .member(standby.primaryArn())
          .map(m -> m.replicatingSecondary() ? SECONDARY : RESYNCING)
          .orElse(REMOVED);
    }
  }

  StandbyReplicateResult run(ServiceDefinition service, Standby standby, Duration waitBudget) {
    String newPrimary = standby.replicaLabel();
    String reverse = standby.primaryInstance() + " (" + standby.primaryRegion() + ")";
    phases.enter("assess");
    GlobalClusterState state =
        timeline.step(
            "describe global cluster " + standby.globalCluster(),
            () -> aurora.describeGlobalCluster(standby.replicaRegion(), standby.globalCluster()),
            AuroraGlobalSteps::describe);
    OldPrimary found = OldPrimary.of(standby, state);
    if (found == OldPrimary.REMOVED) {
      phases.enter("stopped");
      return new StandbyReplicateResult(
          service.key(),
          StandbyReplicateOutcome.OLD_PRIMARY_REMOVED,
          newPrimary,
          reverse,
          "not a member of " + standby.globalCluster() + ": removed from it",
          null,
          null,
          timeline.entries(),
          removedSummary(standby, reverse));
    }
    String oldPrimary =
        found == OldPrimary.SECONDARY
            ? "a secondary of " + standby.globalCluster() + " already"
            : "rebuilt by Aurora as a secondary of " + standby.globalCluster();
    ReplicaLag lag;
    try {
      phases.enter("replicate");
      if (found == OldPrimary.RESYNCING) awaitSecondary(standby, reverse, waitBudget);
      lag =
          timeline.step(
              "read AuroraGlobalDBReplicationLag of " + reverse,
              () ->
                  aurora.replicationLag(
                      standby.primaryRegion(),
                      standby.primaryInstance(),
                      StandbyFailoverWorkflowImpl.LAG_WINDOW),
              l -> l.hasData() ? l.seconds() + " s at " + l.at() : "no datapoint yet");
    } catch (TemporalFailure e) {
      phases.enter("failed");
      throw ApplicationFailure.newNonRetryableFailure(
          Failures.rootMessage(e)
              + ". Nothing was changed: "
              + reverse
              + " is not yet a replicating secondary of "
              + standby.globalCluster()
              + ". Next: once "
              + standby.primaryRegion()
              + " is back, Aurora rebuilds it (after a snapshot named"
              + " rds:unplanned-global-failover-...); start the replicate-back again, with a longer"
              + " --wait-budget if the rebuild is slow",
          Failures.rootType(e) == null ? "StepFailed" : Failures.rootType(e));
    }
    phases.enter("done");
    Duration rpo = service.spec().objectives() == null ? null : service.spec().objectives().rpo();
    return new StandbyReplicateResult(
        service.key(),
        StandbyReplicateOutcome.REPLICATING,
        newPrimary,
        reverse,
        oldPrimary,
        lag,
        null,
        timeline.entries(),
        "Replicating back: "
            + reverse
            + " is a secondary of "
            + standby.globalCluster()
            + ", whose writer is "
            + newPrimary
            + " ("
            + lagAgainstRpo(lag, rpo)
            + "); old primary: "
            + oldPrimary);
  }

  /** Until Aurora lists the old primary as a replicating secondary, within the wait budget. */
  private void awaitSecondary(Standby standby, String reverse, Duration waitBudget) {
    Instant deadline = Timeline.now().plus(waitBudget);
    String step = "wait until Aurora rebuilds " + reverse + " as a secondary";
    detail.accept(step + " (until " + deadline + ")");
    AuroraGlobalActivities waiting =
        Workflow.newActivityStub(
            AuroraGlobalActivities.class, ActivityDefaults.pollUntil(deadline, step));
    timeline.step(
        step,
        () ->
            waiting.pollSecondary(
                standby.replicaRegion(), standby.globalCluster(), standby.primaryArn(), deadline),
        AuroraGlobalSteps::describe);
  }

  /**
   * "AuroraGlobalDBReplicationLag 1 s, within the RPO 5 s"; above it, or no datapoint, said so. The
   * lag is what losing the new writer's region would lose now. Pure.
   */
  static String lagAgainstRpo(ReplicaLag lag, Duration rpo) {
    if (lag == null || !lag.hasData())
      return "no AuroraGlobalDBReplicationLag datapoint yet: readiness checks it once published";
    long seconds = (long) Math.ceil(lag.seconds());
    String text = "AuroraGlobalDBReplicationLag " + seconds + " s";
    if (rpo == null) return text;
    return text
        + (seconds <= rpo.toSeconds() ? ", within" : ", above")
        + " the RPO "
        + rpo.toSeconds()
        + " s";
  }

  private static String removedSummary(Standby standby, String reverse) {
    return "The old primary "
        + reverse
        + " is not a member of the Aurora global cluster "
        + standby.globalCluster()
        + " (removed from it), and Aurora re-adds no removed cluster. Nothing was changed. Next:"
        + " add a secondary in "
        + standby.primaryRegion()
        + " with CreateDBCluster --global-cluster-identifier "
        + standby.globalCluster()
        + " (under the catalog's name "
        + standby.primaryInstance()
        + " once the removed cluster is deleted or renamed, when nothing of it is needed; or"
        + " under a new name, then update the catalog's recovery.auroraGlobal.primaryCluster),"
        + " then start the replicate-back again to verify it. This run deletes no cluster";
  }
}
