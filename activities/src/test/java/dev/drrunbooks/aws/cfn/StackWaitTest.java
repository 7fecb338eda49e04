package dev.drrunbooks.aws.cfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.cfn.CloudFormationActivities;
import dev.drrunbooks.activities.cfn.StackInfo;
import dev.drrunbooks.aws.rds.PollProgress;
import dev.drrunbooks.aws.rds.Polling;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksResponse;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/**
 * The stack waits as AWS behaves, with a CloudFormation client that answers a scripted sequence of
 * statuses and AWS's events: moto creates and deletes stacks while it answers, so it never shows a
 * stack in progress, failed or rolled back. The client request token, as derived, is checked here
 * too.
 */
class StackWaitTest {
  static final String REGION = "eu-west-1";
  static final String NAME = "drill-inventory-20240115t0330z-env";
  private static final String ID =
      "arn:aws:cloudformation:eu-west-1:123456789012:stack/" + NAME + "/0b1c";
  private static final Polling FAST = new Polling(Duration.ofMillis(10), Duration.ofMillis(40));
  private static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setHeartbeatTimeout(Duration.ofMillis(5))
          .build();

  private TestActivityEnvironment env;
  private ScriptedCfn cfn;
  private CloudFormationActivities stub;
  private final List<PollProgress> heartbeats = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void setUp() {
    env = TestActivityEnvironment.newInstance();
    env.setActivityHeartbeatListener(PollProgress.class, heartbeats::add);
    cfn = new ScriptedCfn();
    env.registerActivitiesImplementations(
        new CloudFormationActivitiesImpl(region -> cfn, Path.of("."), FAST));
    stub = env.newActivityStub(CloudFormationActivities.class, OPTIONS);
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private static ApplicationFailure cause(ActivityFailure e) {
    return assertInstanceOf(ApplicationFailure.class, e.getCause(), () -> "cause of " + e);
  }

  private static StackEvent event(String logicalId, String type, String status, String reason) {
    return StackEvent.builder()
        .stackId(ID)
        .stackName(NAME)
        .logicalResourceId(logicalId)
        .resourceType(type)
        .resourceStatus(status)
        .resourceStatusReason(reason)
        .timestamp(Instant.now())
        .build();
  }

  /** A create that fails on AWS, newest event first, as describe-stack-events lists them. */
  static final List<StackEvent> ROLLED_BACK =
      List.of(
          event(NAME, "AWS::CloudFormation::Stack", "ROLLBACK_COMPLETE", null),
          event("Vpc", "AWS::EC2::VPC", "DELETE_COMPLETE", null),
          event("PrivateSubnetA", "AWS::EC2::Subnet", "DELETE_COMPLETE", null),
          event(
              NAME,
              "AWS::CloudFormation::Stack",
              "ROLLBACK_IN_PROGRESS",
              "The following resource(s) failed to create: [PrivateSubnetB]. Rollback requested by"
                  + " user."),
          event(
              "PrivateSubnetB",
              "AWS::EC2::Subnet",
              "CREATE_FAILED",
              "Value (eu-west-1z) for parameter availabilityZone is invalid. Subnets can currently"
                  + " only be created in the following availability zones: eu-west-1a, eu-west-1b,"
                  + " eu-west-1c."),
          event("PrivateSubnetA", "AWS::EC2::Subnet", "CREATE_COMPLETE", null),
          event("Vpc", "AWS::EC2::VPC", "CREATE_COMPLETE", null),
          event(NAME, "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS", "User Initiated"));

  @Test
  void pollsUntilCreateCompleteHeartbeatingAndReturnsTheOutputs() {
    cfn.statuses("CREATE_IN_PROGRESS", "CREATE_IN_PROGRESS", "CREATE_COMPLETE");
    StackInfo info = stub.awaitStackCreated(REGION, NAME, Instant.now().plusSeconds(30));
    assertEquals(
        new StackInfo(
            NAME, ID, "CREATE_COMPLETE", java.util.Map.of("ClusterName", "dr-drill-x"), List.of()),
        info);
    assertEquals(
        List.of(
            new PollProgress(1, "CREATE_IN_PROGRESS"),
            new PollProgress(2, "CREATE_IN_PROGRESS"),
            new PollProgress(3, "CREATE_COMPLETE")),
        heartbeats);
  }

  @Test
  void aStackThatRollsBackFailsAtOnceWithItsFailedEventsOldestFirst() {
    cfn.statuses("CREATE_IN_PROGRESS", "ROLLBACK_IN_PROGRESS");
    cfn.events = ROLLED_BACK;
    ApplicationFailure e =
        cause(
            assertThrows(
                ActivityFailure.class,
                () -> stub.awaitStackCreated(REGION, NAME, Instant.now().plusSeconds(30))));
    assertEquals("StackFailed", e.getType());
    assertTrue(e.isNonRetryable());
    assertEquals(
        "CloudFormation stack '"
            + NAME
            + "' in eu-west-1 is 'ROLLBACK_IN_PROGRESS', a state it will not become"
            + " 'CREATE_COMPLETE' from (after 2 polls): The following resource(s) failed to create:"
            + " [PrivateSubnetB]. Rollback requested by user. Failed events (oldest first):"
            + " PrivateSubnetB (AWS::EC2::Subnet) CREATE_FAILED: Value (eu-west-1z) for parameter"
            + " availabilityZone is invalid. Subnets can currently only be created in the following"
            + " availability zones: eu-west-1a, eu-west-1b, eu-west-1c.; "
            + NAME
            + " (AWS::CloudFormation::Stack) ROLLBACK_IN_PROGRESS: The following resource(s) failed"
            + " to create: [PrivateSubnetB]. Rollback requested by user.",
        e.getOriginalMessage());
    assertEquals(ID, cfn.eventsAskedFor, "events of the stack by its id");
  }

  @Test
  void aStackAlreadyRolledBackOrDeletedFailsToo() {
    for (String status :
        List.of("ROLLBACK_COMPLETE", "CREATE_FAILED", "DELETE_IN_PROGRESS", "ROLLBACK_FAILED")) {
      cfn.statuses(status);
      cfn.events = ROLLED_BACK;
      ApplicationFailure e =
          cause(
              assertThrows(
                  ActivityFailure.class,
                  () -> stub.awaitStackCreated(REGION, NAME, Instant.now().plusSeconds(30)),
                  status));
      assertEquals("StackFailed", e.getType(), status);
      assertTrue(e.getOriginalMessage().contains("is '" + status + "'"), e.getOriginalMessage());
      assertTrue(
          e.getOriginalMessage().contains("PrivateSubnetB (AWS::EC2::Subnet) CREATE_FAILED"),
          e.getOriginalMessage());
    }
  }

  @Test
  void pastTheDeadlineItFailsWithTheStatusSeen() {
    cfn.statuses("CREATE_IN_PROGRESS");
    Instant deadline = Instant.now().minusSeconds(1);
    ApplicationFailure e =
        cause(
            assertThrows(
                ActivityFailure.class, () -> stub.awaitStackCreated(REGION, NAME, deadline)));
    assertEquals("WaitDeadlineExceeded", e.getType());
    assertEquals(
        "CloudFormation stack '"
            + NAME
            + "' in eu-west-1 still 'CREATE_IN_PROGRESS' at "
            + deadline
            + " after 1 polls (the run's RTO budget)",
        e.getOriginalMessage());
  }

  @Test
  void aDeleteWaitsUntilTheStackIsGone() {
    cfn.statuses("DELETE_IN_PROGRESS", "DELETE_IN_PROGRESS", null);
    assertEquals("gone", stub.awaitStackDeleted(REGION, NAME, Instant.now().plusSeconds(30)));
    assertEquals(new PollProgress(3, "DELETE_COMPLETE"), heartbeats.get(heartbeats.size() - 1));

    cfn.statuses("DELETE_COMPLETE");
    assertEquals("gone", stub.awaitStackDeleted(REGION, NAME, Instant.now().plusSeconds(30)));
  }

  @Test
  void aDeleteThatFailsNamesWhatCouldNotBeDeleted() {
    cfn.statuses("DELETE_IN_PROGRESS", "DELETE_FAILED");
    cfn.events =
        List.of(
            event(
                NAME,
                "AWS::CloudFormation::Stack",
                "DELETE_FAILED",
                "The following resource(s) failed to delete: [DrillSecurityGroup]. "),
            event(
                "DrillSecurityGroup",
                "AWS::EC2::SecurityGroup",
                "DELETE_FAILED",
                "resource sg-0abc has a dependent object"),
            event("Cluster", "AWS::ECS::Cluster", "DELETE_COMPLETE", null),
            event(NAME, "AWS::CloudFormation::Stack", "DELETE_IN_PROGRESS", "User Initiated"));
    ApplicationFailure e =
        cause(
            assertThrows(
                ActivityFailure.class,
                () -> stub.awaitStackDeleted(REGION, NAME, Instant.now().plusSeconds(30))));
    assertEquals("StackDeleteFailed", e.getType());
    assertTrue(e.isNonRetryable());
    String m = e.getOriginalMessage();
    assertTrue(
        m.startsWith(
            "CloudFormation stack '"
                + NAME
                + "' in eu-west-1 is 'DELETE_FAILED', a state it will "
                + "not become 'DELETE_COMPLETE' from (after 2 polls)"),
        m);
    assertTrue(
        m.contains(
            "Failed events (oldest first): DrillSecurityGroup (AWS::EC2::SecurityGroup)"
                + " DELETE_FAILED: resource sg-0abc has a dependent object; "
                + NAME
                + " (AWS::CloudFormation::Stack) DELETE_FAILED: The "
                + "following resource(s) failed to delete: [DrillSecurityGroup]."),
        m);
  }

  // ---- the client request token
  // -------------------------------------------------------------------

  @Test
  void theClientRequestTokenIsTheRunAndStackWhenThatIsAValidToken() {
    assertEquals(
        "drill-inventory-20240115T0330Z-" + NAME,
        CloudFormationActivitiesImpl.clientRequestToken("drill-inventory-20240115T0330Z", NAME));
  }

  @Test
  void aLongOrUnusualTokenIsAReadablePrefixAndAHash() {
    String longId = "drill-" + "x".repeat(150);
    String t1 = CloudFormationActivitiesImpl.clientRequestToken(longId, NAME);
    String t2 = CloudFormationActivitiesImpl.clientRequestToken(longId + "y", NAME);
    String dots = CloudFormationActivitiesImpl.clientRequestToken("drill/inventory.2024_01", NAME);
    String dashes =
        CloudFormationActivitiesImpl.clientRequestToken("drill-inventory-2024-01", NAME);
    for (String t : List.of(t1, t2, dots)) {
      assertTrue(t.length() <= 128, t);
      assertTrue(CloudFormationActivitiesImpl.TOKEN.matcher(t).matches(), t);
    }
    assertTrue(t1.startsWith("drill-xxx"), t1);
    assertNotEquals(t1, t2, "the hash tells long ids apart");
    assertEquals(
        t1,
        CloudFormationActivitiesImpl.clientRequestToken(longId, NAME),
        "the same run: the same token");
    assertTrue(dots.startsWith("drill-inventory-2024-01-" + NAME + "-"), dots);
    assertNotEquals(dashes, dots, "an id that differs only in punctuation gets another token");
  }

  /**
   * describe-stacks answers the next scripted status (the last one repeats); null: no such stack.
   */
  static final class ScriptedCfn implements CloudFormationClient {
    private final Deque<String> statuses = new ArrayDeque<>();
    private String last;
    List<StackEvent> events = List.of();
    String eventsAskedFor;
    final java.util.concurrent.atomic.AtomicInteger describes =
        new java.util.concurrent.atomic.AtomicInteger();

    void statuses(String... s) {
      statuses.clear();
      for (String status : s) statuses.add(status == null ? "" : status);
      last = null;
    }

    @Override
    public DescribeStacksResponse describeStacks(DescribeStacksRequest request) {
      describes.incrementAndGet();
      if (!statuses.isEmpty()) last = statuses.poll();
      if (last == null || last.isEmpty()) {
        throw (CloudFormationException)
            CloudFormationException.builder()
                .statusCode(400)
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("ValidationError")
                        .errorMessage("Stack with id " + request.stackName() + " does not exist")
                        .build())
                .build();
      }
      Stack.Builder stack =
          Stack.builder().stackName(NAME).stackId(ID).stackStatus(last).creationTime(Instant.now());
      if ("CREATE_COMPLETE".equals(last)) {
        stack.outputs(Output.builder().outputKey("ClusterName").outputValue("dr-drill-x").build());
      }
      if (last.startsWith("ROLLBACK")) {
        stack.stackStatusReason(
            "The following resource(s) failed to create: [PrivateSubnetB]. Rollback requested by "
                + "user.");
      }
      return DescribeStacksResponse.builder().stacks(stack.build()).build();
    }

    @Override
    public DescribeStackEventsResponse describeStackEvents(DescribeStackEventsRequest request) {
      eventsAskedFor = request.stackName();
      return DescribeStackEventsResponse.builder().stackEvents(events).build();
    }

    @Override
    public String serviceName() {
      return "cloudformation";
    }

    @Override
    public void close() {}
  }
}
