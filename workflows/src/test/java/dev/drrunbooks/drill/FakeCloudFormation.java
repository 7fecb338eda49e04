package dev.drrunbooks.drill;

import dev.drrunbooks.activities.cfn.CloudFormationActivities;
import dev.drrunbooks.activities.cfn.StackInfo;
import dev.drrunbooks.activities.cfn.StackRequest;
import dev.drrunbooks.activities.ownedresources.OwnedResourceActivities;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.report.ReportActivities;
import dev.drrunbooks.activities.report.ReportFiles;
import dev.drrunbooks.ecsrecovery.FakeEcs;
import dev.drrunbooks.model.Ownership;
import dev.drrunbooks.report.RunReport;
import dev.drrunbooks.restore.FakeRds;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory CloudFormation, report writer, and the owned-resource inventory over all the fakes, for
 * workflow-logic tests only: what the drill leaves behind is whatever these still hold with its
 * tags.
 */
final class FakeCloudFormation
    implements CloudFormationActivities, OwnedResourceActivities, ReportActivities {
  final Map<String, Ownership> stacks = new ConcurrentHashMap<>();
  volatile boolean failCreation;
  private final FakeRds rds;
  private final FakeEcs ecs;

  FakeCloudFormation(FakeRds rds, FakeEcs ecs) {
    this.rds = rds;
    this.ecs = ecs;
  }

  @Override
  public StackInfo createStack(StackRequest r) {
    Ownership existing = stacks.putIfAbsent(r.stackName(), r.owner());
    if (existing != null && !existing.equals(r.owner())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "stack " + r.stackName() + " is not ours", "NotOwned");
    }
    return new StackInfo(
        r.stackName(), "arn:stack/" + r.stackName(), "CREATE_IN_PROGRESS", Map.of(), List.of());
  }

  @Override
  public StackInfo awaitStackCreated(String region, String stackName, Instant deadline) {
    if (failCreation) {
      throw ApplicationFailure.newNonRetryableFailure(
          "stack "
              + stackName
              + " is ROLLBACK_COMPLETE: DbSubnetGroup "
              + "CREATE_FAILED (Some input subnets are invalid)",
          "StackFailed");
    }
    ecs.clusters.add(
        region + "/dr-drill-" + stackName); // the stack's Cluster, which its deletion leaves here
    return new StackInfo(
        stackName,
        "arn:stack/" + stackName,
        "CREATE_COMPLETE",
        Map.of(
            "ClusterName",
            "mycomputer-production",
            "DbSubnetGroupName",
            stackName + "-db",
            "SecurityGroupId",
            "sg-1",
            "SubnetIds",
            "subnet-a,subnet-b"),
        List.of());
  }

  @Override
  public String deleteOwnedStack(String region, String stackName, Ownership owner) {
    Ownership o = stacks.get(stackName);
    if (o == null) return "already gone";
    if (!o.equals(owner))
      throw ApplicationFailure.newNonRetryableFailure("not ours: " + stackName, "NotOwned");
    stacks.remove(stackName);
    return "deleting";
  }

  @Override
  public String awaitStackDeleted(String region, String stackName, Instant deadline) {
    return "gone";
  }

  @Override
  public StackInfo pollStackCreated(String region, String stackName, Instant deadline) {
    return awaitStackCreated(region, stackName, deadline);
  }

  @Override
  public String pollStackDeleted(String region, String stackName, Instant deadline) {
    return awaitStackDeleted(region, stackName, deadline);
  }

  final List<RunReport> reports = new ArrayList<>();

  @Override
  public ReportFiles write(RunReport report) {
    reports.add(report);
    String dir = "reports/" + report.workflowId();
    return new ReportFiles(dir, dir + "/report.md", dir + "/report.json", dir + "/report.html");
  }

  @Override
  public List<String> ownedResources(String region, String workflowIdPrefix) {
    List<String> left = new ArrayList<>();
    stacks.forEach(
        (name, o) -> {
          if (o.workflowId().startsWith(workflowIdPrefix)) left.add("stack " + name);
        });
    for (InstanceInfo i : rds.instances.values()) {
      if (i.tags().getOrDefault(Ownership.WORKFLOW_TAG, "").startsWith(workflowIdPrefix))
        left.add("rds " + i.instanceId());
    }
    ecs.services.keySet().stream()
        .filter(k -> k.endsWith("-drill"))
        .forEach(k -> left.add("ecs " + k));
    return left;
  }

  @Override
  public List<String> leftovers(
      String region, String workflowIdPrefix, List<String> ecsClusterNames) {
    List<String> left = ownedResources(region, workflowIdPrefix);
    ecsClusterNames.stream()
        .filter(n -> ecs.clusters.contains(region + "/" + n))
        .forEach(n -> left.add("ecs-cluster " + n + " (named for this run)"));
    return left;
  }
}
