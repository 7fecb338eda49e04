package dev.drrunbooks.activities.ownedresources;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * What a run (and its child runs) left behind, found by the ownership tags and by the names it
 * gave.
 */
@ActivityInterface(namePrefix = "Owned")
public interface OwnedResourceActivities {

  /**
   * Every resource in the region whose {@code dr-runbooks:workflow-id} tag starts with {@code
   * workflowIdPrefix} (the run's id: child runs' ids start with it): RDS instances and snapshots,
   * CloudFormation stacks, ECS clusters and services. Each as "type id (workflow-id)".
   */
  List<String> ownedResources(String region, String workflowIdPrefix);

  /**
   * {@link #ownedResources}, and each of {@code ecsClusterNames} that is still ACTIVE, tagged or
   * not, as "ecs-cluster NAME (named for this run)": a stack's cluster that its deletion left
   * behind untagged (as the AWS emulator does) has no tag to be found by.
   */
  List<String> leftovers(String region, String workflowIdPrefix, List<String> ecsClusterNames);
}
