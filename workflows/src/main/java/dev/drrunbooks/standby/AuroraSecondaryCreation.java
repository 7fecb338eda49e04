package dev.drrunbooks.standby;

import dev.drrunbooks.activities.rds.AuroraClusterState;
import dev.drrunbooks.activities.rds.AuroraGlobalActivities;
import dev.drrunbooks.activities.rds.AuroraGlobalSecondaryActivities;
import dev.drrunbooks.activities.rds.GlobalClusterState;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.activities.rds.SecondaryClusterRequest;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.lock.LockedResource;
import dev.drrunbooks.lock.ResourceLocks;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.Ownership;
import dev.drrunbooks.model.Timeline;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A standby instantiate's apply for an aurora-global service whose secondary cluster is missing:
 * adds it to the global database as AWS documents adding a secondary region
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-attaching.html).
 * Under the standby's lock: describe the global cluster and the secondary's name again (only a name
 * that names no cluster at all is created; a cluster of that name outside the global database is
 * reported and never touched), CreateDBCluster, wait until it is available, one CreateDBInstance
 * reader, wait until the cluster replicates as a secondary (a member, not the writer, not
 * pending-resync), read its AuroraGlobalDBReplicationLag once. Both waits share one deadline, the
 * run's wait budget. What is created is kept (tagged {@link Ownership#KEPT_TAG}); a failure after
 * the first create says what exists. Workflow code.
 */
final class AuroraSecondaryCreation {
  /**
   * Version 1: the reader is waited for until available before the membership wait; runs before it
   * reported CREATED with the reader still being created.
   */
  static final String READER_WAIT_CHANGE = "standby-instantiate-aurora-reader-wait";

  private final Timeline timeline;
  private final ResourceLocks locks;
  private final Consumer<String> status;
  private final AuroraGlobalActivities aurora =
      ActivityDefaults.shortCallStub(AuroraGlobalActivities.class);
  private final AuroraGlobalSecondaryActivities secondary =
      ActivityDefaults.shortCallStub(AuroraGlobalSecondaryActivities.class);

  /**
   * @param status where the run's status query reads what is being done
   */
  AuroraSecondaryCreation(Timeline timeline, ResourceLocks locks, Consumer<String> status) {
    this.timeline = timeline;
    this.locks = locks;
    this.status = status;
  }

  /**
   * @param audited the service's MISSING check
   * @param budget how long the waits may take together
   * @return CREATED; the check as found again when the secondary appeared or a cluster of that name
   *     exists (NOT_A_REPLICA, untouched); FAILED saying why and what exists
   */
  StandbyInstantiateCheck create(
      ServiceDefinition service,
      StandbyInstantiateCheck audited,
      Duration budget,
      Ownership owner) {
    Standby standby = Standby.ofAnyStandby(service);
    String lock = LockedResource.STANDBY.named(service.key());
    status.accept("taking the lock " + lock);
    try {
      locks.acquire(lock, StandbyInstantiateWorkflowImpl.PROCEDURE);
    } catch (ApplicationFailure held) {
      if (!FailureType.ALREADY_RUNNING.type().equals(held.getType())) throw held;
      timeline.record("lock " + lock, Timeline.now(), Outcome.FAILED, held.getOriginalMessage());
      return audited.failed(held.getOriginalMessage() + " Nothing was created.");
    }

    GlobalClusterState global;
    AuroraClusterState existing;
    try {
      status.accept("describing " + standby.globalCluster() + " again under the lock");
      global =
          timeline.step(
              "describe global cluster " + standby.globalCluster(),
              () -> aurora.describeGlobalCluster(standby.replicaRegion(), standby.globalCluster()),
              AuroraGlobalSteps::describe);
      if (!global.found())
        return audited.failed(
            "global cluster "
                + standby.globalCluster()
                + " not found: an apply adds only the secondary cluster to an existing global"
                + " database; create the global database with its primary first"
                + " (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-creating.html)."
                + " Nothing was created");
      if (global.member(standby.replicaArn()).isPresent())
        return AuroraSecondaryAudit.of(
                service.key(), standby, global, null, StandbyLagAllowance.of(service.spec()))
            .withDetail(
                "appeared since the audit (another run or a person added it): left as found;"
                    + " audit again for its lag");
      existing =
          timeline.step(
              "describe cluster " + standby.replicaLabel(),
              () -> secondary.describeCluster(standby.replicaRegion(), standby.replicaInstance()),
              AuroraClusterState::describe);
    } catch (ActivityFailure e) {
      return audited.failed(
          "could not describe it again under the lock: "
              + Failures.rootMessage(e)
              + "; nothing was created");
    }
    if (existing.found()) return notOurs(service.key(), standby, existing);

    String cluster = standby.replicaInstance();
    SecondaryClusterRequest request = AuroraSecondaryRequest.cluster(service, standby, owner);
    status.accept("creating secondary cluster " + standby.replicaLabel());
    try {
      timeline.step(
          "create secondary cluster "
              + standby.replicaLabel()
              + " in global cluster "
              + standby.globalCluster(),
          () -> secondary.createSecondaryCluster(request),
          AuroraClusterState::describe);
    } catch (ActivityFailure e) {
      return audited.failed(
          "RDS refused the secondary cluster: "
              + Failures.rootMessage(e)
              + "; nothing was created");
    }

    Instant deadline = Timeline.now().plus(budget);
    String availableStep = "wait until " + cluster + " is available";
    try {
      status.accept(availableStep + " (until " + deadline + ")");
      timeline.step(
          availableStep,
          () ->
              polls(availableStep, deadline)
                  .pollClusterAvailable(standby.replicaRegion(), cluster, deadline),
          AuroraClusterState::describe);
    } catch (ActivityFailure e) {
      return audited.failed(
          "created "
              + cluster
              + ", but it is not available: "
              + Failures.rootMessage(e)
              + ". No reader was created. "
              + whatExists(standby));
    }

    String reader = AuroraSecondaryRequest.readerOf(standby);
    InstanceInfo created;
    try {
      status.accept("creating reader " + reader + " in " + cluster);
      created =
          timeline.step(
              "create reader " + reader + " in " + cluster,
              () -> secondary.createReader(AuroraSecondaryRequest.reader(standby, owner)),
              i -> i.status() + ", class " + i.instanceClass());
    } catch (ActivityFailure e) {
      return audited.failed(
          "created "
              + cluster
              + ", but RDS refused its reader "
              + reader
              + ": "
              + Failures.rootMessage(e)
              + ". "
              + whatExists(standby));
    }

    // Version 1: the reader is waited for too: a replicating cluster volume with no instance up
    // answers no connection, and is no standby yet.
    if (Workflow.getVersion(READER_WAIT_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1) {
      String readerStep = "wait until reader " + reader + " is available";
      try {
        status.accept(readerStep + " (until " + deadline + ")");
        created =
            timeline.step(
                readerStep,
                () ->
                    polls(readerStep, deadline)
                        .pollReaderAvailable(standby.replicaRegion(), reader, deadline),
                i -> i.status() + ", class " + i.instanceClass());
      } catch (ActivityFailure e) {
        return audited.failed(
            "created "
                + cluster
                + " and its reader "
                + reader
                + ", but the reader is not available: "
                + Failures.rootMessage(e)
                + ". "
                + whatExists(standby));
      }
    }

    String memberStep = "wait until " + cluster + " replicates as a secondary";
    GlobalClusterState replicating;
    try {
      status.accept(memberStep + " (until " + deadline + ")");
      replicating =
          timeline.step(
              memberStep,
              () ->
                  Workflow.newActivityStub(
                          AuroraGlobalActivities.class,
                          ActivityDefaults.pollUntil(deadline, memberStep))
                      .pollSecondary(
                          standby.replicaRegion(),
                          standby.globalCluster(),
                          standby.replicaArn(),
                          deadline),
              AuroraGlobalSteps::describe);
    } catch (ActivityFailure e) {
      return audited.failed(
          "created "
              + cluster
              + " and its reader "
              + reader
              + ", but it does not replicate as a secondary yet: "
              + Failures.rootMessage(e)
              + ". "
              + whatExists(standby));
    }
    ReplicaLag lag = lag(standby);
    StandbyInstantiateCheck now =
        AuroraSecondaryAudit.of(
            service.key(), standby, replicating, lag, StandbyLagAllowance.of(service.spec()));
    return new StandbyInstantiateCheck(
        now.service(),
        now.replica(),
        now.source(),
        now.found(),
        StandbyInstantiateAction.CREATED,
        now.lagSeconds(),
        "created secondary cluster "
            + cluster
            + " in "
            + standby.globalCluster()
            + " with reader "
            + reader
            + " ("
            + created.instanceClass()
            + ", the primary writer's class); AuroraGlobalDBReplicationLag "
            + (lag.hasData() ? lag.seconds() + " s" : "not published yet")
            + "; kept after this run as the standby (tagged "
            + Ownership.KEPT_TAG
            + "="
            + Ownership.KEPT_STANDBY
            + ": dr cleanup never deletes it)");
  }

  private AuroraGlobalSecondaryActivities polls(String step, Instant deadline) {
    return Workflow.newActivityStub(
        AuroraGlobalSecondaryActivities.class, ActivityDefaults.pollUntil(deadline, step));
  }

  /** A cluster of the secondary's name that is no member: reported, never touched. */
  private static StandbyInstantiateCheck notOurs(
      String service, Standby standby, AuroraClusterState existing) {
    return new StandbyInstantiateCheck(
        service,
        standby.replicaLabel(),
        standby.primaryArn(),
        "a cluster of that name, not a member of "
            + standby.globalCluster()
            + " ("
            + existing.describe()
            + ")",
        StandbyInstantiateAction.NOT_A_REPLICA,
        null,
        "a cluster of the secondary's name exists in "
            + standby.replicaRegion()
            + " outside the global database (tags "
            + (existing.tags().isEmpty() ? "none" : existing.tags())
            + "): left untouched, nothing was created; find out whose it is before deleting it or"
            + " changing the catalog's recovery.auroraGlobal.secondaryCluster");
  }

  /**
   * What a failed apply leaves, described once more: the cluster and its instances, kept; "could
   * not be described" when that fails too.
   */
  private String whatExists(Standby standby) {
    String what;
    try {
      what =
          timeline
              .step(
                  "describe cluster " + standby.replicaLabel() + " as left",
                  () ->
                      secondary.describeCluster(standby.replicaRegion(), standby.replicaInstance()),
                  AuroraClusterState::describe)
              .describe();
    } catch (ActivityFailure e) {
      what = "could not be described (" + Failures.rootMessage(e) + ")";
    }
    return "What exists: cluster "
        + standby.replicaLabel()
        + " "
        + what
        + ". It is kept (tagged "
        + Ownership.KEPT_TAG
        + "="
        + Ownership.KEPT_STANDBY
        + "); audit again once RDS has finished, or delete it by hand";
  }

  /** The new secondary's first lag; unreadable is no datapoint, not a failure of the check. */
  private ReplicaLag lag(Standby standby) {
    try {
      return timeline.step(
          "read AuroraGlobalDBReplicationLag of " + standby.replicaInstance(),
          () ->
              aurora.replicationLag(
                  standby.replicaRegion(),
                  standby.replicaInstance(),
                  StandbyInstantiateWorkflowImpl.LAG_WINDOW),
          l -> l.hasData() ? l.seconds() + " s at " + l.at() : "no datapoint yet");
    } catch (ActivityFailure e) {
      return ReplicaLag.noData();
    }
  }
}
