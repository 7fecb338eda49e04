package dev.drrunbooks.standby;

import dev.drrunbooks.activities.rds.AuroraGlobalActivities;
import dev.drrunbooks.activities.rds.GlobalClusterState;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.Timeline;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;

/**
 * The standby failover's steps for an Aurora global database: assess the global cluster from the
 * secondary's region, read the secondary's replication lag, switch over (planned: the primary
 * answers, no data is lost) or fail over allowing data loss (unplanned), wait until the secondary
 * is the writer, read its writer endpoint
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html).
 * Workflow code.
 */
final class AuroraGlobalSteps {
  private final Timeline timeline;
  private final AuroraGlobalActivities aurora =
      ActivityDefaults.shortCallStub(AuroraGlobalActivities.class);

  /** As the replica's primary check: an unreachable primary region is an answer, not a retry. */
  private final AuroraGlobalActivities primaryRegion =
      Workflow.newActivityStub(
          AuroraGlobalActivities.class,
          ActivityOptions.newBuilder(ActivityDefaults.shortCalls())
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setMaximumAttempts(3)
                      .build())
              .build());

  AuroraGlobalSteps(Timeline timeline) {
    this.timeline = timeline;
  }

  /**
   * The global cluster as the secondary's region sees it.
   *
   * @throws ApplicationFailure GlobalClusterNotAsCataloged when it is missing or the catalog's
   *     clusters are not both its members: nothing changed
   */
  GlobalClusterState assess(Standby standby) {
    GlobalClusterState state =
        timeline.step(
            "describe global cluster " + standby.globalCluster(),
            () -> aurora.describeGlobalCluster(standby.replicaRegion(), standby.globalCluster()),
            AuroraGlobalSteps::describe);
    boolean members =
        state.found()
            && state.members().stream().anyMatch(m -> m.clusterArn().equals(standby.primaryArn()))
            && state.members().stream().anyMatch(m -> m.clusterArn().equals(standby.replicaArn()));
    if (!members)
      throw ApplicationFailure.newNonRetryableFailure(
          "global cluster "
              + standby.globalCluster()
              + " is "
              + describe(state)
              + ", not the catalog's "
              + standby.primaryArn()
              + " and "
              + standby.replicaArn()
              + ". Nothing was changed",
          "GlobalClusterNotAsCataloged");
    return state;
  }

  /**
   * Whether the primary's region answers for the global cluster: a planned switchover is possible.
   */
  boolean primaryAnswers(Standby standby) {
    Instant at = Timeline.now();
    String step =
        "describe global cluster " + standby.globalCluster() + " in " + standby.primaryRegion();
    try {
      GlobalClusterState seen =
          primaryRegion.describeGlobalCluster(standby.primaryRegion(), standby.globalCluster());
      boolean ok = seen.found() && "available".equals(seen.status());
      timeline.record(step, at, Outcome.SUCCEEDED, describe(seen));
      return ok;
    } catch (ActivityFailure e) {
      timeline.record(step, at, Outcome.FAILED, "unreachable: " + Failures.rootMessage(e));
      return false;
    }
  }

  ReplicaLag lag(Standby standby, String when) {
    return timeline.step(
        "read AuroraGlobalDBReplicationLag of " + standby.replicaInstance() + " " + when,
        () ->
            aurora.replicationLag(
                standby.replicaRegion(),
                standby.replicaInstance(),
                StandbyFailoverWorkflowImpl.LAG_WINDOW),
        l -> l.hasData() ? l.seconds() + " s at " + l.at() : "no datapoint");
  }

  /** Switchover (planned) or failover allowing data loss (unplanned) to the secondary. */
  String changeWriter(Standby standby, boolean planned) {
    return planned
        ? timeline.step(
            "switch over " + standby.globalCluster() + " to " + standby.replicaInstance(),
            () ->
                aurora.switchover(
                    standby.replicaRegion(), standby.globalCluster(), standby.replicaArn()),
            s -> s)
        : timeline.step(
            "fail over "
                + standby.globalCluster()
                + " to "
                + standby.replicaInstance()
                + " allowing data loss",
            () ->
                aurora.failoverAllowingDataLoss(
                    standby.replicaRegion(), standby.globalCluster(), standby.replicaArn()),
            s -> s);
  }

  /** Until the secondary is the writer; then its writer endpoint. */
  InstanceInfo awaitWriter(Standby standby, Instant deadline) {
    String step = "wait until " + standby.replicaInstance() + " accepts writes";
    AuroraGlobalActivities waiting =
        Workflow.newActivityStub(
            AuroraGlobalActivities.class, ActivityDefaults.pollUntil(deadline, step));
    timeline.step(
        step,
        () ->
            waiting.pollWriter(
                standby.replicaRegion(), standby.globalCluster(), standby.replicaArn(), deadline),
        AuroraGlobalSteps::describe);
    return timeline.step(
        "read the writer endpoint of " + standby.replicaInstance(),
        () -> aurora.writerEndpoint(standby.replicaRegion(), standby.replicaInstance()),
        i -> i.endpointAddress() + ":" + i.port());
  }

  static String describe(GlobalClusterState s) {
    if (!s.found()) return "not found";
    return s.status()
        + ", writer "
        + s.writerArn()
        + (s.failoverStatus() == null
            ? ""
            : ", "
                + s.failoverStatus()
                + " to "
                + s.failoverTo()
                + (Boolean.TRUE.equals(s.dataLossAllowed()) ? " (data loss allowed)" : ""));
  }
}
