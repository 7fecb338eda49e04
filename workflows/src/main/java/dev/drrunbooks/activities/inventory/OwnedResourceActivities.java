package dev.drrunbooks.activities.inventory;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/** What a run (and its child runs) left behind, found by the ownership tags. */
@ActivityInterface(namePrefix = "Owned")
public interface OwnedResourceActivities {

  /**
   * Every resource in the region whose {@code dr-runbooks:workflow-id} tag starts with
   * {@code workflowIdPrefix} (the run's id: child runs' ids start with it): RDS instances and
   * snapshots, CloudFormation stacks, ECS clusters and services. Each as "type id (workflow-id)".
   */
  List<String> ownedResources(String region, String workflowIdPrefix);
}
