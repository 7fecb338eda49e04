package dev.drrunbooks.aws.ownedresources;

import dev.drrunbooks.activities.ownedresources.OwnedResourceActivities;
import dev.drrunbooks.activities.ownedresources.TaggedResource;
import dev.drrunbooks.activities.ownedresources.TaggedResourceActivities;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.AwsFailures;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Ownership;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * What a run (and its child runs, whose ids start with the run's) left behind in a region, found by
 * the {@value Ownership#WORKFLOW_TAG} tag: RDS instances and snapshots, CloudFormation stacks (not
 * DELETE_COMPLETE), ECS clusters (ACTIVE) and services (ACTIVE or DRAINING) in any cluster. Every
 * list call is paginated. Read-only: the drill's last check, and an operator's "what is still
 * there".
 *
 * <p>{@link #leftovers} adds ECS clusters by the names the run gave them; {@link #taggedResources}
 * gives each resource's status and tags, for {@code dr cleanup} to prove (or refuse) which run
 * created it.
 *
 * <p>Each as {@code <type> <id> (<workflow-id>)}, e.g. {@code rds-instance pitr-inventory-x
 * (pitr-inventory-x)}, {@code ecs-service dr-drill-x/inventory-test (drill-x)}; sorted by type,
 * then id.
 */
public class OwnedResourceActivitiesImpl
    implements OwnedResourceActivities, TaggedResourceActivities {
  private static final Logger log = LoggerFactory.getLogger(OwnedResourceActivitiesImpl.class);

  /**
   * describe-clusters takes at most 100 clusters per call, describe-services at most 10 services.
   */
  private static final int CLUSTERS_PER_DESCRIBE = 100;

  private static final int SERVICES_PER_DESCRIBE = 10;
  private static final Set<String> LIVE_SERVICE = Set.of("ACTIVE", "DRAINING");

  private final Function<String, RdsClient> rds;
  private final Function<String, CloudFormationClient> cfn;
  private final Function<String, EcsClient> ecs;

  public OwnedResourceActivitiesImpl(AwsClients aws) {
    this(aws::rds, aws::cloudFormation, aws::ecs);
  }

  public OwnedResourceActivitiesImpl(
      Function<String, RdsClient> rds,
      Function<String, CloudFormationClient> cfn,
      Function<String, EcsClient> ecs) {
    this.rds = rds;
    this.cfn = cfn;
    this.ecs = ecs;
  }

  @Override
  public List<String> ownedResources(String region, String workflowIdPrefix) {
    List<String> result =
        taggedResources(region, workflowIdPrefix).stream().map(TaggedResource::describe).toList();
    log.info(
        "resources in {} owned by {}*: {}",
        region,
        workflowIdPrefix,
        result.isEmpty() ? "none" : result);
    return result;
  }

  @Override
  public List<TaggedResource> taggedResources(String region, String workflowIdPrefix) {
    if (region == null || region.isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "region is required", FailureType.INVALID_INPUT.type());
    }
    if (workflowIdPrefix == null || workflowIdPrefix.isBlank()) {
      // a blank prefix would match everything any run ever left, anywhere
      throw ApplicationFailure.newNonRetryableFailure(
          "workflowIdPrefix is required (the run's workflow id)", FailureType.INVALID_INPUT.type());
    }
    List<TaggedResource> found = new ArrayList<>();
    rdsInstances(region, workflowIdPrefix, found);
    rdsSnapshots(region, workflowIdPrefix, found);
    stacks(region, workflowIdPrefix, found);
    ecs(region, workflowIdPrefix, found);
    found.sort(Comparator.comparing(TaggedResource::type).thenComparing(TaggedResource::id));
    return List.copyOf(found);
  }

  @Override
  public List<String> leftovers(
      String region, String workflowIdPrefix, List<String> ecsClusterNames) {
    List<String> result = new ArrayList<>(ownedResources(region, workflowIdPrefix));
    List<String> names =
        ecsClusterNames == null
            ? List.of()
            : ecsClusterNames.stream().filter(n -> n != null && !n.isBlank()).distinct().toList();
    if (names.isEmpty()) return result;
    List<Cluster> clusters;
    try {
      clusters = ecs.apply(region).describeClusters(r -> r.clusters(names)).clusters();
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "describe-clusters " + names + " in " + region);
    }
    for (Cluster c : clusters) {
      // already listed when found by its tag
      if ("ACTIVE".equals(c.status())
          && result.stream().noneMatch(r -> r.startsWith("ecs-cluster " + c.clusterName() + " "))) {
        result.add("ecs-cluster " + c.clusterName() + " (named for this run)");
      }
    }
    log.info("ECS clusters named for {} still in {}: {}", workflowIdPrefix, region, result);
    return result;
  }

  private static boolean owned(Map<String, String> tags, String prefix) {
    String wf = tags.get(Ownership.WORKFLOW_TAG);
    return wf != null && wf.startsWith(prefix);
  }

  // ---- RDS
  // ------------------------------------------------------------------------------------------

  private void rdsInstances(String region, String prefix, List<TaggedResource> found) {
    RdsClient client = rds.apply(region);
    try {
      for (DBInstance db : client.describeDBInstancesPaginator(r -> {}).dbInstances()) {
        Map<String, String> tags =
            db.hasTagList() ? rdsTags(db.tagList()) : listRdsTags(client, db.dbInstanceArn());
        if (owned(tags, prefix)) {
          found.add(
              new TaggedResource(
                  TaggedResource.RDS_INSTANCE,
                  db.dbInstanceIdentifier(),
                  region,
                  db.dbInstanceStatus(),
                  tags));
        }
      }
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "describe-db-instances in " + region);
    }
  }

  private void rdsSnapshots(String region, String prefix, List<TaggedResource> found) {
    RdsClient client = rds.apply(region);
    try {
      // no SnapshotType: manual and automated (an automated snapshot of a restored instance carries
      // its tags)
      for (DBSnapshot s : client.describeDBSnapshotsPaginator(r -> {}).dbSnapshots()) {
        Map<String, String> tags =
            s.hasTagList() ? rdsTags(s.tagList()) : listRdsTags(client, s.dbSnapshotArn());
        if (owned(tags, prefix)) {
          found.add(
              new TaggedResource(
                  TaggedResource.RDS_SNAPSHOT, s.dbSnapshotIdentifier(), region, s.status(), tags));
        }
      }
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "describe-db-snapshots in " + region);
    }
  }

  private static Map<String, String> rdsTags(List<Tag> tags) {
    Map<String, String> map = new HashMap<>();
    tags.forEach(t -> map.put(t.key(), t.value()));
    return map;
  }

  private static Map<String, String> listRdsTags(RdsClient client, String arn) {
    if (arn == null) return Map.of();
    return rdsTags(client.listTagsForResource(r -> r.resourceName(arn)).tagList());
  }

  // ---- CloudFormation
  // -------------------------------------------------------------------------------

  private void stacks(String region, String prefix, List<TaggedResource> found) {
    try {
      // describe-stacks without a name: every stack but the deleted ones, with its tags
      for (Stack s : cfn.apply(region).describeStacksPaginator(r -> {}).stacks()) {
        if ("DELETE_COMPLETE".equals(s.stackStatusAsString())) continue;
        Map<String, String> tags = new HashMap<>();
        if (s.hasTags()) s.tags().forEach(t -> tags.put(t.key(), t.value()));
        if (owned(tags, prefix)) {
          found.add(
              new TaggedResource(
                  TaggedResource.STACK, s.stackName(), region, s.stackStatusAsString(), tags));
        }
      }
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "describe-stacks in " + region);
    }
  }

  // ---- ECS
  // ------------------------------------------------------------------------------------------

  private void ecs(String region, String prefix, List<TaggedResource> found) {
    EcsClient client = ecs.apply(region);
    List<String> clusterArns = new ArrayList<>();
    try {
      client.listClustersPaginator(r -> {}).clusterArns().forEach(clusterArns::add);
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "list-clusters in " + region);
    }
    for (int i = 0; i < clusterArns.size(); i += CLUSTERS_PER_DESCRIBE) {
      List<String> batch =
          clusterArns.subList(i, Math.min(i + CLUSTERS_PER_DESCRIBE, clusterArns.size()));
      List<Cluster> clusters;
      try {
        clusters =
            client.describeClusters(r -> r.clusters(batch).include(ClusterField.TAGS)).clusters();
      } catch (SdkException e) {
        throw AwsFailures.translate(e, "describe-clusters in " + region);
      }
      for (Cluster c : clusters) {
        if (!"ACTIVE".equals(c.status())) continue;
        Map<String, String> tags = ecsTags(c.hasTags() ? c.tags() : List.of());
        if (owned(tags, prefix)) {
          found.add(
              new TaggedResource(
                  TaggedResource.ECS_CLUSTER, c.clusterName(), region, c.status(), tags));
        }
        // services in every active cluster: a run's service may live in a cluster that is not the
        // run's
        services(client, region, c, prefix, found);
      }
    }
  }

  private void services(
      EcsClient client, String region, Cluster cluster, String prefix, List<TaggedResource> found) {
    List<String> serviceArns = new ArrayList<>();
    try {
      client
          .listServicesPaginator(r -> r.cluster(cluster.clusterArn()))
          .serviceArns()
          .forEach(serviceArns::add);
    } catch (ClusterNotFoundException gone) {
      return; // deleted since it was listed
    } catch (SdkException e) {
      throw AwsFailures.translate(
          e, "list-services in cluster " + cluster.clusterName() + " in " + region);
    }
    for (int i = 0; i < serviceArns.size(); i += SERVICES_PER_DESCRIBE) {
      List<String> batch =
          serviceArns.subList(i, Math.min(i + SERVICES_PER_DESCRIBE, serviceArns.size()));
      List<Service> services;
      try {
        services =
            client
                .describeServices(
                    r -> r.cluster(cluster.clusterArn()).services(batch).include(ServiceField.TAGS))
                .services();
      } catch (ClusterNotFoundException gone) {
        return;
      } catch (SdkException e) {
        throw AwsFailures.translate(
            e, "describe-services in cluster " + cluster.clusterName() + " in " + region);
      }
      for (Service s : services) {
        if (!LIVE_SERVICE.contains(s.status())) continue;
        Map<String, String> tags = ecsTags(s.hasTags() ? s.tags() : List.of());
        if (owned(tags, prefix)) {
          found.add(
              new TaggedResource(
                  TaggedResource.ECS_SERVICE,
                  cluster.clusterName() + "/" + s.serviceName(),
                  region,
                  s.status(),
                  tags));
        }
      }
    }
  }

  private static Map<String, String> ecsTags(
      List<software.amazon.awssdk.services.ecs.model.Tag> tags) {
    Map<String, String> map = new HashMap<>();
    tags.forEach(t -> map.put(t.key(), t.value()));
    return map;
  }
}
