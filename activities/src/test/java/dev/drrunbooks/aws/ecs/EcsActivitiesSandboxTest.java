package dev.drrunbooks.aws.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.ecs.EcsActivities;
import dev.drrunbooks.activities.ecs.EcsServiceState;
import dev.drrunbooks.activities.ecs.EcsServiceUpdate;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.SandboxAws;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * The ECS activities through the AWS SDK over HTTP against the sandbox's emulator (moto). Each test
 * runs on a cluster, service and task definition family of its own, with unique names, removed
 * afterwards; the seeded {@code mycomputer-*} services and {@code *-service} families are only
 * read.
 *
 * <p>moto, as checked here: a new service with desiredCount N reports running 0, pending N; only an
 * update with desiredCount sets running = desired and pending = 0. A forced deployment gives the
 * one PRIMARY deployment a new id and createdAt and changes nothing else; there is always exactly
 * one deployment, and its own counts, task definition and rolloutState stay as at creation.
 */
class EcsActivitiesSandboxTest {
  private static final String REGION = "eu-west-1";
  private static final String DR_REGION = "eu-central-1";

  private AwsClients aws;
  private EcsActivitiesImpl activities;
  private String cluster;
  private String family;
  private String service;
  private final List<String> services = new ArrayList<>();
  private final List<String> arns = new ArrayList<>();

  @BeforeEach
  void createClusterFamilyAndService() {
    aws = SandboxAws.clients();
    activities = new EcsActivitiesImpl(aws, Duration.ofMillis(50), Duration.ofMillis(200));
    cluster = SandboxAws.uniqueName("dr-test-cluster");
    family = SandboxAws.uniqueName("dr-test-td");
    service = SandboxAws.uniqueName("dr-test-svc");
    EcsClient ecs = aws.ecs(REGION);
    ecs.createCluster(r -> r.clusterName(cluster));
    // 1 stable, 2 latest (what "production" runs), 3 stable, 4 stable but deregistered, 5 canary, 6
    // Stable
    String[] releases = {"stable", "latest", "stable", "stable", "canary", "Stable"};
    for (String release : releases) {
      arns.add(
          ecs.registerTaskDefinition(
                  r ->
                      r.family(family)
                          .requiresCompatibilitiesWithStrings("FARGATE")
                          .networkMode("awsvpc")
                          .cpu("256")
                          .memory("512")
                          .containerDefinitions(
                              ContainerDefinition.builder()
                                  .name("app")
                                  .image("example/app:1")
                                  .essential(true)
                                  .memory(512)
                                  .build())
                          .tags(
                              Tag.builder().key("release").value(release).build(),
                              Tag.builder().key("service").value("test").build()))
              .taskDefinition()
              .taskDefinitionArn());
    }
    ecs.deregisterTaskDefinition(r -> r.taskDefinition(family + ":4"));
    createService(service, arns.get(1), 2);
  }

  private void createService(String name, String taskDefinition, int desired) {
    aws.ecs(REGION)
        .createService(
            r ->
                r.cluster(cluster)
                    .serviceName(name)
                    .taskDefinition(taskDefinition)
                    .desiredCount(desired)
                    .launchType(LaunchType.FARGATE));
    services.add(name);
  }

  @AfterEach
  void deleteWhatTheTestCreated() {
    EcsClient ecs = aws.ecs(REGION);
    try {
      for (String s : services) {
        ecs.deleteService(r -> r.cluster(cluster).service(s).force(true));
      }
      for (int i = 1; i <= arns.size(); i++) {
        if (i == 4) continue; // deregistered in setUp
        int revision = i;
        ecs.deregisterTaskDefinition(r -> r.taskDefinition(family + ":" + revision));
      }
      ecs.deleteCluster(r -> r.cluster(cluster));
    } finally {
      aws.close();
    }
  }

  private static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setHeartbeatTimeout(Duration.ofSeconds(30))
          .build();

  private String deploymentId() {
    List<Deployment> ds =
        aws.ecs(REGION)
            .describeServices(r -> r.cluster(cluster).services(service))
            .services()
            .get(0)
            .deployments();
    assertEquals(1, ds.size(), "moto keeps exactly one deployment");
    return ds.get(0).id();
  }

  // ---- the runbook
  // -------------------------------------------------------------------------------

  @Test
  void theRunbooksRecoveryUpdatesToStableForcesADeploymentScalesToFiveAndWaitsUntilSteady() {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(activities);
      EcsActivities ecs = env.newActivityStub(EcsActivities.class, OPTIONS);

      EcsServiceState before = ecs.describeService(REGION, cluster, service);
      assertEquals(
          new EcsServiceState(cluster, service, arns.get(1), 2, 0, 2, 1, "ACTIVE"), before);
      assertFalse(before.steady(), "moto starts a service with running 0, pending = desired");
      String deploymentBefore = deploymentId();

      // aws ecs update-service --task-definition <family>:stable --force-new-deployment
      String stable = ecs.resolveTaskDefinition(REGION, family + ":stable");
      assertEquals(arns.get(2), stable);
      EcsServiceState updated =
          ecs.updateService(new EcsServiceUpdate(REGION, cluster, service, stable, null, true));
      assertEquals(stable, updated.taskDefinitionArn());
      assertEquals(2, updated.desired());
      assertNotEquals(deploymentBefore, deploymentId(), "a forced deployment is a new deployment");

      // aws ecs update-service --desired-count 5
      EcsServiceState scaled =
          ecs.updateService(new EcsServiceUpdate(REGION, cluster, service, null, 5, false));
      assertEquals(5, scaled.desired());
      assertEquals(stable, scaled.taskDefinitionArn());

      EcsServiceState steady =
          ecs.awaitSteady(REGION, cluster, service, Instant.now().plusSeconds(30));
      assertEquals(new EcsServiceState(cluster, service, stable, 5, 5, 0, 1, "ACTIVE"), steady);
      assertTrue(steady.steady());
      // the wait polled one attempt at a time: steady on what was deployed, on its first poll
      assertEquals(
          steady,
          ecs.pollSteadyOn(REGION, cluster, service, stable, Instant.now().plusSeconds(30)));
    } finally {
      env.close();
    }
  }

  @Test
  void waitingOnAServiceMotoNeverStartsEndsAtTheDeadlineWithWhatItSaw() {
    // created with desired 2 and never scaled: moto reports running 0, pending 2 forever
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(activities);
      EcsActivities ecs = env.newActivityStub(EcsActivities.class, OPTIONS);
      Instant deadline = Instant.now().plusMillis(400);
      io.temporal.failure.ActivityFailure e =
          assertThrows(
              io.temporal.failure.ActivityFailure.class,
              () -> ecs.awaitSteady(REGION, cluster, service, deadline));
      ApplicationFailure af = (ApplicationFailure) e.getCause();
      assertEquals("EcsNotSteady", af.getType());
      assertTrue(af.isNonRetryable());
      assertTrue(
          af.getOriginalMessage()
              .startsWith(
                  "service "
                      + service
                      + " in cluster "
                      + cluster
                      + " not steady at "
                      + deadline
                      + ": "
                      + service
                      + " on "
                      + arns.get(1)
                      + ": running 0/2, pending 2, 1 deployment(s) (after "),
          af.getOriginalMessage());

      // polled one attempt at a time: "not yet", retryable, the next poll left to the server
      io.temporal.failure.ActivityFailure notYet =
          assertThrows(
              io.temporal.failure.ActivityFailure.class,
              () -> ecs.pollSteady(REGION, cluster, service, Instant.now().plusSeconds(30)));
      ApplicationFailure ny = (ApplicationFailure) notYet.getCause();
      assertEquals(dev.drrunbooks.model.Polls.NOT_YET, ny.getType());
      assertTrue(!ny.isNonRetryable());
      assertTrue(
          ny.getOriginalMessage().contains(": running 0/2, pending 2, 1 deployment(s) (poll 1)"),
          ny.getOriginalMessage());
    } finally {
      env.close();
    }
  }

  // ---- task definitions
  // --------------------------------------------------------------------------

  @Test
  void theSeededStableTaskDefinitionResolvesInBothRegions() {
    for (String region : List.of(REGION, DR_REGION)) {
      assertEquals(
          "arn:aws:ecs:" + region + ":123456789012:task-definition/inventory-service:2",
          activities.resolveTaskDefinition(region, "inventory-service:stable"),
          region);
      assertEquals(
          "arn:aws:ecs:" + region + ":123456789012:task-definition/inventory-service:3",
          activities.resolveTaskDefinition(region, "inventory-service:latest"),
          region);
    }
  }

  @Test
  void theSeededServicesAreSteadyInProductionAndScaledToZeroInDr() {
    EcsServiceState production =
        activities.describeService(REGION, "mycomputer-production", "inventory-service");
    assertEquals("mycomputer-production", production.cluster());
    assertEquals(2, production.desired());
    assertTrue(production.steady(), production.describe());
    assertTrue(
        production.taskDefinitionArn().endsWith("task-definition/inventory-service:3"),
        production.describe());

    EcsServiceState dr =
        activities.describeService(DR_REGION, "mycomputer-dr", "inventory-service");
    assertEquals(0, dr.desired());
    assertTrue(dr.steady(), dr.describe());
    assertTrue(
        dr.taskDefinitionArn().endsWith("task-definition/inventory-service:2"), dr.describe());
  }

  @Test
  void aLabelResolvesToTheNewestActiveRevisionCarryingIt() {
    // 4 is tagged stable but deregistered; 6 is tagged "Stable" (labels are case-sensitive)
    assertEquals(arns.get(2), activities.resolveTaskDefinition(REGION, family + ":stable"));
    assertEquals(arns.get(1), activities.resolveTaskDefinition(REGION, family + ":latest"));
    assertEquals(arns.get(5), activities.resolveTaskDefinition(REGION, family + ":Stable"));
    // a bare family: its newest ACTIVE revision
    assertEquals(arns.get(5), activities.resolveTaskDefinition(REGION, family));
  }

  @Test
  void aRevisionOrAnArnIsTakenAsIsWhenActive() {
    assertEquals(arns.get(0), activities.resolveTaskDefinition(REGION, family + ":1"));
    assertEquals(arns.get(4), activities.resolveTaskDefinition(REGION, arns.get(4)));

    ApplicationFailure inactive =
        assertThrows(
            ApplicationFailure.class,
            () -> activities.resolveTaskDefinition(REGION, family + ":4"));
    assertTrue(inactive.isNonRetryable());
    assertEquals("EcsTaskDefinitionInactive", inactive.getType());
    assertTrue(
        inactive
            .getOriginalMessage()
            .startsWith("ECS task definition '" + family + ":4' in eu-west-1 is INACTIVE"),
        inactive.getOriginalMessage());

    ApplicationFailure missing =
        assertThrows(
            ApplicationFailure.class,
            () -> activities.resolveTaskDefinition(REGION, family + ":99"));
    assertTrue(missing.isNonRetryable());
    assertEquals("EcsTaskDefinitionNotFound", missing.getType());
    assertTrue(
        missing
            .getOriginalMessage()
            .startsWith("ECS task definition '" + family + ":99' not found in eu-west-1"),
        missing.getOriginalMessage());
  }

  @Test
  void anUnknownLabelFailsNamingTheFamilyTheLabelAndTheRevisionsLookedAt() {
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () -> activities.resolveTaskDefinition(REGION, family + ":gold"));
    assertTrue(e.isNonRetryable());
    assertEquals("EcsTaskDefinitionNotFound", e.getType());
    assertEquals(
        "no ACTIVE revision of ECS task definition family '"
            + family
            + "' in eu-west-1 is tagged release=gold"
            + " (asked for '"
            + family
            + ":gold'); looked at 5 revision(s), newest first: 6 (release=Stable), "
            + "5 (release=canary), 3 (release=stable), 2 (release=latest), 1 (release=stable)",
        e.getOriginalMessage());

    ApplicationFailure noFamily =
        assertThrows(
            ApplicationFailure.class,
            () -> activities.resolveTaskDefinition(DR_REGION, family + ":stable"));
    assertEquals(
        "ECS task definition family '"
            + family
            + "' has no ACTIVE revision in eu-central-1, so none tagged "
            + "release=stable",
        noFamily.getOriginalMessage());
    assertTrue(noFamily.isNonRetryable());
  }

  @Test
  void aMalformedNameIsABadInput() {
    for (String bad :
        new String[] {"", "fam ily:stable", "fam:", "arn:aws:ecs:eu-west-1:1:service/x"}) {
      ApplicationFailure e =
          assertThrows(
              ApplicationFailure.class, () -> activities.resolveTaskDefinition(REGION, bad), bad);
      assertEquals("InvalidInput", e.getType(), bad);
      assertTrue(e.isNonRetryable());
    }
  }

  // ---- services
  // ----------------------------------------------------------------------------------

  @Test
  void aMissingServiceOrClusterFailsNonRetryablyNamingThem() {
    ApplicationFailure noService =
        assertThrows(
            ApplicationFailure.class,
            () -> activities.describeService(REGION, cluster, "no-such-service"));
    assertTrue(noService.isNonRetryable());
    assertEquals("EcsServiceNotFound", noService.getType());
    assertEquals(
        "ECS service 'no-such-service' not found in cluster '"
            + cluster
            + "' in eu-west-1 (MISSING)",
        noService.getOriginalMessage());

    ApplicationFailure noCluster =
        assertThrows(
            ApplicationFailure.class,
            () -> activities.describeService(REGION, "no-such-cluster", service));
    assertTrue(noCluster.isNonRetryable());
    assertEquals(
        "ECS cluster 'no-such-cluster' not found in eu-west-1", noCluster.getOriginalMessage());

    ApplicationFailure update =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.updateService(
                    new EcsServiceUpdate(REGION, cluster, "no-such-service", null, 5, false)));
    assertTrue(update.isNonRetryable());
    assertEquals(
        "ECS service 'no-such-service' not found in cluster '" + cluster + "' in eu-west-1",
        update.getOriginalMessage());
  }

  @Test
  void aDeletedServiceIsInactiveAndFailsNonRetryably() {
    String deleted = SandboxAws.uniqueName("dr-test-deleted");
    createService(deleted, arns.get(0), 0);
    aws.ecs(REGION).deleteService(r -> r.cluster(cluster).service(deleted));
    services.remove(deleted);

    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class, () -> activities.describeService(REGION, cluster, deleted));
    assertTrue(e.isNonRetryable());
    assertEquals("EcsServiceInactive", e.getType());
    assertTrue(
        e.getOriginalMessage()
            .startsWith(
                "ECS service '"
                    + deleted
                    + "' in cluster '"
                    + cluster
                    + "' in eu-west-1 is INACTIVE"),
        e.getOriginalMessage());

    ApplicationFailure update =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.updateService(
                    new EcsServiceUpdate(REGION, cluster, deleted, null, 2, false)));
    assertTrue(update.isNonRetryable());
    assertEquals("EcsServiceInactive", update.getType());
  }

  @Test
  void anUpdateTwiceLeavesTheServiceAsTheFirstLeftIt() {
    EcsServiceUpdate update = new EcsServiceUpdate(REGION, cluster, service, arns.get(2), 3, false);
    EcsServiceState first = activities.updateService(update);
    String deployment = deploymentId();
    EcsServiceState second = activities.updateService(update);

    assertEquals(first, second);
    assertEquals(new EcsServiceState(cluster, service, arns.get(2), 3, 3, 0, 1, "ACTIVE"), second);
    assertEquals(deployment, deploymentId(), "no new deployment without forceNewDeployment");
    assertEquals(second, activities.describeService(REGION, cluster, service));
  }

  @Test
  void aRetriedForcedUpdateDoesNotForceASecondDeployment() {
    EcsServiceUpdate update =
        new EcsServiceUpdate(REGION, cluster, service, arns.get(2), null, true);
    Instant firstScheduled = Instant.now().minusSeconds(1);
    activities.update(update, Optional.empty()); // attempt 1: forces
    String forced = deploymentId();

    // attempt 2 of the same activity (scheduled before the deployment it started): finds it, does
    // not force again
    EcsServiceState retried = activities.update(update, Optional.of(firstScheduled));
    assertEquals(forced, deploymentId());
    assertEquals(arns.get(2), retried.taskDefinitionArn());

    // a later activity asking again is a new request: it forces a new deployment
    activities.update(update, Optional.of(Instant.now().plusSeconds(1)));
    assertNotEquals(forced, deploymentId());

    // a retry asking for another task definition than the service runs updates and forces
    String again = deploymentId();
    EcsServiceState other =
        activities.update(
            new EcsServiceUpdate(REGION, cluster, service, arns.get(0), null, true),
            Optional.of(firstScheduled));
    assertEquals(arns.get(0), other.taskDefinitionArn());
    assertNotEquals(again, deploymentId());
  }

  @Test
  void anUpdateRefusesALabelANegativeCountAndNothingToDo() {
    ApplicationFailure label =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.updateService(
                    new EcsServiceUpdate(
                        REGION, cluster, service, family + ":stable", null, true)));
    assertEquals("InvalidInput", label.getType());
    assertTrue(
        label.getOriginalMessage().contains("resolveTaskDefinition"), label.getOriginalMessage());

    ApplicationFailure negative =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.updateService(
                    new EcsServiceUpdate(REGION, cluster, service, null, -1, false)));
    assertEquals("desiredCount must be 0 or more, was -1", negative.getOriginalMessage());

    ApplicationFailure nothing =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.updateService(
                    new EcsServiceUpdate(REGION, cluster, service, null, null, false)));
    assertTrue(nothing.isNonRetryable());
    assertEquals(
        arns.get(1),
        activities.describeService(REGION, cluster, service).taskDefinitionArn(),
        "unchanged");
  }

  @Test
  void anUpdateToATaskDefinitionThatDoesNotExistIsNotRetried() {
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.updateService(
                    new EcsServiceUpdate(REGION, cluster, service, family + ":99", null, false)));
    assertTrue(e.isNonRetryable());
    assertTrue(
        e.getOriginalMessage()
            .startsWith(
                "update-service "
                    + service
                    + " in cluster "
                    + cluster
                    + " in eu-west-1 failed: ClientException"),
        e.getOriginalMessage());
  }
}
