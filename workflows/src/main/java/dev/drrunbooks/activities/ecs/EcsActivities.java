package dev.drrunbooks.activities.ecs;

import io.temporal.activity.ActivityInterface;
import java.time.Instant;

/** ECS services: recover to a known-good task definition, scale, wait for a steady state. */
@ActivityInterface(namePrefix = "Ecs")
public interface EcsActivities {

  /**
   * family:revision as is; family:label (the runbook's inventory-service:stable) as the newest
   * ACTIVE revision of the family tagged release=label. Returns the task definition ARN; none fails
   * non-retryably.
   */
  String resolveTaskDefinition(String region, String familyAndLabel);

  EcsServiceState describeService(String region, String cluster, String service);

  /** update-service; idempotent: applying the same update again leaves the service as it is. */
  EcsServiceState updateService(EcsServiceUpdate update);

  /**
   * create-service (the runbook's drill step); idempotent: a service of this name created by this
   * run is returned as it is, one not ours is refused naming it and its tags.
   */
  EcsServiceState createService(EcsServiceCreate create);

  /**
   * Deletes the service (forced: ECS stops its tasks), only if its tags name {@code owner}; refuses
   * loudly otherwise. "deleting" or "already gone".
   */
  String deleteOwnedService(
      String region, String cluster, String service, dev.drrunbooks.model.Ownership owner);

  /**
   * Polls until steady (one deployment, running = desired), heartbeating; past the deadline fails
   * with what it saw.
   */
  EcsServiceState awaitSteady(String region, String cluster, String service, Instant deadline);

  /**
   * Like {@link #awaitSteady}, and steady on {@code taskDefinitionArn}: a service that settles on
   * another task definition (ECS's circuit breaker rolled it back, or someone updated it back)
   * fails non-retryably with type {@link EcsRollback#TYPE} naming both; while a rollback is under
   * way it keeps waiting for it to settle, within the deadline.
   */
  EcsServiceState awaitSteadyOn(
      String region, String cluster, String service, String taskDefinitionArn, Instant deadline);

  /**
   * One poll of {@link #awaitSteady}: the service when steady; else a retryable failure of type
   * {@link dev.drrunbooks.model.Polls#NOT_YET} whose next-retry delay is the pause before the next
   * poll, so between polls the wait holds no worker thread or activity slot. Call it with {@link
   * dev.drrunbooks.model.ActivityDefaults#pollUntil} options. A FAILED rollout (ECS's deployment
   * circuit breaker) and the deadline fail non-retryably, as {@link #awaitSteady} does.
   */
  EcsServiceState pollSteady(String region, String cluster, String service, Instant deadline);

  /**
   * One poll of {@link #awaitSteadyOn}: steady on {@code taskDefinitionArn}, or "not yet" as {@link
   * #pollSteady}; a service that settled on another task definition (rolled back) fails
   * non-retryably with type {@link EcsRollback#TYPE}, never as success; a rollback under way is
   * "not yet", so the failure says where it settled.
   */
  EcsServiceState pollSteadyOn(
      String region, String cluster, String service, String taskDefinitionArn, Instant deadline);

  /**
   * Deletes the ECS cluster a run's CloudFormation stack declared, once that stack is deleted:
   * CloudFormation deletes it on AWS (then this finds it gone); an emulator may keep it, untagged.
   * Deleted when its tags name {@code owner} or it carries no {@code dr-runbooks:workflow-id} tag
   * at all (its name derives from the run's unique stack); refused when they name another run, and
   * by ECS while it still holds services. "deleted", "already gone".
   */
  String deleteClusterLeftByStack(
      String region, String cluster, dev.drrunbooks.model.Ownership owner);
}
