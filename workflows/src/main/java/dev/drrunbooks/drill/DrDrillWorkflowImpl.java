package dev.drrunbooks.drill;

import dev.drrunbooks.activities.catalog.CatalogActivities;
import dev.drrunbooks.activities.cfn.CloudFormationActivities;
import dev.drrunbooks.activities.cfn.StackInfo;
import dev.drrunbooks.activities.cfn.StackRequest;
import dev.drrunbooks.activities.ecs.EcsActivities;
import dev.drrunbooks.activities.ecs.EcsServiceCreate;
import dev.drrunbooks.activities.ecs.EcsServiceState;
import dev.drrunbooks.activities.ecs.EcsServiceUpdate;
import dev.drrunbooks.activities.http.HttpProbeActivities;
import dev.drrunbooks.activities.http.ProbeReport;
import dev.drrunbooks.activities.http.ProbeVerdict;
import dev.drrunbooks.activities.ownedresources.OwnedResourceActivities;
import dev.drrunbooks.activities.rds.RdsRestoreActivities;
import dev.drrunbooks.activities.report.ReportActivities;
import dev.drrunbooks.activities.report.ReportFiles;
import dev.drrunbooks.catalog.DrillHealthUrl;
import dev.drrunbooks.catalog.EcsSpec;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.AwsAccount;
import dev.drrunbooks.model.Cleanup;
import dev.drrunbooks.model.CleanupRecord;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.Inputs;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.Ownership;
import dev.drrunbooks.model.Phases;
import dev.drrunbooks.model.Polls;
import dev.drrunbooks.model.RecoveryObjectives;
import dev.drrunbooks.model.ResourceNames;
import dev.drrunbooks.model.RunOwnership;
import dev.drrunbooks.model.Timeline;
import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.RunReport;
import dev.drrunbooks.runbook.RunSummary;
import dev.drrunbooks.snapshotrestore.SnapshotRestore;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreInput;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreResult;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreWorkflow;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public class DrDrillWorkflowImpl implements DrDrillWorkflow {
  static final String PROCEDURE = "dr-drill";

  /** What the run refuses in its input before it does anything (the starter checks them too). */
  public static final DrDrillInputRules RULES = new DrDrillInputRules();

  static final String TEMPLATE = "dr-test-environment.yaml";
  private static final Duration STACK_BUDGET = Duration.ofMinutes(30);

  /**
   * The {@code Workflow.getVersion} change id of drills that smoke-test their own deployment (the
   * catalog's drillHealthUrl, never production), wait until it is steady on the deployed task
   * definition, pass only when RTO and RPO are met, and look for (and delete) the stack's ECS
   * cluster by its name. Older histories replay without.
   */
  static final String OWN_DEPLOYMENT = "drill-own-deployment";

  private final CatalogActivities catalog = ActivityDefaults.shortCallStub(CatalogActivities.class);
  private final CloudFormationActivities cfn =
      ActivityDefaults.shortCallStub(CloudFormationActivities.class);
  private final EcsActivities ecs = ActivityDefaults.shortCallStub(EcsActivities.class);
  private final RdsRestoreActivities rds =
      ActivityDefaults.shortCallStub(RdsRestoreActivities.class);
  private final OwnedResourceActivities owned =
      ActivityDefaults.shortCallStub(OwnedResourceActivities.class);
  private final HttpProbeActivities http =
      ActivityDefaults.shortCallStub(HttpProbeActivities.class);

  private final ReportActivities reports = ActivityDefaults.shortCallStub(ReportActivities.class);
  private final Timeline timeline = new Timeline();
  private final Phases phases = new Phases();
  private final Cleanup cleanup = new Cleanup();
  private boolean ownDeployment;

  @Override
  public DrDrillResult run(DrDrillInput input) {
    Instant start = Timeline.now();
    DrDrillInput in = input == null ? new DrDrillInput(null, null) : input;
    RULES.checkInput(in, Timeline.now());
    List<String> keys = DrDrillInputRules.requested(in);
    String workflowId = Workflow.getInfo().getWorkflowId();
    Ownership owner = RunOwnership.current(PROCEDURE);
    phases.tag(PROCEDURE, String.join(",", keys));
    ownDeployment = Workflow.getVersion(OWN_DEPLOYMENT, Workflow.DEFAULT_VERSION, 1) >= 1;

    phases.enter("resolve");
    List<ServiceDefinition> services = resolve(keys);
    RULES.checkServices(in, services);
    AwsAccount.useForRun(sharedAccount(services));
    String region = services.get(0).regions().primary();
    String stackName = ResourceNames.rds(workflowId, "env");

    List<ServiceDrill> results = new ArrayList<>();
    String clusterName = DrillEnvironment.clusterName(stackName);
    if (ownDeployment) {
      // Registered before the stack, so it runs after the stack's deletion: on AWS that deleted the
      // cluster.
      cleanup.add(
          "ecs-cluster:" + clusterName,
          () -> ecs.deleteClusterLeftByStack(region, clusterName, owner));
    }
    // Registered first, so deleted last: the services and instances inside it go before it.
    cleanup.add(
        "stack:" + stackName,
        () -> {
          String outcome = cfn.deleteOwnedStack(region, stackName, owner);
          Instant deadline = Timeline.now().plus(STACK_BUDGET);
          // Runs begun before stack waits polled one attempt at a time keep the heartbeating one.
          boolean perAttempt = Polls.perAttempt(Polls.STACK_CHANGE_ID);
          CloudFormationActivities waiting =
              Workflow.newActivityStub(
                  CloudFormationActivities.class,
                  Polls.options(
                      perAttempt, deadline, "wait until stack " + stackName + " is deleted"));
          return outcome
              + ", "
              + (perAttempt
                  ? waiting.pollStackDeleted(region, stackName, deadline)
                  : waiting.awaitStackDeleted(region, stackName, deadline));
        });
    try {
      phases.enter("environment");
      StackInfo stack = createEnvironment(region, stackName, workflowId, owner);

      phases.enter("drill");
      Map<String, Promise<ServiceDrill>> running = new LinkedHashMap<>();
      for (ServiceDefinition s : services) {
        running.put(s.key(), Async.function(() -> drill(s, stack, in.waitBudget(), start, owner)));
      }
      for (ServiceDefinition s : services) results.add(running.get(s.key()).get());
    } catch (TemporalFailure e) {
      throw cleanup.endRun(e, timeline, phases, null);
    }

    phases.enter("cleanup");
    List<CleanupRecord> cleaned = cleanup.run(timeline);
    phases.enter("verify-cleanup");
    List<String> leftovers =
        ownDeployment
            ? timeline.step(
                "look for anything left with this run's tags, and its cluster " + clusterName,
                () -> owned.leftovers(region, workflowId, List.of(clusterName)),
                l -> l.isEmpty() ? "nothing left" : l.size() + " left: " + l)
            : timeline.step(
                "look for anything left with this run's tags",
                () -> owned.ownedResources(region, workflowId),
                l -> l.isEmpty() ? "nothing left" : l.size() + " left: " + l);
    if (!leftovers.isEmpty()) {
      phases.enter("failed");
      throw ApplicationFailure.newNonRetryableFailure(
          "cleanup left resources of this run (by tag or name): "
              + String.join(", ", leftovers)
              + " (cleanup: "
              + cleanup.summary()
              + ")",
          "CleanupIncomplete");
    }
    boolean passed = results.stream().allMatch(ServiceDrill::passed);
    String summary =
        "DR drill "
            + (passed ? "PASSED" : "FAILED")
            + " for "
            + String.join(", ", keys)
            + ": "
            + String.join(
                "; ",
                results.stream()
                    .map(
                        r -> r.service() + " " + (r.passed() ? "passed" : "FAILED: " + r.failure()))
                    .toList())
            + "; cleanup: "
            + cleanup.summary();
    DrDrillResult result =
        new DrDrillResult(
            results, stackName, cleaned, leftovers, timeline.entries(), passed, null, summary);

    // After the cleanup, so the report says what was cleaned up and that nothing was left.
    phases.enter("report");
    RunReport report = DrDrillReport.MAPPING.report(result, ReportContext.of(workflowId));
    ReportFiles files =
        timeline.step("write the report", () -> reports.write(report), ReportFiles::html);
    phases.enter(passed ? "passed" : "failed");
    return new DrDrillResult(
        results, stackName, cleaned, leftovers, timeline.entries(), passed, files.html(), summary);
  }

  private StackInfo createEnvironment(
      String region, String stackName, String workflowId, Ownership owner) {
    Map<String, String> parameters = Map.of("DrillId", stackName, "OwnerWorkflowId", workflowId);
    timeline.step(
        "create stack " + stackName,
        () -> cfn.createStack(new StackRequest(region, stackName, TEMPLATE, parameters, owner)),
        StackInfo::status);
    Instant deadline = Timeline.now().plus(STACK_BUDGET);
    boolean perAttempt = Polls.perAttempt(Polls.STACK_CHANGE_ID);
    CloudFormationActivities waiting =
        Workflow.newActivityStub(
            CloudFormationActivities.class,
            Polls.options(perAttempt, deadline, "wait until stack " + stackName + " is created"));
    return timeline.step(
        "wait for " + stackName,
        () ->
            perAttempt
                ? waiting.pollStackCreated(region, stackName, deadline)
                : waiting.awaitStackCreated(region, stackName, deadline),
        s -> s.status() + " " + s.outputs());
  }

  /** One service's drill; a failure here fails this service, not the others. */
  private ServiceDrill drill(
      ServiceDefinition service,
      StackInfo stack,
      String waitBudget,
      Instant start,
      Ownership owner) {
    Timeline steps = new Timeline();
    String key = service.key();
    String workflowId = Workflow.getInfo().getWorkflowId();
    String region = service.regions().primary();
    Duration budget = Inputs.duration("waitBudget", waitBudget, service.spec().objectives().rto());
    Instant deadline = start.plus(budget);
    SnapshotRestoreResult restored = null;
    ProbeReport smoke = null;
    try {
      String restoreId = workflowId + "-restore-" + key;
      String instance = ResourceNames.rds(workflowId, key + "-db");
      // The child restore owns its instance: its run id (known once it starts) is the run token.
      boolean runTokens = RunOwnership.usesRunTokens();
      String[] childRun = new String[1];
      cleanup.add(
          "rds:" + instance,
          () ->
              runTokens && childRun[0] == null
                  ? "nothing created: the restore never started"
                  : rds.deleteOwnedInstance(
                      region,
                      instance,
                      new Ownership(
                          restoreId, runTokens ? childRun[0] : null, "snapshot-restore")));
      // Terminating the drill asks the restore to cancel (its clean-up deletes the instance)
      // instead of
      // terminating it with the instance left behind, the SDK's default.
      SnapshotRestoreWorkflow child =
          Workflow.newChildWorkflowStub(
              SnapshotRestoreWorkflow.class,
              RunSummary.of(SnapshotRestore.PROCEDURE, key, service.spec().objectives())
                  .on(ChildWorkflowOptions.newBuilder())
                  .setWorkflowId(restoreId)
                  .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
                  .setWorkflowIdReusePolicy(
                      WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                  .build());
      List<String> subnets =
          Arrays.stream(stack.outputs().getOrDefault("SubnetIds", "").split(","))
              .filter(x -> !x.isBlank())
              .toList();
      List<String> groups =
          stack.outputs().containsKey("SecurityGroupId")
              ? List.of(stack.outputs().get("SecurityGroupId"))
              : List.of();
      SnapshotRestoreInput restoreInput =
          SnapshotRestoreInput.validationCopy(
              key,
              instance,
              Duration.between(Timeline.now(), deadline).toSeconds() + "s",
              stack.outputs().get("DbSubnetGroupName"),
              groups);
      SnapshotRestoreResult r =
          steps.step(
              key + ": restore the newest snapshot into the test environment",
              () -> {
                Promise<SnapshotRestoreResult> done = Async.function(child::run, restoreInput);
                childRun[0] = Workflow.getWorkflowExecution(child).get().getRunId();
                return done.get();
              },
              x ->
                  x.snapshot().snapshotId()
                      + " as "
                      + x.restoredInstance()
                      + "; "
                      + x.validation().summary());
      restored = r;

      EcsSpec spec = service.spec().ecs();
      if (spec != null) {
        String cluster = stack.outputs().get("ClusterName");
        String family =
            spec.stableTaskDefinition().substring(0, spec.stableTaskDefinition().indexOf(':'));
        String serviceName = key + "-drill";
        String taskDefinition =
            steps.step(
                key + ": resolve " + family + ":latest",
                () -> ecs.resolveTaskDefinition(region, family + ":latest"),
                arn -> arn);
        cleanup.add(
            "ecs:" + cluster + "/" + serviceName,
            () -> ecs.deleteOwnedService(region, cluster, serviceName, owner));
        // Created empty, then scaled as the runbook's recovery does: the deployment is then the
        // same two steps.
        steps.step(
            key + ": deploy " + serviceName + " in " + cluster,
            () ->
                ecs.createService(
                    new EcsServiceCreate(
                        region, cluster, serviceName, taskDefinition, 0, subnets, groups, owner)),
            EcsServiceState::describe);
        steps.step(
            key + ": scale " + serviceName + " to " + spec.desiredCount(),
            () ->
                ecs.updateService(
                    new EcsServiceUpdate(
                        region, cluster, serviceName, null, spec.desiredCount(), false)),
            EcsServiceState::describe);
        boolean perAttempt = Polls.perAttempt(Polls.ECS_CHANGE_ID);
        EcsActivities waiting =
            Workflow.newActivityStub(
                EcsActivities.class,
                Polls.options(
                    perAttempt, deadline, key + ": wait until " + serviceName + " is steady"));
        if (ownDeployment) {
          // steady on what was deployed: a circuit-breaker rollback is a failed deployment, not a
          // steady one
          steps.step(
              key + ": wait until " + serviceName + " is steady on " + taskDefinition,
              () ->
                  perAttempt
                      ? waiting.pollSteadyOn(region, cluster, serviceName, taskDefinition, deadline)
                      : waiting.awaitSteadyOn(
                          region, cluster, serviceName, taskDefinition, deadline),
              EcsServiceState::describe);
        } else {
          steps.step(
              key + ": wait until " + serviceName + " is steady",
              () ->
                  perAttempt
                      ? waiting.pollSteady(region, cluster, serviceName, deadline)
                      : waiting.awaitSteady(region, cluster, serviceName, deadline),
              EcsServiceState::describe);
        }
      }

      if (ownDeployment) {
        smoke = smokeTest(service, stack, steps);
      } else if (service.spec().healthEndpoint() != null) {
        ProbeReport probe =
            steps.step(
                key + ": smoke test " + service.spec().healthEndpoint(),
                () ->
                    http.probe(
                        service.spec().healthEndpoint(),
                        3,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5)),
                ProbeReport::describe);
        smoke = probe;
        if (probe.verdict() != ProbeVerdict.HEALTHY) {
          throw ApplicationFailure.newNonRetryableFailure(
              "smoke test failed: " + probe.describe(), "SmokeTestFailed");
        }
      }
      RecoveryObjectives objectives =
          RecoveryObjectives.measure(
              service.spec().objectives(), null, start, Timeline.now(), r.snapshot().createdAt());
      // Passing means every step worked and every measured objective was met. Before
      // OWN_DEPLOYMENT a missed RTO or RPO was only flagged in the report (pure: no commands).
      String breaches = ownDeployment ? DrillVerdict.breaches(objectives, r.validation()) : null;
      return new ServiceDrill(
          key,
          steps.entries(),
          r.snapshot().snapshotId(),
          r.validation(),
          smoke,
          objectives,
          breaches == null,
          breaches);
    } catch (TemporalFailure e) {
      if (CancellationScope.current().isCancelRequested()) throw e;
      return new ServiceDrill(
          key,
          steps.entries(),
          restored == null ? null : restored.snapshot().snapshotId(),
          restored == null ? null : restored.validation(),
          smoke,
          null,
          false,
          Failures.rootMessage(e));
    }
  }

  /**
   * Probes the drill's own deployment at the catalog's drillHealthUrl, resolved for this drill;
   * never production's healthEndpoint. No drillHealthUrl: no smoke test, said in the timeline.
   */
  private ProbeReport smokeTest(ServiceDefinition service, StackInfo stack, Timeline steps) {
    String key = service.key();
    String template = service.spec().drillHealthUrl();
    if (template == null) {
      steps.record(
          key + ": no smoke test: the catalog gives no drillHealthUrl (production is never probed)",
          Timeline.now(),
          Outcome.SKIPPED,
          null);
      return null;
    }
    String url;
    try {
      url = DrillHealthUrl.resolve(template, stack.stackName(), key, stack.outputs());
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "smoke test: " + e.getMessage(), "SmokeTestTarget");
    }
    ProbeReport probe =
        steps.step(
            key + ": smoke test of the drill's deployment " + url,
            () -> http.probe(url, 3, Duration.ofSeconds(1), Duration.ofSeconds(5)),
            ProbeReport::describe);
    if (probe.verdict() != ProbeVerdict.HEALTHY) {
      throw ApplicationFailure.newNonRetryableFailure(
          "smoke test failed: " + probe.describe(), "SmokeTestFailed");
    }
    return probe;
  }

  /**
   * The one AWS account the drill's services are in: they share one test environment (a stack in
   * one account), so services of different accounts are refused before anything is created.
   */
  private static String sharedAccount(List<ServiceDefinition> services) {
    Map<String, List<String>> byAccount = new LinkedHashMap<>();
    for (ServiceDefinition s : services)
      byAccount.computeIfAbsent(String.valueOf(s.accountId()), k -> new ArrayList<>()).add(s.key());
    if (byAccount.size() > 1) {
      throw ApplicationFailure.newNonRetryableFailure(
          "services: "
              + byAccount
              + " are in different AWS accounts and cannot share one drill environment; allowed:"
              + " services of one account (drill each account's services in its own run)",
          FailureType.INVALID_INPUT.type());
    }
    return services.isEmpty() ? null : services.get(0).accountId();
  }

  private List<ServiceDefinition> resolve(List<String> keys) {
    try {
      List<ServiceDefinition> all = new ArrayList<>();
      for (String k : keys) all.addAll(catalog.resolveServices(k));
      return all;
    } catch (ActivityFailure e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "services: " + Failures.rootMessage(e), FailureType.INVALID_INPUT.type());
    }
  }

  @Override
  public String status() {
    return phases.current();
  }
}
