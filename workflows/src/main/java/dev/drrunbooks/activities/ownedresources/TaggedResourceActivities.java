package dev.drrunbooks.activities.ownedresources;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * What a run and its child runs left behind, with the tags that say who created each: for {@code dr
 * cleanup}.
 */
@ActivityInterface(namePrefix = "Tagged")
public interface TaggedResourceActivities {

  /**
   * The resources {@link OwnedResourceActivities#ownedResources} finds (tag {@code
   * dr-runbooks:workflow-id} starting with {@code workflowIdPrefix}; stacks not DELETE_COMPLETE,
   * ECS clusters ACTIVE, services ACTIVE or DRAINING), each with its status and all its tags;
   * sorted by type, then id. Read-only. A blank region or prefix fails non-retryably
   * (InvalidInput): a blank prefix would match every run's resources.
   */
  List<TaggedResource> taggedResources(String region, String workflowIdPrefix);
}
