package dev.drrunbooks.runcleanup;

import dev.drrunbooks.activities.cfn.CloudFormationActivities;
import dev.drrunbooks.activities.cfn.StackInfo;
import dev.drrunbooks.activities.cfn.StackRequest;
import dev.drrunbooks.activities.ecs.EcsActivities;
import dev.drrunbooks.activities.ecs.EcsServiceCreate;
import dev.drrunbooks.activities.ecs.EcsServiceState;
import dev.drrunbooks.activities.ecs.EcsServiceUpdate;
import dev.drrunbooks.activities.ownedresources.TaggedResource;
import dev.drrunbooks.activities.ownedresources.TaggedResourceActivities;
import dev.drrunbooks.activities.rds.CopyProtectionRequest;
import dev.drrunbooks.activities.rds.CopySettings;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.PlacementCheck;
import dev.drrunbooks.activities.rds.PointInTimeRestoreRequest;
import dev.drrunbooks.activities.rds.RdsRestoreActivities;
import dev.drrunbooks.activities.rds.RdsSnapshotActivities;
import dev.drrunbooks.activities.rds.RestorableWindow;
import dev.drrunbooks.activities.rds.SnapshotCopyRequest;
import dev.drrunbooks.activities.rds.SnapshotInfo;
import dev.drrunbooks.activities.rds.SnapshotRestoreRequest;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Ownership;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A region's leftovers for clean-up tests: tagged resources the search finds, and delete calls that
 * check the tags as the real activities do (refusing NotOwned) and remove what they delete. The
 * calls the clean-up never makes throw.
 */
final class FakeLeftovers
    implements TaggedResourceActivities,
        RdsRestoreActivities,
        RdsSnapshotActivities,
        CloudFormationActivities,
        EcsActivities {
  /** region/type/id -> resource. */
  final Map<String, TaggedResource> world = new ConcurrentHashMap<>();

  /** ECS clusters a stack left untagged (an emulator), by name. */
  final Set<String> untaggedClusters = ConcurrentHashMap.newKeySet();

  final List<String> deleted = Collections.synchronizedList(new ArrayList<>());
  final List<String> searched = Collections.synchronizedList(new ArrayList<>());

  /** Ids whose deletion is accepted but never finishes (RDS "deleting" forever). */
  final Set<String> neverGone = ConcurrentHashMap.newKeySet();

  /**
   * Ids whose delete call fails (retryable, as a throttled API would, until the retries run out).
   */
  final Set<String> failing = ConcurrentHashMap.newKeySet();

  static Map<String, String> tags(String workflowId, String runToken, String procedure) {
    return new Ownership(workflowId, runToken, procedure).tags();
  }

  void add(String region, String type, String id, String status, Map<String, String> tags) {
    world.put(region + "/" + type + "/" + id, new TaggedResource(type, id, region, status, tags));
  }

  @Override
  public List<TaggedResource> taggedResources(String region, String workflowIdPrefix) {
    searched.add(region + " " + workflowIdPrefix);
    return world.values().stream()
        .filter(r -> r.region().equals(region))
        .filter(r -> r.tags().getOrDefault(Ownership.WORKFLOW_TAG, "").startsWith(workflowIdPrefix))
        .sorted(Comparator.comparing(TaggedResource::type).thenComparing(TaggedResource::id))
        .toList();
  }

  private String delete(String region, String type, String id, Ownership owner) {
    if (failing.contains(id))
      throw ApplicationFailure.newNonRetryableFailure("throttled deleting " + id, "Throttling");
    TaggedResource r = world.get(region + "/" + type + "/" + id);
    if (r == null) return "already gone";
    if (!owner.owns(r.tags())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "refusing to delete "
              + id
              + ": its tags "
              + r.tags()
              + " do not name "
              + owner.requiredTags(),
          FailureType.NOT_OWNED.type());
    }
    deleted.add(type + " " + id);
    if (neverGone.contains(id)) {
      world.put(
          region + "/" + type + "/" + id,
          new TaggedResource(type, id, region, "deleting", r.tags()));
    } else {
      world.remove(region + "/" + type + "/" + id);
    }
    return "deleting";
  }

  @Override
  public String deleteOwnedInstance(String region, String instanceId, Ownership owner) {
    return delete(region, TaggedResource.RDS_INSTANCE, instanceId, owner);
  }

  @Override
  public String deleteOwnedSnapshot(String region, String snapshotId, Ownership owner) {
    return delete(region, TaggedResource.RDS_SNAPSHOT, snapshotId, owner);
  }

  @Override
  public String deleteOwnedStack(String region, String stackName, Ownership owner) {
    return delete(region, TaggedResource.STACK, stackName, owner);
  }

  @Override
  public String awaitStackDeleted(String region, String stackName, Instant deadline) {
    return "DELETE_COMPLETE";
  }

  @Override
  public String pollStackDeleted(String region, String stackName, Instant deadline) {
    return awaitStackDeleted(region, stackName, deadline);
  }

  @Override
  public StackInfo pollStackCreated(String region, String stackName, Instant deadline) {
    throw new UnsupportedOperationException();
  }

  @Override
  public EcsServiceState pollSteady(
      String region, String cluster, String service, Instant deadline) {
    throw new UnsupportedOperationException();
  }

  @Override
  public EcsServiceState pollSteadyOn(
      String region, String cluster, String service, String taskDefinitionArn, Instant deadline) {
    throw new UnsupportedOperationException();
  }

  @Override
  public String deleteOwnedService(String region, String cluster, String service, Ownership owner) {
    return delete(region, TaggedResource.ECS_SERVICE, cluster + "/" + service, owner);
  }

  @Override
  public String deleteClusterLeftByStack(String region, String cluster, Ownership owner) {
    if (untaggedClusters.remove(cluster)) {
      deleted.add("ecs-cluster " + cluster + " (untagged)");
      return "deleted";
    }
    String outcome = delete(region, TaggedResource.ECS_CLUSTER, cluster, owner);
    return outcome.equals("deleting") ? "deleted" : outcome;
  }

  // ---- never called by a clean-up ----

  @Override
  public RestorableWindow restorableWindow(String region, String instanceId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public dev.drrunbooks.activities.rds.RestoreSource findRestoreSource(
      dev.drrunbooks.activities.rds.RestoreSourceQuery query) {
    throw new UnsupportedOperationException();
  }

  @Override
  public InstanceInfo describeInstance(String region, String instanceId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public InstanceInfo restoreToPointInTime(PointInTimeRestoreRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public InstanceInfo restoreFromSnapshot(SnapshotRestoreRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public InstanceInfo pollInstanceAvailable(String region, String instanceId, Instant deadline) {
    return awaitInstanceAvailable(region, instanceId, deadline);
  }

  @Override
  public InstanceInfo pollRestoredInstanceAvailable(
      String region,
      String instanceId,
      String instanceClass,
      Instant deadline,
      Instant restoreAnsweredAt) {
    return awaitInstanceAvailable(region, instanceId, deadline);
  }

  @Override
  public InstanceInfo awaitInstanceAvailable(String region, String instanceId, Instant deadline) {
    throw new UnsupportedOperationException();
  }

  @Override
  public String verifyPlacement(PlacementCheck check) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CopySettings protectRestoredCopy(CopyProtectionRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<SnapshotInfo> listSnapshots(String region, String instanceId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public SnapshotInfo describeSnapshot(String region, String snapshotId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public SnapshotInfo createManualSnapshot(
      String region, String instanceId, String snapshotId, Ownership owner) {
    throw new UnsupportedOperationException();
  }

  @Override
  public SnapshotInfo copySnapshot(SnapshotCopyRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public SnapshotInfo pollSnapshotAvailable(String region, String snapshotId, Instant deadline) {
    return awaitSnapshotAvailable(region, snapshotId, deadline);
  }

  @Override
  public SnapshotInfo awaitSnapshotAvailable(String region, String snapshotId, Instant deadline) {
    throw new UnsupportedOperationException();
  }

  @Override
  public StackInfo createStack(StackRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public StackInfo awaitStackCreated(String region, String stackName, Instant deadline) {
    throw new UnsupportedOperationException();
  }

  @Override
  public String resolveTaskDefinition(String region, String familyAndLabel) {
    throw new UnsupportedOperationException();
  }

  @Override
  public EcsServiceState describeService(String region, String cluster, String service) {
    throw new UnsupportedOperationException();
  }

  @Override
  public EcsServiceState updateService(EcsServiceUpdate update) {
    throw new UnsupportedOperationException();
  }

  @Override
  public EcsServiceState createService(EcsServiceCreate create) {
    throw new UnsupportedOperationException();
  }

  @Override
  public EcsServiceState awaitSteady(
      String region, String cluster, String service, Instant deadline) {
    throw new UnsupportedOperationException();
  }

  @Override
  public EcsServiceState awaitSteadyOn(
      String region, String cluster, String service, String taskDefinitionArn, Instant deadline) {
    throw new UnsupportedOperationException();
  }
}
