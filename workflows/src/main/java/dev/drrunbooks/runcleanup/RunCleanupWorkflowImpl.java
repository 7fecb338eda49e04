package dev.drrunbooks.runcleanup;

import dev.drrunbooks.activities.catalog.CatalogActivities;
import dev.drrunbooks.activities.cfn.CloudFormationActivities;
import dev.drrunbooks.activities.ecs.EcsActivities;
import dev.drrunbooks.activities.ownedresources.TaggedResource;
import dev.drrunbooks.activities.ownedresources.TaggedResourceActivities;
import dev.drrunbooks.activities.rds.RdsRestoreActivities;
import dev.drrunbooks.activities.rds.RdsSnapshotActivities;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.drill.DrillEnvironment;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.Inputs;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.Ownership;
import dev.drrunbooks.model.Phases;
import dev.drrunbooks.model.Polls;
import dev.drrunbooks.model.Timeline;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Cleans up after an ended run: searches each region for resources whose ownership tags name the
 * run or one of its child runs, decides for each with {@link OwnershipProof}, and (when applying)
 * deletes what is proven in dependency order: ECS services, RDS instances, RDS snapshots, stacks
 * (waiting for DELETE_COMPLETE, then the ECS cluster a drill's stack declared, which an emulator
 * may leave), ECS clusters. Every delete call checks the tags again itself. Then searches again
 * until nothing proven is left (or a budget passes). DNS changes are listed with their revert
 * command and never changed.
 */
public class RunCleanupWorkflowImpl implements RunCleanupWorkflow {
  static final String PROCEDURE = "dr-cleanup";

  /** What the run refuses in its input before it does anything. */
  public static final RunCleanupInputRules RULES = new RunCleanupInputRules();

  static final String DNS_CHANGE = "dns-change";
  private static final Duration STACK_BUDGET = Duration.ofMinutes(30);

  /**
   * RDS takes minutes to delete an instance; the search is repeated until it is gone or this
   * passes.
   */
  static final Duration VERIFY_BUDGET = Duration.ofMinutes(30);

  private static final Duration MAX_VERIFY_PAUSE = Duration.ofMinutes(1);
  private static final List<String> ORDER =
      List.of(
          TaggedResource.ECS_SERVICE,
          TaggedResource.RDS_INSTANCE,
          TaggedResource.RDS_SNAPSHOT,
          TaggedResource.STACK,
          TaggedResource.ECS_CLUSTER);

  private final CatalogActivities catalog = ActivityDefaults.shortCallStub(CatalogActivities.class);
  private final TaggedResourceActivities tagged =
      ActivityDefaults.shortCallStub(TaggedResourceActivities.class);
  private final RdsRestoreActivities rds =
      ActivityDefaults.shortCallStub(RdsRestoreActivities.class);
  private final RdsSnapshotActivities snapshots =
      ActivityDefaults.shortCallStub(RdsSnapshotActivities.class);
  private final CloudFormationActivities cfn =
      ActivityDefaults.shortCallStub(CloudFormationActivities.class);
  private final EcsActivities ecs = ActivityDefaults.shortCallStub(EcsActivities.class);

  private final Timeline timeline = new Timeline();
  private final Phases phases = new Phases();

  @Override
  public RunCleanupResult run(RunCleanupInput input) {
    RunCleanupInput in = validate(input);
    phases.tag(PROCEDURE, in.workflowId());
    OwnershipProof proof = new OwnershipProof(in.runs());
    List<String> prefixes = OwnershipProof.searchPrefixes(in.workflowId(), in.runs());

    phases.enter("search");
    List<String> regions = regions(in.regions());
    List<TaggedResource> found = search(regions, prefixes);

    List<CleanupFinding> findings = new ArrayList<>();
    Map<String, Ownership> proven = new LinkedHashMap<>();
    for (TaggedResource r : found) {
      OwnershipProof.Verdict v = proof.check(r.tags());
      if (v.proven()) {
        proven.put(key(r), v.owner());
        findings.add(
            finding(
                r,
                CleanupAction.WOULD_DELETE,
                "tags prove " + v.owner().workflowId() + " created it"));
      } else {
        findings.add(finding(r, CleanupAction.REFUSED, v.refusal()));
      }
    }

    List<String> stillThere = List.of();
    if (in.applying()) {
      phases.enter("delete");
      for (int i = 0; i < findings.size(); i++) {
        CleanupFinding f = findings.get(i);
        if (f.action() == CleanupAction.WOULD_DELETE)
          findings.set(i, delete(f, proven.get(key(f))));
      }
      phases.enter("verify");
      stillThere = verify(regions, prefixes, findings);
    }
    for (RecordedDnsChange c :
        in.dnsChanges() == null ? List.<RecordedDnsChange>of() : in.dnsChanges()) {
      findings.add(
          new CleanupFinding(
              DNS_CHANGE,
              c.record(),
              null,
              CleanupAction.REVERT_BY_COMMAND,
              "set to "
                  + c.weights()
                  + " by "
                  + c.workflowId()
                  + "; not reverted by a clean-up; to revert: "
                  + c.revertCommand(),
              Map.of()));
    }
    String summary = summary(in.applying(), findings, stillThere);
    phases.enter("done");
    return new RunCleanupResult(
        in.workflowId(),
        in.applying(),
        List.copyOf(findings),
        stillThere,
        timeline.entries(),
        summary);
  }

  private static RunCleanupInput validate(RunCleanupInput input) {
    if (input == null) throw Inputs.invalid("workflowId", null, "the ended run's workflow id");
    RULES.checkInput(input, Timeline.now());
    return input;
  }

  /** The given regions, or every primary and DR region of the catalog's services. */
  private List<String> regions(List<String> given) {
    if (given != null && !given.isEmpty()) return given.stream().distinct().toList();
    return timeline.step(
        "regions of the catalog",
        () -> {
          TreeSet<String> all = new TreeSet<>();
          for (ServiceDefinition s : catalog.resolveServices("all")) {
            all.add(s.regions().primary());
            if (s.regions().dr() != null) all.add(s.regions().dr());
          }
          return List.copyOf(all);
        },
        String::valueOf);
  }

  private List<TaggedResource> search(List<String> regions, List<String> prefixes) {
    Map<String, TaggedResource> found = new LinkedHashMap<>();
    for (String region : regions) {
      for (String prefix : prefixes) {
        List<TaggedResource> here =
            timeline.step(
                "look in " + region + " for resources tagged " + prefix + "*",
                () -> tagged.taggedResources(region, prefix),
                l -> l.isEmpty() ? "none" : l.size() + " found");
        here.forEach(r -> found.putIfAbsent(key(r), r));
      }
    }
    List<TaggedResource> ordered = new ArrayList<>(found.values());
    ordered.sort(
        Comparator.comparingInt((TaggedResource r) -> rank(r.type()))
            .thenComparing(TaggedResource::region)
            .thenComparing(TaggedResource::id));
    return ordered;
  }

  private CleanupFinding delete(CleanupFinding f, Ownership owner) {
    Instant start = Timeline.now();
    String what = "delete " + f.type() + " " + f.id() + " (" + f.region() + ")";
    try {
      String outcome =
          switch (f.type()) {
            case TaggedResource.ECS_SERVICE -> {
              int slash = f.id().indexOf('/');
              yield ecs.deleteOwnedService(
                  f.region(), f.id().substring(0, slash), f.id().substring(slash + 1), owner);
            }
            case TaggedResource.RDS_INSTANCE -> rds.deleteOwnedInstance(f.region(), f.id(), owner);
            case TaggedResource.RDS_SNAPSHOT ->
                snapshots.deleteOwnedSnapshot(f.region(), f.id(), owner);
            case TaggedResource.STACK -> deleteStack(f.region(), f.id(), owner);
            case TaggedResource.ECS_CLUSTER ->
                ecs.deleteClusterLeftByStack(f.region(), f.id(), owner);
            default -> throw new IllegalStateException("no deletion for " + f.type());
          };
      timeline.record(what, start, Outcome.COMPENSATED, outcome);
      return new CleanupFinding(
          f.type(), f.id(), f.region(), CleanupAction.DELETED, outcome, f.tags());
    } catch (ActivityFailure e) {
      String why = Failures.rootMessage(e);
      timeline.record(what, start, Outcome.FAILED, why);
      CleanupAction action =
          FailureType.NOT_OWNED.isRootOf(e) ? CleanupAction.REFUSED : CleanupAction.FAILED;
      return new CleanupFinding(f.type(), f.id(), f.region(), action, why, f.tags());
    }
  }

  /**
   * Deletes the stack, waits for DELETE_COMPLETE, then a drill stack's cluster (gone on AWS; an
   * emulator keeps it).
   */
  private String deleteStack(String region, String stackName, Ownership owner) {
    String outcome = cfn.deleteOwnedStack(region, stackName, owner);
    Instant deadline = Timeline.now().plus(STACK_BUDGET);
    // Runs begun before stack waits polled one attempt at a time keep the heartbeating one.
    boolean perAttempt = Polls.perAttempt(Polls.STACK_CHANGE_ID);
    CloudFormationActivities waiting =
        Workflow.newActivityStub(
            CloudFormationActivities.class,
            Polls.options(perAttempt, deadline, "wait until stack " + stackName + " is deleted"));
    outcome +=
        ", "
            + (perAttempt
                ? waiting.pollStackDeleted(region, stackName, deadline)
                : waiting.awaitStackDeleted(region, stackName, deadline));
    if (DrillEnvironment.PROCEDURE.equals(owner.procedure())) {
      String cluster = DrillEnvironment.clusterName(stackName);
      outcome +=
          "; its cluster " + cluster + ": " + ecs.deleteClusterLeftByStack(region, cluster, owner);
    }
    return outcome;
  }

  /**
   * Searches again until nothing deleted is found, pausing longer each time, within {@link
   * #VERIFY_BUDGET}; what is still there is marked FAILED and returned. A deletion takes time on
   * AWS: an RDS instance stays listed as "deleting" (DescribeDBInstances monitors it:
   * docs.aws.amazon.com/AmazonRDS/latest/APIReference/ API_DeleteDBInstance.html), an ECS service
   * DRAINING until its tasks stop (docs.aws.amazon.com/AmazonECS/
   * latest/APIReference/API_DeleteService.html); a stack's DELETE_COMPLETE is not listed. The
   * emulator deletes at once: RunCleanupWorkflowTest keeps an instance "deleting" to show the wait
   * and its end.
   */
  private List<String> verify(
      List<String> regions, List<String> prefixes, List<CleanupFinding> findings) {
    List<String> deleted =
        findings.stream()
            .filter(f -> f.action() == CleanupAction.DELETED)
            .map(RunCleanupWorkflowImpl::key)
            .toList();
    if (deleted.isEmpty()) return List.of();
    Instant until = Timeline.now().plus(VERIFY_BUDGET);
    Duration pause = Duration.ofSeconds(5);
    while (true) {
      Map<String, TaggedResource> left = new LinkedHashMap<>();
      for (TaggedResource r : search(regions, prefixes)) {
        if (deleted.contains(key(r))) left.put(key(r), r);
      }
      if (left.isEmpty()) return List.of();
      if (!Timeline.now().plus(pause).isBefore(until)) {
        for (int i = 0; i < findings.size(); i++) {
          TaggedResource r = left.get(key(findings.get(i)));
          if (r != null) {
            CleanupFinding f = findings.get(i);
            findings.set(
                i,
                new CleanupFinding(
                    f.type(),
                    f.id(),
                    f.region(),
                    CleanupAction.FAILED,
                    f.detail()
                        + "; still there ("
                        + r.status()
                        + ") after "
                        + VERIFY_BUDGET.toMinutes()
                        + " min",
                    f.tags()));
          }
        }
        return left.values().stream()
            .map(r -> r.type() + " " + r.id() + " (" + r.status() + ")")
            .toList();
      }
      Workflow.sleep(pause);
      pause =
          pause.multipliedBy(2).compareTo(MAX_VERIFY_PAUSE) > 0
              ? MAX_VERIFY_PAUSE
              : pause.multipliedBy(2);
    }
  }

  static String summary(boolean applied, List<CleanupFinding> findings, List<String> stillThere) {
    long would = count(findings, CleanupAction.WOULD_DELETE);
    long refused = count(findings, CleanupAction.REFUSED);
    long dns = count(findings, CleanupAction.REVERT_BY_COMMAND);
    String dnsPart = dns == 0 ? "" : ", " + dns + " DNS change(s) to revert by command";
    if (!applied) {
      return "dry run: "
          + would
          + " would be deleted, "
          + refused
          + " refused"
          + dnsPart
          + (would > 0 ? "; run again with --apply to delete" : "");
    }
    return "applied: "
        + count(findings, CleanupAction.DELETED)
        + " deleted, "
        + count(findings, CleanupAction.FAILED)
        + " failed, "
        + refused
        + " refused"
        + dnsPart
        + ", "
        + (stillThere.isEmpty()
            ? "nothing of the run left"
            : "still there: " + String.join(", ", stillThere));
  }

  private static long count(List<CleanupFinding> findings, CleanupAction action) {
    return findings.stream().filter(f -> f.action() == action).count();
  }

  private static int rank(String type) {
    int i = ORDER.indexOf(type);
    return i < 0 ? ORDER.size() : i;
  }

  private static CleanupFinding finding(TaggedResource r, CleanupAction action, String detail) {
    return new CleanupFinding(r.type(), r.id(), r.region(), action, detail, r.tags());
  }

  private static String key(TaggedResource r) {
    return r.region() + " " + r.type() + " " + r.id();
  }

  private static String key(CleanupFinding f) {
    return f.region() + " " + f.type() + " " + f.id();
  }

  @Override
  public String status() {
    return phases.current();
  }
}
