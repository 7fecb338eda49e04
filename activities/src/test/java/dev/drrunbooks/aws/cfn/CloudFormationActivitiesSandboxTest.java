package dev.drrunbooks.aws.cfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.cfn.CloudFormationActivities;
import dev.drrunbooks.activities.cfn.StackInfo;
import dev.drrunbooks.activities.cfn.StackRequest;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.SandboxAws;
import dev.drrunbooks.aws.rds.Polling;
import dev.drrunbooks.model.Ownership;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackSummary;
import software.amazon.awssdk.services.cloudformation.model.Tag;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.rds.model.DBSubnetGroup;

/**
 * The CloudFormation activities and {@code deploy/aws/dr-test-environment.yaml} through the AWS SDK
 * over HTTP against the sandbox's emulator (moto). Every stack has a unique name and is deleted
 * afterwards, with the ECS cluster moto leaves behind.
 *
 * <p>moto, as checked here: create-stack creates every resource while it answers, so the stack is
 * CREATE_COMPLETE at once, with the stack's own events only (CREATE_IN_PROGRESS "User Initiated",
 * CREATE_COMPLETE; no resource events). A resource that fails makes create-stack itself fail with
 * that resource's error, and leaves the stack in CREATE_IN_PROGRESS (AWS accepts the call, then
 * rolls back to ROLLBACK_COMPLETE with a CREATE_FAILED event naming the resource: see {@link
 * StackWaitTest}). The client request token is ignored. Stack tags are copied onto EC2 resources
 * (VPC, subnets, security group) only; the ECS cluster gets no tags at all (not even its own Tags
 * property) and survives delete-stack.
 */
class CloudFormationActivitiesSandboxTest {
  private static final String REGION = "eu-west-1";
  private static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setHeartbeatTimeout(Duration.ofSeconds(30))
          .build();

  private AwsClients aws;
  private CloudFormationClient cf;
  private CloudFormationActivitiesImpl activities;
  private TestActivityEnvironment env;
  private CloudFormationActivities stub;
  private Ownership owner;
  private String drillId;
  private final List<String[]> stacks = new ArrayList<>();

  @BeforeEach
  void setUp() {
    aws = SandboxAws.clients();
    cf = aws.cloudFormation(REGION);
    activities =
        new CloudFormationActivitiesImpl(
            aws, Templates.dir(), new Polling(Duration.ofMillis(50), Duration.ofMillis(200)));
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(activities);
    stub = env.newActivityStub(CloudFormationActivities.class, OPTIONS);
    drillId = SandboxAws.uniqueName("cfn-test");
    owner = new Ownership("drill-" + drillId, "drill");
  }

  @AfterEach
  void cleanUp() {
    try {
      for (String[] s : stacks) Templates.removeStack(aws, REGION, s[0], s[1]);
    } finally {
      env.close();
      aws.close();
    }
  }

  /** The drill's request: the stack is named after the drill, as the workflow does. */
  private StackRequest request(String stackName, Ownership who) {
    stacks.add(new String[] {stackName, stackName});
    return new StackRequest(
        REGION,
        stackName,
        Templates.DR_TEST_ENVIRONMENT,
        Map.of("DrillId", stackName, "OwnerWorkflowId", who.workflowId()),
        who);
  }

  private static ApplicationFailure cause(ActivityFailure e) {
    return assertInstanceOf(ApplicationFailure.class, e.getCause(), () -> "cause of " + e);
  }

  private List<StackSummary> liveStacksNamed(String name) {
    List<StackSummary> found = new ArrayList<>();
    for (StackSummary s : cf.listStacksPaginator(r -> {}).stackSummaries()) {
      if (name.equals(s.stackName()) && !"DELETE_COMPLETE".equals(s.stackStatusAsString()))
        found.add(s);
    }
    return found;
  }

  // ---- the template
  // -------------------------------------------------------------------------------

  @Test
  void theTemplateCreatesTheTestEnvironmentWithItsOutputs() {
    StackInfo created = stub.createStack(request(drillId, owner));
    assertEquals(drillId, created.stackName());
    assertTrue(
        created.stackId().startsWith("arn:aws:cloudformation:eu-west-1:"), created.stackId());

    StackInfo ready = stub.awaitStackCreated(REGION, drillId, Instant.now().plusSeconds(30));
    assertEquals("CREATE_COMPLETE", ready.status());
    assertEquals(created.stackId(), ready.stackId());
    assertEquals(List.of(), ready.failedEvents());
    // the wait polled one attempt at a time ends alike, on its first poll here
    assertEquals(ready, stub.pollStackCreated(REGION, drillId, Instant.now().plusSeconds(30)));
    Map<String, String> out = ready.outputs();
    assertEquals(
        Set.of("ClusterName", "DbSubnetGroupName", "SecurityGroupId", "SubnetIds", "VpcId"),
        out.keySet());
    assertEquals("dr-drill-" + drillId, out.get("ClusterName"));
    assertEquals("dr-drill-" + drillId, out.get("DbSubnetGroupName"));
    assertTrue(out.get("SecurityGroupId").startsWith("sg-"), out.toString());
    List<String> subnets = List.of(out.get("SubnetIds").split(","));
    assertEquals(2, subnets.size(), out.toString());
    subnets.forEach(s -> assertTrue(s.startsWith("subnet-"), out.toString()));

    // the stack carries the owner's tags
    Stack stack = cf.describeStacks(r -> r.stackName(drillId)).stacks().get(0);
    Map<String, String> stackTags = new LinkedHashMap<>();
    stack.tags().forEach(t -> stackTags.put(t.key(), t.value()));
    assertEquals(owner.tags(), stackTags);
    Map<String, String> parameters = new LinkedHashMap<>();
    stack.parameters().forEach(p -> parameters.put(p.parameterKey(), p.parameterValue()));
    assertEquals(Map.of("DrillId", drillId, "OwnerWorkflowId", owner.workflowId()), parameters);

    // the resources (no EC2 client in this module: what RDS and CloudFormation say about them)
    Map<String, String> types = new LinkedHashMap<>();
    cf.describeStackResources(r -> r.stackName(drillId))
        .stackResources()
        .forEach(r -> types.put(r.logicalResourceId(), r.resourceType()));
    assertEquals(
        Map.of(
            "Vpc",
            "AWS::EC2::VPC",
            "PrivateSubnetA",
            "AWS::EC2::Subnet",
            "PrivateSubnetB",
            "AWS::EC2::Subnet",
            "DrillSecurityGroup",
            "AWS::EC2::SecurityGroup",
            "PostgresFromDrillGroup",
            "AWS::EC2::SecurityGroupIngress",
            "DbSubnetGroup",
            "AWS::RDS::DBSubnetGroup",
            "Cluster",
            "AWS::ECS::Cluster"),
        types);
    DBSubnetGroup dbGroup =
        aws.rds(REGION)
            .describeDBSubnetGroups(r -> r.dbSubnetGroupName("dr-drill-" + drillId))
            .dbSubnetGroups()
            .get(0);
    assertEquals(
        new HashSet<>(subnets),
        new HashSet<>(dbGroup.subnets().stream().map(s -> s.subnetIdentifier()).toList()));
    assertEquals(out.get("VpcId"), dbGroup.vpcId());
    assertEquals(
        2,
        dbGroup.subnets().stream().map(s -> s.subnetAvailabilityZone().name()).distinct().count(),
        "two AZs: " + dbGroup.subnets());
    Map<String, String> dbGroupTags = new LinkedHashMap<>();
    aws.rds(REGION)
        .listTagsForResource(r -> r.resourceName(dbGroup.dbSubnetGroupArn()))
        .tagList()
        .forEach(t -> dbGroupTags.put(t.key(), t.value()));
    assertEquals(
        Map.of(
            "created-by",
            "dr-runbooks",
            "dr-runbooks:workflow-id",
            owner.workflowId(),
            "purpose",
            "dr-drill"),
        dbGroupTags);
    Cluster cluster =
        aws.ecs(REGION).describeClusters(r -> r.clusters("dr-drill-" + drillId)).clusters().get(0);
    assertEquals("ACTIVE", cluster.status());
  }

  // ---- idempotency and ownership
  // ------------------------------------------------------------------

  @Test
  void aRetriedCreateReturnsTheSameStackAndCreatesNoSecond() {
    StackRequest request = request(drillId, owner);
    StackInfo first = stub.createStack(request);
    StackInfo again = stub.createStack(request);
    assertEquals(first.stackId(), again.stackId());
    assertEquals(first.outputs(), again.outputs());
    assertEquals(1, liveStacksNamed(drillId).size());

    // the same name asked for with other parameters by the same run: two different stacks under one
    // name
    ApplicationFailure conflict =
        cause(
            assertThrows(
                ActivityFailure.class,
                () ->
                    stub.createStack(
                        new StackRequest(
                            REGION,
                            drillId,
                            Templates.DR_TEST_ENVIRONMENT,
                            Map.of("DrillId", drillId + "x", "OwnerWorkflowId", owner.workflowId()),
                            owner))));
    assertEquals("StackConflict", conflict.getType());
    assertTrue(conflict.isNonRetryable());
    assertTrue(
        conflict
            .getOriginalMessage()
            .contains("DrillId '" + drillId + "' (asked: '" + drillId + "x')"),
        conflict.getOriginalMessage());
    assertEquals(1, liveStacksNamed(drillId).size());
  }

  @Test
  void aStackNotOursIsRefusedForCreateAndForDeleteAndStillExists() {
    // someone's stack (tags of another run, and one without any) under the names this run would use
    String other = drillId + "-other";
    String untagged = drillId + "-untagged";
    stacks.add(new String[] {other, null});
    stacks.add(new String[] {untagged, null});
    String body =
        "Resources:\n"
            + "  Vpc:\n"
            + "    Type: AWS::EC2::VPC\n"
            + "    Properties:\n"
            + "      CidrBlock: 10.214.0.0/16\n";
    Ownership someoneElse = new Ownership("drill-someone-else", "drill");
    cf.createStack(
        r ->
            r.stackName(other)
                .templateBody(body)
                .tags(
                    someoneElse.tags().entrySet().stream()
                        .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
                        .toList()));
    cf.createStack(r -> r.stackName(untagged).templateBody(body));

    ApplicationFailure refused =
        cause(
            assertThrows(ActivityFailure.class, () -> stub.deleteOwnedStack(REGION, other, owner)));
    assertEquals("NotOwned", refused.getType());
    assertTrue(refused.isNonRetryable());
    String m = refused.getOriginalMessage();
    assertTrue(
        m.startsWith("REFUSING to delete CloudFormation stack '" + other + "' in eu-west-1"), m);
    assertTrue(m.contains("dr-runbooks:workflow-id=drill-someone-else"), m);
    assertTrue(m.contains("deleting needs " + owner.requiredTags()), m);
    assertEquals(
        "CREATE_COMPLETE",
        cf.describeStacks(r -> r.stackName(other)).stacks().get(0).stackStatusAsString());

    ApplicationFailure noTags =
        cause(
            assertThrows(
                ActivityFailure.class, () -> stub.deleteOwnedStack(REGION, untagged, owner)));
    assertEquals("NotOwned", noTags.getType());
    assertTrue(
        noTags.getOriginalMessage().contains("Its tags are (no tags)"),
        noTags.getOriginalMessage());
    assertEquals(1, liveStacksNamed(untagged).size());

    // a create under a name someone else's stack has
    ApplicationFailure taken =
        cause(
            assertThrows(
                ActivityFailure.class,
                () ->
                    stub.createStack(
                        new StackRequest(
                            REGION,
                            other,
                            Templates.DR_TEST_ENVIRONMENT,
                            Map.of("DrillId", other, "OwnerWorkflowId", owner.workflowId()),
                            owner))));
    assertEquals("NotOwned", taken.getType());
    assertTrue(
        taken
            .getOriginalMessage()
            .startsWith(
                "CloudFormation stack '"
                    + other
                    + "' already exists in eu-west-1"
                    + " (CREATE_COMPLETE) and was not created by this run"),
        taken.getOriginalMessage());
    assertTrue(
        taken.getOriginalMessage().contains(owner.requiredTags()), taken.getOriginalMessage());
    assertEquals(1, liveStacksNamed(other).size());
  }

  // ---- failures
  // -----------------------------------------------------------------------------------

  @Test
  void aBrokenTemplateFailsNonRetryablyWithTheStacksEventsAndCleanupDeletesIt(@TempDir Path dir)
      throws IOException {
    // a subnet outside its VPC's range: AWS rolls the stack back, moto refuses create-stack (see
    // the class doc)
    Files.writeString(
        dir.resolve("broken.yaml"),
        """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties:
              CidrBlock: 10.215.0.0/16
          OutOfRange:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 192.168.215.0/24
        """);
    CloudFormationActivitiesImpl fromDir =
        new CloudFormationActivitiesImpl(
            aws, dir, new Polling(Duration.ofMillis(50), Duration.ofMillis(200)));
    stacks.add(new String[] {drillId, null});
    StackRequest request = new StackRequest(REGION, drillId, "broken.yaml", Map.of(), owner);

    ApplicationFailure e =
        assertThrows(ApplicationFailure.class, () -> fromDir.createStack(request));
    assertEquals("StackFailed", e.getType());
    assertTrue(e.isNonRetryable());
    String m = e.getOriginalMessage();
    assertTrue(
        m.startsWith(
            "create-stack "
                + drillId
                + " in eu-west-1 from broken.yaml failed: InvalidSubnet.Range: "
                + "The CIDR '192.168.215.0/24' is invalid."),
        m);
    assertTrue(m.contains("the stack was left in CREATE_IN_PROGRESS"), m);
    assertTrue(
        m.contains(
            "No failed events recorded; latest events (newest first): "
                + drillId
                + " (AWS::CloudFormation::Stack) CREATE_IN_PROGRESS: User Initiated"),
        m);

    // the failed stack carries the owner's tags, so the drill's cleanup deletes it
    assertEquals("deleting", fromDir.deleteOwnedStack(REGION, drillId, owner));
    TestActivityEnvironment env2 = TestActivityEnvironment.newInstance();
    try {
      env2.registerActivitiesImplementations(fromDir);
      assertEquals(
          "gone",
          env2.newActivityStub(CloudFormationActivities.class, OPTIONS)
              .awaitStackDeleted(REGION, drillId, Instant.now().plusSeconds(30)));
    } finally {
      env2.close();
    }
    assertEquals(List.of(), liveStacksNamed(drillId));
  }

  @Test
  void aMissingTemplateOrOneOutsideTheDirectoryIsNotRetried() {
    ApplicationFailure missing =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.createStack(
                    new StackRequest(REGION, drillId, "no-such-template.yaml", Map.of(), owner)));
    assertEquals("TemplateNotFound", missing.getType());
    assertTrue(missing.isNonRetryable());
    assertTrue(
        missing
            .getOriginalMessage()
            .startsWith(
                "CloudFormation template "
                    + Templates.dir().resolve("no-such-template.yaml")
                    + " not found"),
        missing.getOriginalMessage());

    ApplicationFailure outside =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.createStack(
                    new StackRequest(REGION, drillId, "../local/sandbox", Map.of(), owner)));
    assertEquals("InvalidInput", outside.getType());

    ApplicationFailure badName =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.createStack(
                    new StackRequest(
                        REGION,
                        "1-starts-with-a-digit",
                        Templates.DR_TEST_ENVIRONMENT,
                        Map.of(),
                        owner)));
    assertEquals("InvalidInput", badName.getType());
    assertEquals(List.of(), liveStacksNamed(drillId));
  }

  @Test
  void aMissingParameterIsRefusedByCloudFormationAndNotRetried() {
    stacks.add(new String[] {drillId, drillId});
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.createStack(
                    new StackRequest(
                        REGION,
                        drillId,
                        Templates.DR_TEST_ENVIRONMENT,
                        Map.of("DrillId", drillId),
                        owner)));
    assertTrue(e.isNonRetryable());
    assertEquals("AwsValidationError", e.getType());
    assertTrue(e.getOriginalMessage().contains("OwnerWorkflowId"), e.getOriginalMessage());
    assertEquals(List.of(), liveStacksNamed(drillId));
  }

  @Test
  void waitingForAStackThatDoesNotExistFailsNamingIt() {
    ApplicationFailure e =
        cause(
            assertThrows(
                ActivityFailure.class,
                () -> stub.awaitStackCreated(REGION, drillId, Instant.now().plusSeconds(30))));
    assertEquals("StackNotFound", e.getType());
    assertEquals(
        "CloudFormation stack '" + drillId + "' in eu-west-1 not found (never created, or deleted)",
        e.getOriginalMessage());
  }

  // ---- delete
  // -------------------------------------------------------------------------------------

  @Test
  void deleteThenAwaitUntilGoneAndAgainFindsItGone() {
    StackInfo created = stub.createStack(request(drillId, owner));
    stub.awaitStackCreated(REGION, drillId, Instant.now().plusSeconds(30));
    String subnetGroup = created.outputs().get("DbSubnetGroupName");

    assertEquals("deleting", stub.deleteOwnedStack(REGION, drillId, owner));
    assertEquals("gone", stub.awaitStackDeleted(REGION, drillId, Instant.now().plusSeconds(30)));
    assertEquals(List.of(), liveStacksNamed(drillId));
    // by id, a deleted stack is still described, as DELETE_COMPLETE
    assertEquals(
        "DELETE_COMPLETE",
        cf.describeStacks(r -> r.stackName(created.stackId()))
            .stacks()
            .get(0)
            .stackStatusAsString());
    // its resources went with it (moto keeps the ECS cluster: see the class doc)
    assertTrue(
        aws.rds(REGION).describeDBSubnetGroups().dbSubnetGroups().stream()
            .noneMatch(g -> subnetGroup.equals(g.dbSubnetGroupName())),
        "the DB subnet group is deleted with the stack");

    // a retried delete and a retried wait
    assertEquals("already gone", stub.deleteOwnedStack(REGION, drillId, owner));
    assertEquals("gone", stub.awaitStackDeleted(REGION, drillId, Instant.now().plusSeconds(30)));
    assertEquals("gone", stub.pollStackDeleted(REGION, drillId, Instant.now().plusSeconds(30)));

    // a new stack of the same name: a new id
    StackInfo recreated = stub.createStack(request(drillId, owner));
    assertNotEquals(created.stackId(), recreated.stackId());
  }

  @Test
  void aDeletedStackCountsAsAbsentForCreate() {
    StackInfo first = stub.createStack(request(drillId, owner));
    cf.deleteStack(r -> r.stackName(first.stackId()));
    Templates.removeStack(
        aws, REGION, drillId, drillId); // moto keeps the cluster; AWS deletes it with the stack
    StackInfo second = stub.createStack(request(drillId, owner));
    assertNotEquals(first.stackId(), second.stackId());
    assertEquals("CREATE_COMPLETE", second.status());
  }
}
