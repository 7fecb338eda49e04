package dev.drrunbooks.activities.ownedresources;

import dev.drrunbooks.model.Ownership;
import java.util.Map;

/**
 * A resource found by its {@value Ownership#WORKFLOW_TAG} tag, with every tag it carries: what a
 * clean-up needs to prove (or refuse) that a run created it.
 *
 * @param type {@code rds-instance}, {@code rds-snapshot}, {@code cloudformation-stack}, {@code
 *     ecs-cluster} or {@code ecs-service}
 * @param id the identifier the delete call takes: instance or snapshot identifier, stack name,
 *     cluster name, {@code CLUSTER/SERVICE} for a service
 * @param region e.g. {@code eu-west-1}
 * @param status as the service reports it, e.g. {@code available}, {@code CREATE_COMPLETE}, {@code
 *     ACTIVE}
 * @param tags all of its tags, key to value
 */
public record TaggedResource(
    String type, String id, String region, String status, Map<String, String> tags) {
  public static final String RDS_INSTANCE = "rds-instance";
  public static final String RDS_SNAPSHOT = "rds-snapshot";
  public static final String STACK = "cloudformation-stack";
  public static final String ECS_CLUSTER = "ecs-cluster";
  public static final String ECS_SERVICE = "ecs-service";

  public TaggedResource {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  /** "type id (workflow-id)", as {@link OwnedResourceActivities#ownedResources} lists it. */
  public String describe() {
    return type + " " + id + " (" + tags.get(Ownership.WORKFLOW_TAG) + ")";
  }
}
