package dev.drrunbooks.activities.ecs;

/**
 * An ECS service as described: its task definition, counts, and how many deployments are live.
 * Steady means one deployment and running equal to desired.
 */
public record EcsServiceState(
    String cluster,
    String service,
    String taskDefinitionArn,
    int desired,
    int running,
    int pending,
    int deployments,
    String status) {

  public boolean steady() {
    return deployments == 1 && running == desired && pending == 0;
  }

  public String describe() {
    return service
        + " on "
        + taskDefinitionArn
        + ": running "
        + running
        + "/"
        + desired
        + ", pending "
        + pending
        + ", "
        + deployments
        + " deployment(s)";
  }
}
