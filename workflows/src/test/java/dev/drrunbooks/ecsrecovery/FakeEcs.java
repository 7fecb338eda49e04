package dev.drrunbooks.ecsrecovery;

import dev.drrunbooks.activities.ecs.EcsActivities;
import dev.drrunbooks.activities.ecs.EcsRollback;
import dev.drrunbooks.activities.ecs.EcsServiceCreate;
import dev.drrunbooks.activities.ecs.EcsServiceState;
import dev.drrunbooks.activities.ecs.EcsServiceUpdate;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.model.Ownership;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory ECS and catalog for workflow-logic tests only; can be told that a task definition never
 * steadies.
 */
public final class FakeEcs implements EcsActivities {
  public final Map<String, EcsServiceState> services = new ConcurrentHashMap<>();
  public final List<String> updates = Collections.synchronizedList(new ArrayList<>());

  /**
   * Task definition ARN -> the one ECS's circuit breaker rolls the service back to: a deployment of
   * the key FAILED, the service then settles on the value.
   */
  public final Map<String, String> rollsBackTo = new ConcurrentHashMap<>();

  /** Task definition ARNs whose deployments never reach a steady state. */
  public final List<String> neverSteady = Collections.synchronizedList(new ArrayList<>());

  /**
   * "region/cluster" of clusters a stack created, which its deletion leaves (as the AWS emulator
   * does).
   */
  public final java.util.Set<String> clusters = ConcurrentHashMap.newKeySet();

  /**
   * Makes deleteClusterLeftByStack leave the cluster where it is, to show the leftover search finds
   * it.
   */
  public volatile boolean keepClusters;

  private final Catalog catalog = CatalogFixture.load();

  public FakeEcs() {
    for (String key : catalog.serviceKeys()) {
      var ecs = catalog.services().get(key).ecs();
      services.put(
          "eu-west-1/" + ecs.cluster() + "/" + ecs.service(),
          new EcsServiceState(
              ecs.cluster(),
              ecs.service(),
              arn("eu-west-1", ecs.service(), 3),
              2,
              2,
              0,
              1,
              "ACTIVE"));
      services.put(
          "eu-central-1/" + ecs.drCluster() + "/" + ecs.service(),
          new EcsServiceState(
              ecs.drCluster(),
              ecs.service(),
              arn("eu-central-1", ecs.service(), 2),
              0,
              0,
              0,
              1,
              "ACTIVE"));
    }
  }

  public static String arn(String region, String family, int revision) {
    return "arn:aws:ecs:" + region + ":123456789012:task-definition/" + family + ":" + revision;
  }

  @Override
  public String resolveTaskDefinition(String region, String familyAndLabel) {
    String[] parts = familyAndLabel.split(":");
    return arn(
        region,
        parts[0],
        parts[1].equals("stable") ? 2 : parts[1].equals("latest") ? 3 : Integer.parseInt(parts[1]));
  }

  @Override
  public EcsServiceState describeService(String region, String cluster, String service) {
    EcsServiceState s = services.get(region + "/" + cluster + "/" + service);
    if (s == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "ECS service " + service + " not found in cluster " + cluster + " (" + region + ")",
          "EcsServiceNotFound");
    }
    return s;
  }

  @Override
  public EcsServiceState updateService(EcsServiceUpdate u) {
    EcsServiceState s = describeService(u.region(), u.cluster(), u.service());
    updates.add(
        u.region()
            + " "
            + u.cluster()
            + "/"
            + u.service()
            + " td="
            + u.taskDefinition()
            + " desired="
            + u.desiredCount()
            + " force="
            + u.forceNewDeployment());
    String td = u.taskDefinition() != null ? u.taskDefinition() : s.taskDefinitionArn();
    int desired = u.desiredCount() != null ? u.desiredCount() : s.desired();
    EcsServiceState next =
        new EcsServiceState(
            s.cluster(), s.service(), td, desired, s.running(), desired, 2, "ACTIVE");
    services.put(u.region() + "/" + u.cluster() + "/" + u.service(), next);
    return next;
  }

  public final List<String> created = Collections.synchronizedList(new ArrayList<>());
  public final List<String> deleted = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Ownership> owners = new ConcurrentHashMap<>();

  @Override
  public EcsServiceState createService(EcsServiceCreate c) {
    String key = c.region() + "/" + c.cluster() + "/" + c.service();
    EcsServiceState existing = services.get(key);
    if (existing != null) {
      if (!c.owner().equals(owners.get(key))) {
        throw ApplicationFailure.newNonRetryableFailure(
            "service " + c.service() + " exists and is not ours", "NotOwned");
      }
      return existing;
    }
    EcsServiceState state =
        new EcsServiceState(
            c.cluster(),
            c.service(),
            c.taskDefinitionArn(),
            c.desiredCount(),
            0,
            c.desiredCount(),
            1,
            "ACTIVE");
    services.put(key, state);
    owners.put(key, c.owner());
    created.add(key);
    return state;
  }

  @Override
  public String deleteOwnedService(String region, String cluster, String service, Ownership owner) {
    String key = region + "/" + cluster + "/" + service;
    if (!services.containsKey(key)) return "already gone";
    if (!owner.equals(owners.get(key))) {
      throw ApplicationFailure.newNonRetryableFailure(
          "refusing to delete " + service + ": not ours", "NotOwned");
    }
    services.remove(key);
    deleted.add(key);
    return "deleting";
  }

  @Override
  public EcsServiceState awaitSteady(
      String region, String cluster, String service, Instant deadline) {
    EcsServiceState s = describeService(region, cluster, service);
    if (neverSteady.contains(s.taskDefinitionArn())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "service "
              + service
              + " in cluster "
              + cluster
              + " not steady at "
              + deadline
              + ": "
              + s.describe(),
          "EcsNotSteady");
    }
    EcsServiceState steady =
        new EcsServiceState(
            s.cluster(),
            s.service(),
            s.taskDefinitionArn(),
            s.desired(),
            s.desired(),
            0,
            1,
            "ACTIVE");
    services.put(region + "/" + cluster + "/" + service, steady);
    return steady;
  }

  @Override
  public EcsServiceState awaitSteadyOn(
      String region, String cluster, String service, String taskDefinitionArn, Instant deadline) {
    EcsServiceState s = describeService(region, cluster, service);
    String back = rollsBackTo.get(s.taskDefinitionArn());
    String why = null;
    if (back != null) {
      why =
          "deployment ecs-svc/fake of "
              + EcsRollback.familyRevision(s.taskDefinitionArn())
              + " FAILED: ECS deployment circuit breaker: tasks failed to start.";
      s =
          new EcsServiceState(
              s.cluster(), s.service(), back, s.desired(), s.running(), s.pending(), 2, "ACTIVE");
      services.put(region + "/" + cluster + "/" + service, s);
    }
    EcsServiceState steady = awaitSteady(region, cluster, service, deadline);
    if (!steady.taskDefinitionArn().equals(taskDefinitionArn)) {
      throw ApplicationFailure.newNonRetryableFailure(
          EcsRollback.message(
              region, cluster, service, steady.taskDefinitionArn(), taskDefinitionArn, why),
          EcsRollback.TYPE);
    }
    return steady;
  }

  @Override
  public EcsServiceState pollSteady(
      String region, String cluster, String service, Instant deadline) {
    return awaitSteady(region, cluster, service, deadline);
  }

  @Override
  public EcsServiceState pollSteadyOn(
      String region, String cluster, String service, String taskDefinitionArn, Instant deadline) {
    return awaitSteadyOn(region, cluster, service, taskDefinitionArn, deadline);
  }

  @Override
  public String deleteClusterLeftByStack(String region, String cluster, Ownership owner) {
    if (keepClusters) return "kept (test)";
    return clusters.remove(region + "/" + cluster) ? "deleted" : "already gone";
  }
}
