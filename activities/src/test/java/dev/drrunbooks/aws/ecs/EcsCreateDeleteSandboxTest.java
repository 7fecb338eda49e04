package dev.drrunbooks.aws.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.cfn.StackInfo;
import dev.drrunbooks.activities.cfn.StackRequest;
import dev.drrunbooks.activities.ecs.EcsServiceCreate;
import dev.drrunbooks.activities.ecs.EcsServiceState;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.SandboxAws;
import dev.drrunbooks.aws.cfn.CloudFormationActivitiesImpl;
import dev.drrunbooks.aws.cfn.Templates;
import dev.drrunbooks.model.Ownership;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * createService and deleteOwnedService (the drill's "aws ecs create-service --cluster dr-test" and
 * its cleanup) against the sandbox's emulator, in the cluster of a test environment stack created
 * from {@code deploy/aws/dr-test-environment.yaml} for each test (unique names, deleted
 * afterwards). The seeded production service {@code mycomputer-production/inventory-service} is
 * only read: it must survive a delete refused because it is not the run's.
 */
class EcsCreateDeleteSandboxTest {
  private static final String REGION = "eu-west-1";
  private static final String TASK_DEFINITION =
      "arn:aws:ecs:eu-west-1:123456789012:task-definition/inventory-service:3";

  private AwsClients aws;
  private EcsClient ecs;
  private EcsActivitiesImpl activities;
  private Ownership owner;
  private String stackName;
  private StackInfo stack;
  private String cluster;

  @BeforeEach
  void createTheTestEnvironment() {
    aws = SandboxAws.clients();
    ecs = aws.ecs(REGION);
    activities = new EcsActivitiesImpl(aws);
    stackName = SandboxAws.uniqueName("ecs-test");
    owner = new Ownership("drill-" + stackName, "drill");
    stack =
        new CloudFormationActivitiesImpl(aws, Templates.dir())
            .createStack(
                new StackRequest(
                    REGION,
                    stackName,
                    Templates.DR_TEST_ENVIRONMENT,
                    Map.of("DrillId", stackName, "OwnerWorkflowId", owner.workflowId()),
                    owner));
    assertEquals("CREATE_COMPLETE", stack.status(), "moto creates a stack while it answers");
    cluster = stack.outputs().get("ClusterName");
  }

  @AfterEach
  void deleteTheTestEnvironment() {
    try {
      Templates.removeStack(
          aws, REGION, stackName, stackName); // its services, the stack and the cluster
    } finally {
      aws.close();
    }
  }

  private EcsServiceCreate create(String service, Ownership who) {
    return new EcsServiceCreate(
        REGION,
        cluster,
        service,
        TASK_DEFINITION,
        2,
        List.of(stack.outputs().get("SubnetIds").split(",")),
        List.of(stack.outputs().get("SecurityGroupId")),
        who);
  }

  private Optional<Service> live(String clusterName, String service) {
    return ecs.describeServices(r -> r.cluster(clusterName).services(service)).services().stream()
        .filter(s -> !"INACTIVE".equals(s.status()))
        .findFirst();
  }

  private Map<String, String> tags(Service s) {
    Map<String, String> tags = new LinkedHashMap<>();
    ecs.listTagsForResource(r -> r.resourceArn(s.serviceArn()))
        .tags()
        .forEach(t -> tags.put(t.key(), t.value()));
    return tags;
  }

  @Test
  void createsTheServiceInTheStacksClusterTaggedWithTheOwner() {
    EcsServiceState created = activities.createService(create("inventory-test", owner));
    assertEquals(cluster, created.cluster());
    assertEquals("inventory-test", created.service());
    assertEquals(TASK_DEFINITION, created.taskDefinitionArn());
    assertEquals(2, created.desired());
    assertEquals("ACTIVE", created.status());

    Service s = live(cluster, "inventory-test").orElseThrow();
    assertEquals(owner.tags(), tags(s));
    assertEquals(
        List.of(stack.outputs().get("SecurityGroupId")),
        s.networkConfiguration().awsvpcConfiguration().securityGroups());
    assertEquals(
        List.of(stack.outputs().get("SubnetIds").split(",")),
        s.networkConfiguration().awsvpcConfiguration().subnets());
  }

  @Test
  void aRetriedCreateReturnsTheServiceItCreatedAndCreatesNoSecond() {
    EcsServiceState first = activities.createService(create("inventory-test", owner));
    EcsServiceState again = activities.createService(create("inventory-test", owner));
    assertEquals(first, again);
    assertEquals(1, ecs.listServices(r -> r.cluster(cluster)).serviceArns().size());
  }

  @Test
  void aNameTakenByAServiceNotTheRunsIsRefusedAndThatServiceIsLeftAlone() {
    ecs.createService(
        r ->
            r.cluster(cluster)
                .serviceName("taken")
                .taskDefinition(TASK_DEFINITION)
                .desiredCount(1)
                .launchType(LaunchType.FARGATE));
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class, () -> activities.createService(create("taken", owner)));
    assertEquals("NotOwned", e.getType());
    assertTrue(e.isNonRetryable());
    String m = e.getOriginalMessage();
    assertTrue(
        m.startsWith(
            "ECS service 'taken' in cluster '"
                + cluster
                + "' (eu-west-1) exists and is not this run's"),
        m);
    assertTrue(m.contains("tags {}"), m);
    assertTrue(m.contains(owner.requiredTags()), m);
    Service untouched = live(cluster, "taken").orElseThrow();
    assertEquals(Map.of(), tags(untouched));
    assertEquals(1, untouched.desiredCount());

    // nor does another run's own service count as this run's
    Ownership other = new Ownership(owner.workflowId() + "-other", "drill");
    activities.createService(create("others", other));
    ApplicationFailure notMine =
        assertThrows(
            ApplicationFailure.class, () -> activities.createService(create("others", owner)));
    assertEquals("NotOwned", notMine.getType());
  }

  @Test
  void deleteRefusesTheProductionServiceAndItStillRuns() {
    Service before = live("mycomputer-production", "inventory-service").orElseThrow();
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.deleteOwnedService(
                    REGION, "mycomputer-production", "inventory-service", owner));
    assertEquals("NotOwned", e.getType());
    assertTrue(e.isNonRetryable());
    String m = e.getOriginalMessage();
    assertTrue(
        m.startsWith(
            "refusing to delete ECS service 'inventory-service' in cluster 'mycomputer-production' "
                + "(eu-west-1)"),
        m);
    assertTrue(m.contains(owner.requiredTags()), m);

    Service after = live("mycomputer-production", "inventory-service").orElseThrow();
    assertEquals("ACTIVE", after.status());
    assertEquals(before.desiredCount(), after.desiredCount());
    assertEquals(before.taskDefinition(), after.taskDefinition());
  }

  @Test
  void deleteRefusesAnUntaggedServiceInTheRunsOwnCluster() {
    ecs.createService(
        r ->
            r.cluster(cluster)
                .serviceName("hand-made")
                .taskDefinition(TASK_DEFINITION)
                .desiredCount(0)
                .launchType(LaunchType.FARGATE));
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () -> activities.deleteOwnedService(REGION, cluster, "hand-made", owner));
    assertEquals("NotOwned", e.getType());
    assertTrue(live(cluster, "hand-made").isPresent());
  }

  @Test
  void deletesTheRunsOwnServiceAndARetryFindsItGone() {
    activities.createService(create("inventory-test", owner));
    assertEquals(
        "deleting", activities.deleteOwnedService(REGION, cluster, "inventory-test", owner));
    assertEquals(Optional.empty(), live(cluster, "inventory-test"));
    assertEquals(
        "already gone", activities.deleteOwnedService(REGION, cluster, "inventory-test", owner));
    assertEquals(
        "already gone",
        activities.deleteOwnedService(REGION, "no-such-cluster", "inventory-test", owner));
  }
}
