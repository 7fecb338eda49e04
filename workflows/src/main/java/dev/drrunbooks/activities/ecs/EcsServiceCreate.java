package dev.drrunbooks.activities.ecs;

import dev.drrunbooks.model.Ownership;
import java.util.List;

/** create-service in a cluster the run owns (the drill's), tagged with the owner. */
public record EcsServiceCreate(
    String region,
    String cluster,
    String service,
    String taskDefinitionArn,
    int desiredCount,
    List<String> subnets,
    List<String> securityGroups,
    Ownership owner) {

  public EcsServiceCreate {
    subnets = subnets == null ? List.of() : List.copyOf(subnets);
    securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
  }
}
