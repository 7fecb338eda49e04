package dev.drrunbooks.standby;

import dev.drrunbooks.activities.rds.AuroraClusterState;
import dev.drrunbooks.activities.rds.AuroraGlobalSecondaryActivities;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.SecondaryClusterRequest;
import dev.drrunbooks.activities.rds.SecondaryReaderRequest;
import dev.drrunbooks.model.Ownership;
import dev.drrunbooks.model.Polls;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Adding payments-fra to payments-global, for workflow-logic tests only: the secondary cluster
 * joins {@link FakeAuroraGlobal} (a member once created), is available after {@link
 * #pollsUntilAvailable} polls (never when negative: the poll then ends at its deadline, as the real
 * one does), and its reader is created at once. Idempotent by name like the real activities: this
 * run's cluster is returned, anyone else's refused.
 */
final class FakeSecondaryCreation implements AuroraGlobalSecondaryActivities {
  static final String REGION = "eu-central-1";

  private final FakeAuroraGlobal global;
  final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  final List<SecondaryClusterRequest> clusterRequests =
      Collections.synchronizedList(new ArrayList<>());
  final List<SecondaryReaderRequest> readerRequests =
      Collections.synchronizedList(new ArrayList<>());

  /** A cluster of the secondary's name that is there before the run (null: none). */
  volatile AuroraClusterState existing;

  volatile int pollsUntilAvailable = 1;

  /** The first CreateDBCluster takes effect but its answer is lost (the activity is retried). */
  volatile boolean loseCreateAnswer;

  volatile Supplier<Instant> now = Instant::now;

  private AuroraClusterState created;
  private int polls;
  private int readerPolls;

  FakeSecondaryCreation(FakeAuroraGlobal global) {
    this.global = global;
  }

  static AuroraClusterState someonesCluster() {
    return new AuroraClusterState(
        "payments-fra",
        REGION,
        true,
        FakeAuroraGlobal.SECONDARY_ARN,
        "available",
        "aurora-postgresql",
        null,
        List.of("payments-fra-1"),
        Map.of("team", "analytics"));
  }

  @Override
  public synchronized AuroraClusterState describeCluster(String region, String clusterId) {
    calls.add("describe " + clusterId);
    if (created != null) return created;
    return existing != null ? existing : AuroraClusterState.notFound(region, clusterId);
  }

  @Override
  public synchronized AuroraClusterState createSecondaryCluster(SecondaryClusterRequest r) {
    calls.add("create cluster " + r.clusterId() + " in " + r.globalClusterId());
    clusterRequests.add(r);
    AuroraClusterState there = created != null ? created : existing;
    if (there != null) {
      if (!r.owner().owns(there.tags()))
        throw ApplicationFailure.newNonRetryableFailure(
            "RDS cluster '" + r.clusterId() + "' already exists ... not created by this run",
            "NotOwned");
      return there;
    }
    Map<String, String> tags = new java.util.LinkedHashMap<>(r.owner().tags());
    tags.put(Ownership.KEPT_TAG, Ownership.KEPT_STANDBY);
    created =
        new AuroraClusterState(
            r.clusterId(),
            r.region(),
            true,
            FakeAuroraGlobal.SECONDARY_ARN,
            "creating",
            "aurora-postgresql",
            r.globalClusterId(),
            List.of(),
            tags);
    global.secondaryRemoved = false;
    if (loseCreateAnswer) {
      loseCreateAnswer = false;
      throw ApplicationFailure.newFailure("connection reset", "SdkClientException");
    }
    return created;
  }

  @Override
  public synchronized AuroraClusterState pollClusterAvailable(
      String region, String clusterId, Instant deadline) {
    polls++;
    calls.add("poll available " + clusterId);
    if (pollsUntilAvailable < 0) {
      if (!now.get().isBefore(deadline))
        throw ApplicationFailure.newNonRetryableFailure(
            "waited until " + deadline + " for " + clusterId + ": creating",
            "WaitDeadlineExceeded");
      throw ApplicationFailure.newFailure(clusterId + " is creating", Polls.NOT_YET);
    }
    if (polls < pollsUntilAvailable)
      throw ApplicationFailure.newFailure(clusterId + " is creating", Polls.NOT_YET);
    created =
        new AuroraClusterState(
            created.clusterId(),
            region,
            true,
            created.arn(),
            "available",
            created.engine(),
            created.globalClusterId(),
            created.instances(),
            created.tags());
    return created;
  }

  @Override
  public synchronized InstanceInfo createReader(SecondaryReaderRequest r) {
    calls.add("create reader " + r.instanceId() + " in " + r.clusterId());
    readerRequests.add(r);
    created =
        new AuroraClusterState(
            created.clusterId(),
            created.region(),
            true,
            created.arn(),
            created.status(),
            created.engine(),
            created.globalClusterId(),
            List.of(r.instanceId()),
            created.tags());
    return new InstanceInfo(
        r.instanceId(),
        r.region(),
        "arn:aws:rds:eu-central-1:123456789012:db:" + r.instanceId(),
        "creating",
        null,
        null,
        created.tags(),
        "db.r6g.2xlarge",
        null);
  }

  /** The reader is available at the second poll (creating at the first). */
  @Override
  public synchronized InstanceInfo pollReaderAvailable(
      String region, String instanceId, Instant deadline) {
    calls.add("poll reader " + instanceId);
    readerPolls++;
    if (readerPolls < 2)
      throw ApplicationFailure.newFailure(instanceId + " is creating", Polls.NOT_YET);
    return new InstanceInfo(
        instanceId,
        region,
        "arn:aws:rds:eu-central-1:123456789012:db:" + instanceId,
        "available",
        null,
        null,
        created.tags(),
        "db.r6g.2xlarge",
        null);
  }
}
