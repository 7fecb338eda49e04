package dev.drrunbooks.aws.ownedresources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.cfn.CloudFormationActivities;
import dev.drrunbooks.activities.cfn.StackInfo;
import dev.drrunbooks.activities.cfn.StackRequest;
import dev.drrunbooks.activities.ecs.EcsServiceCreate;
import dev.drrunbooks.activities.ownedresources.OwnedResourceActivities;
import dev.drrunbooks.activities.ownedresources.TaggedResource;
import dev.drrunbooks.activities.ownedresources.TaggedResourceActivities;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.SandboxAws;
import dev.drrunbooks.aws.cfn.CloudFormationActivitiesImpl;
import dev.drrunbooks.aws.cfn.Templates;
import dev.drrunbooks.aws.ecs.EcsActivitiesImpl;
import dev.drrunbooks.aws.rds.Polling;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Ownership;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * ownedResources against the sandbox's emulator: a run's resources of every kind, some tagged by
 * its child runs, are found by the workflow id prefix; resources of other runs and the seeded
 * production world ({@code mycomputer-*}) are not; after cleanup nothing is.
 *
 * <p>moto: the ECS cluster the template creates carries no tags (moto ignores a cluster's Tags in
 * CloudFormation; AWS tags it, with the stack's tags too), so the tagged cluster here is created
 * directly. Automated snapshots carry no tags (AWS copies them only with CopyTagsToSnapshot).
 */
class OwnedResourceActivitiesSandboxTest {
  private static final String REGION = "eu-west-1";
  private static final String SEEDED_TASK_DEFINITION =
      "arn:aws:ecs:eu-west-1:123456789012:task-definition/inventory-service:3";

  private AwsClients aws;
  private RdsClient rds;
  private EcsClient ecs;
  private OwnedResourceActivities owned;
  private CloudFormationActivitiesImpl cfn;
  private EcsActivitiesImpl ecsActivities;
  private String run;
  private String db;
  private String otherDb;
  private String snapshot;
  private String stackName;
  private String cluster;
  private String service;

  @BeforeEach
  void setUp() {
    aws = SandboxAws.clients();
    rds = aws.rds(REGION);
    ecs = aws.ecs(REGION);
    owned = new OwnedResourceActivitiesImpl(aws);
    cfn =
        new CloudFormationActivitiesImpl(
            aws, Templates.dir(), new Polling(Duration.ofMillis(50), Duration.ofMillis(200)));
    ecsActivities = new EcsActivitiesImpl(aws);
    run = SandboxAws.uniqueName("drill-inv-test");
    db = run + "-db";
    otherDb = "x" + run + "-db";
    snapshot = run + "-snap";
    stackName = run + "-env";
    cluster = run + "-cluster";
    service = "inventory-test";
  }

  @AfterEach
  void cleanUp() {
    try {
      quietly(
          () ->
              ecs.deleteService(
                  r -> r.cluster("dr-drill-" + stackName).service(service).force(true)));
      Templates.removeStack(aws, REGION, stackName, stackName);
      quietly(() -> ecs.deleteCluster(r -> r.cluster(cluster)));
      for (String id : List.of(db, otherDb)) {
        quietly(
            () ->
                rds.deleteDBInstance(
                    r ->
                        r.dbInstanceIdentifier(id)
                            .skipFinalSnapshot(true)
                            .deleteAutomatedBackups(true)));
      }
      quietly(() -> rds.deleteDBSnapshot(r -> r.dbSnapshotIdentifier(snapshot)));
    } finally {
      aws.close();
    }
  }

  private static void quietly(Runnable r) {
    try {
      r.run();
    } catch (SdkException ignored) {
      // already gone
    }
  }

  private static List<Tag> rdsTags(String workflowId) {
    return new Ownership(workflowId, "test")
        .tags().entrySet().stream()
            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
            .toList();
  }

  private void createDb(String id, String workflowId) {
    rds.createDBInstance(
        r ->
            r.dbInstanceIdentifier(id)
                .engine("postgres")
                .dbInstanceClass("db.t3.micro")
                .allocatedStorage(20)
                .masterUsername("drtest")
                .masterUserPassword("not-a-secret-1")
                .tags(rdsTags(workflowId)));
  }

  @Test
  void findsWhatTheRunAndItsChildRunsLeftAndNothingElseAndNothingAfterCleanup() {
    Ownership drill = new Ownership(run, "drill");
    // the run's child restored an instance and the run took a snapshot of it
    createDb(db, run + "-restore-inventory");
    rds.createDBSnapshot(
        r -> r.dbInstanceIdentifier(db).dbSnapshotIdentifier(snapshot).tags(rdsTags(run)));
    // another run whose id merely contains this one's
    createDb(otherDb, "x" + run);
    // the run's stack, a service of a child run in the stack's cluster, and a tagged cluster
    StackInfo stack =
        cfn.createStack(
            new StackRequest(
                REGION,
                stackName,
                Templates.DR_TEST_ENVIRONMENT,
                Map.of("DrillId", stackName, "OwnerWorkflowId", run),
                drill));
    String stackCluster = stack.outputs().get("ClusterName");
    ecsActivities.createService(
        new EcsServiceCreate(
            REGION,
            stackCluster,
            service,
            SEEDED_TASK_DEFINITION,
            1,
            List.of(stack.outputs().get("SubnetIds").split(",")),
            List.of(stack.outputs().get("SecurityGroupId")),
            new Ownership(run + "-deploy-inventory", "drill")));
    ecs.createCluster(
        r ->
            r.clusterName(cluster)
                .tags(
                    software.amazon.awssdk.services.ecs.model.Tag.builder()
                        .key(Ownership.WORKFLOW_TAG)
                        .value(run)
                        .build()));

    assertEquals(
        List.of(
            "cloudformation-stack " + stackName + " (" + run + ")",
            "ecs-cluster " + cluster + " (" + run + ")",
            "ecs-service " + stackCluster + "/" + service + " (" + run + "-deploy-inventory)",
            "rds-instance " + db + " (" + run + "-restore-inventory)",
            "rds-snapshot " + snapshot + " (" + run + ")"),
        owned.ownedResources(REGION, run));

    // the same search with each resource's status and every tag, as dr cleanup proves ownership
    // from them
    List<TaggedResource> tagged = ((TaggedResourceActivities) owned).taggedResources(REGION, run);
    assertEquals(
        owned.ownedResources(REGION, run), tagged.stream().map(TaggedResource::describe).toList());
    TaggedResource restored =
        tagged.stream().filter(t -> t.id().equals(db)).findFirst().orElseThrow();
    assertEquals(new Ownership(run + "-restore-inventory", "test").tags(), restored.tags());
    assertEquals(REGION, restored.region());
    assertEquals("available", restored.status());
    assertEquals(
        "CREATE_COMPLETE",
        tagged.stream()
            .filter(t -> t.type().equals(TaggedResource.STACK))
            .findFirst()
            .orElseThrow()
            .status());
    assertEquals(
        "ACTIVE",
        tagged.stream()
            .filter(t -> t.type().equals(TaggedResource.ECS_SERVICE))
            .findFirst()
            .orElseThrow()
            .status());

    // a child run's prefix finds only the child's; the other run finds only its own
    assertEquals(
        List.of("rds-instance " + db + " (" + run + "-restore-inventory)"),
        owned.ownedResources(REGION, run + "-restore"));
    assertEquals(
        List.of("rds-instance " + otherDb + " (x" + run + ")"),
        owned.ownedResources(REGION, "x" + run));
    // nothing of the seeded production world carries the tag
    assertEquals(List.of(), owned.ownedResources(REGION, "mycomputer"));
    assertEquals(List.of(), owned.ownedResources("eu-central-1", run), "another region");

    // cleanup, as the drill does it
    assertEquals(
        "deleting",
        ecsActivities.deleteOwnedService(
            REGION, stackCluster, service, new Ownership(run + "-deploy-inventory", "drill")));
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(cfn);
      CloudFormationActivities stub =
          env.newActivityStub(
              CloudFormationActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
      assertEquals("deleting", stub.deleteOwnedStack(REGION, stackName, drill));
      assertEquals(
          "gone", stub.awaitStackDeleted(REGION, stackName, Instant.now().plusSeconds(30)));
    } finally {
      env.close();
    }
    Templates.removeStack(aws, REGION, stackName, stackName); // the cluster moto leaves behind
    ecs.deleteCluster(r -> r.cluster(cluster));
    rds.deleteDBSnapshot(r -> r.dbSnapshotIdentifier(snapshot));
    rds.deleteDBInstance(
        r -> r.dbInstanceIdentifier(db).skipFinalSnapshot(true).deleteAutomatedBackups(true));

    assertEquals(List.of(), owned.ownedResources(REGION, run));
    assertEquals(
        List.of("rds-instance " + otherDb + " (x" + run + ")"),
        owned.ownedResources(REGION, "x" + run));
  }

  /**
   * moto keeps the stack's ECS cluster, untagged, after the stack is deleted (AWS deletes it with
   * the stack): only a search by its name finds it, and the drill's cleanup deletes it by that
   * name. A cluster of that name tagged for another run is refused.
   */
  @Test
  void theClusterAStacksDeletionLeftUntaggedIsFoundByNameAndDeleted() {
    Ownership drill = new Ownership(run, "drill");
    String stackCluster = "dr-drill-" + stackName;
    cfn.createStack(
        new StackRequest(
            REGION,
            stackName,
            Templates.DR_TEST_ENVIRONMENT,
            Map.of("DrillId", stackName, "OwnerWorkflowId", run),
            drill));
    Templates.removeStack(
        aws, REGION, stackName, null); // deletes the stack only, as the drill does

    assertEquals(List.of(), owned.ownedResources(REGION, run), "no tag to find it by");
    assertEquals(
        List.of("ecs-cluster " + stackCluster + " (named for this run)"),
        owned.leftovers(REGION, run, List.of(stackCluster)));

    assertEquals("deleted", ecsActivities.deleteClusterLeftByStack(REGION, stackCluster, drill));
    assertEquals(List.of(), owned.leftovers(REGION, run, List.of(stackCluster)));
    assertEquals(
        "already gone", ecsActivities.deleteClusterLeftByStack(REGION, stackCluster, drill));

    ecs.createCluster(
        r ->
            r.clusterName(cluster)
                .tags(
                    software.amazon.awssdk.services.ecs.model.Tag.builder()
                        .key(Ownership.WORKFLOW_TAG)
                        .value("another-run")
                        .build()));
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () -> ecsActivities.deleteClusterLeftByStack(REGION, cluster, drill));
    assertEquals(FailureType.NOT_OWNED.type(), e.getType());
    assertEquals(
        List.of("ecs-cluster " + cluster + " (named for this run)"),
        owned.leftovers(REGION, run, List.of(cluster)),
        "found by name whoever tagged it");
  }

  @Test
  void aBlankPrefixIsRefused() {
    for (String blank : new String[] {null, "", "  "}) {
      ApplicationFailure e =
          assertThrows(ApplicationFailure.class, () -> owned.ownedResources(REGION, blank));
      assertEquals("InvalidInput", e.getType());
      assertTrue(e.isNonRetryable());
    }
  }
}
