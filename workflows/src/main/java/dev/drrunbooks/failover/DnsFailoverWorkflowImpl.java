package dev.drrunbooks.failover;

import dev.drrunbooks.activities.catalog.CatalogActivities;
import dev.drrunbooks.activities.http.HttpProbeActivities;
import dev.drrunbooks.activities.http.ProbeReport;
import dev.drrunbooks.activities.http.ProbeVerdict;
import dev.drrunbooks.activities.route53.HealthCheckState;
import dev.drrunbooks.activities.route53.Route53Activities;
import dev.drrunbooks.activities.route53.WeightChange;
import dev.drrunbooks.activities.route53.WeightedRecordState;
import dev.drrunbooks.approval.ApprovalGate;
import dev.drrunbooks.approval.GateApprovers;
import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.approval.GatePolicy;
import dev.drrunbooks.approval.GatedWorkflow;
import dev.drrunbooks.catalog.DnsRecordSpec;
import dev.drrunbooks.catalog.FailoverPolicy;
import dev.drrunbooks.catalog.GateDefault;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.catalog.WeightedTarget;
import dev.drrunbooks.lock.LockedResource;
import dev.drrunbooks.lock.ResourceLocks;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.Cleanup;
import dev.drrunbooks.model.Inputs;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.Phases;
import dev.drrunbooks.model.Polls;
import dev.drrunbooks.model.ServiceLookup;
import dev.drrunbooks.model.Timeline;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The runbook's DNS failover (and failback) of one service's weighted record.
 *
 * <p>Assessing the source (since version 1 of {@link #HEALTH_RULE_CHANGE}; issue 10, finding 5):
 * the Route53 health check counts as healthy by Route 53's own rule, more than 18% of its checkers
 * ({@link HealthCheckState#healthy()}), not a majority. The source is healthy only when every
 * signal (HTTP probes, health check, alarm) says so. When the signals disagree, the disagreement is
 * named in the assessment, the timeline (before the gate), the status while waiting and the
 * result's summary, and a gate nobody answers aborts instead of proceeding. A service whose policy
 * has no gate (automatic failover) proceeds as its policy says, with the disagreement on record.
 * Only {@code force} keeps the configured timeout default.
 *
 * <p>The gate follows the catalog (since version 1 of {@link #CATALOG_GATE_POLICY}; issue 10,
 * finding 10): the input may strengthen the service's policy, never weaken it ({@link GatePolicy});
 * a weakening input is refused as InvalidInput before the lock or any check. The only way past a
 * required gate without an answer is {@code breakGlass} (a person and a reason, recorded as
 * BREAK_GLASS), or a parent evacuation's own gate ({@code parentApproval}, accepted only from a
 * parent run).
 */
public class DnsFailoverWorkflowImpl extends GatedWorkflow implements DnsFailoverWorkflow {
  public static final String GATE_STEP = "switch-traffic";

  /** What the run refuses in its input before it does anything (the starter checks them too). */
  public static final DnsFailoverInputRules RULES = new DnsFailoverInputRules();

  /**
   * Version 1: Route 53's 18% rule for the health check; with disagreeing signals a gate's timeout
   * aborts.
   */
  public static final String HEALTH_RULE_CHANGE = "route53-health-rule";

  /**
   * Version 1: the input cannot weaken the catalog's gate; break-glass and a parent's gate are
   * recorded as such.
   */
  public static final String CATALOG_GATE_POLICY = "dns-catalog-gate-policy";

  private static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  /** Route53 propagates a change to all its servers within about a minute; ten is generous. */
  private static final Duration IN_SYNC_BUDGET = Duration.ofMinutes(10);

  /** Version marker: each weight change is read back and compared field by field once INSYNC. */
  static final String VERIFY_RECORD_SETS = "dns-verify-record-sets";

  private final CatalogActivities catalog = ActivityDefaults.shortCallStub(CatalogActivities.class);
  private final Route53Activities route53 = ActivityDefaults.shortCallStub(Route53Activities.class);
  private final CloudWatchActivities cloudWatch =
      ActivityDefaults.shortCallStub(CloudWatchActivities.class);
  private final HttpProbeActivities http =
      ActivityDefaults.shortCallStub(HttpProbeActivities.class);

  private final Phases phases = new Phases();
  private final Cleanup cleanup = new Cleanup();
  private final ResourceLocks locks = new ResourceLocks();
  private WeightedRecordState before;
  private DnsRecordSpec record;
  private String detail = "";

  @Override
  public DnsFailoverResult run(DnsFailoverInput input) {
    return locks.holdingWhile(() -> switchTraffic(input));
  }

  private DnsFailoverResult switchTraffic(DnsFailoverInput input) {
    Instant start = Timeline.now();
    DnsFailoverInput in = input == null ? DnsFailoverInput.of(null, null) : input;
    RULES.checkInput(in, Timeline.now());
    String serviceKey = Inputs.serviceKey("service", in.service(), false);
    Direction direction = in.direction() == null ? Direction.FAILOVER : in.direction();
    Instant incident = Inputs.instant("incidentTime", in.incidentTime());
    boolean force = Boolean.TRUE.equals(in.force());
    int probes = DnsFailoverInputRules.probes(in.probes());
    phases.tag(direction == Direction.FAILOVER ? "dns-failover" : "dns-failback", serviceKey);

    phases.enter("resolve");
    ServiceDefinition service = ServiceLookup.resolve(catalog, timeline, serviceKey);
    DnsRecordSpec dns = DnsFailoverInputRules.requireDns(service);
    record = dns;
    FailoverPolicy policy = service.spec().failoverPolicy();
    GatePolicy gatePolicy = gatePolicy(service, policy, in);
    boolean requireApproval = gatePolicy.required();
    Duration approvalTimeout = gatePolicy.timeout();
    GateDefault onTimeout = gatePolicy.onTimeout();
    List<Integer> stages =
        DnsFailoverInputRules.stages(in.stages() != null ? in.stages() : policy.stages());
    WeightedTarget from = direction == Direction.FAILOVER ? dns.primary() : dns.secondary();
    WeightedTarget to = direction == Direction.FAILOVER ? dns.secondary() : dns.primary();
    String label = dns.name() + " " + direction.name().toLowerCase();
    if (Workflow.getVersion(ResourceLocks.CHANGE_ID, Workflow.DEFAULT_VERSION, 1) >= 1) {
      // Failover and failback of a record share the lock: two runs must never move one record's
      // weights.
      phases.enter("lock");
      locks.acquire(
          LockedResource.DNS_RECORD.named(dns.name()),
          direction == Direction.FAILOVER ? "dns-failover" : "dns-failback");
    }

    phases.enter("assess");
    before =
        timeline.step(
            "read weights of " + dns.name(),
            () -> route53.readWeights(dns),
            WeightedRecordState::describe);
    if (weightOf(before, to) != null
        && weightOf(before, to) == 100
        && Long.valueOf(0).equals(weightOf(before, from))) {
      return end(
          service,
          direction,
          FailoverOutcome.ALREADY_DONE,
          null,
          List.of("all traffic already goes to " + to.setIdentifier()),
          List.of(),
          start,
          incident,
          "Nothing to do: " + before.describe());
    }
    List<String> assessment = new ArrayList<>();
    String disagreement = null;
    if (direction == Direction.FAILOVER && !Boolean.TRUE.equals(in.skipAssessment())) {
      boolean route53Rule =
          Workflow.getVersion(HEALTH_RULE_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
      Instant assessed = Timeline.now();
      SourceSignals signals = assessSource(dns, from, probes, assessment, route53Rule);
      if (signals.healthy() && !force) {
        return end(
            service,
            direction,
            FailoverOutcome.NOT_NEEDED,
            null,
            assessment,
            List.of(),
            start,
            incident,
            "No failover needed: " + from.setIdentifier() + " (" + from.region() + ") is healthy");
      }
      if (route53Rule && signals.disagreement() != null) {
        disagreement = signals.disagreement();
        assessment.add(disagreement);
        timeline.record(
            "assessment of " + from.setIdentifier() + " (" + from.region() + ")",
            assessed,
            Outcome.FAILED,
            disagreement
                + (force
                    ? "; forced"
                    : requireApproval
                        ? "; a gate nobody answers aborts"
                        : "; the service's policy allows automatic failover"));
      }
    }
    boolean abortOnSilence = disagreement != null && !force;

    phases.enter("check-target");
    ProbeReport target = probe(to, probes, "target");
    assessment.add("target " + target.describe());
    if (target.verdict() != ProbeVerdict.HEALTHY && !force) {
      throw ApplicationFailure.newNonRetryableFailure(
          "refusing to send traffic to "
              + to.setIdentifier()
              + " ("
              + to.region()
              + "): "
              + target.describe()
              + "; run with force to override",
          "TargetUnhealthy");
    }

    phases.enter("approval");
    detail = "waiting for approval of " + label + (disagreement == null ? "" : ": " + disagreement);
    GateDecision decision =
        requireApproval
            ? gate.await(
                GATE_STEP,
                approvalTimeout,
                abortOnSilence ? GateDefault.ABORT : onTimeout,
                GateApprovers.forGate(GATE_STEP, List.of(service)))
            : passWithoutWaiting(gatePolicy, policy, in.parentApproval(), disagreement);
    String disagreed =
        (disagreement == null ? "" : " (" + disagreement + ")")
            + (decision.verdict() == GateDecision.Verdict.BREAK_GLASS
                ? " (break-glass by " + decision.who() + ": " + decision.why() + ")"
                : "");
    if (!decision.proceeds()) {
      return end(
          service,
          direction,
          FailoverOutcome.ABORTED,
          decision,
          assessment,
          List.of(),
          start,
          incident,
          "Aborted: "
              + decision.verdict()
              + " by "
              + decision.who()
              + " ("
              + decision.why()
              + ")"
              + disagreed);
    }

    try {
      phases.enter("switch");
      WeightedRecordState recorded = before;
      cleanup.add(
          "dns:" + dns.name(),
          () -> {
            setWeights(dns, recorded.primaryWeight(), recorded.secondaryWeight());
            return "weights restored to " + recorded.describe();
          });
      for (int stage : stages) {
        detail = stage + "% of traffic to " + to.setIdentifier();
        long toWeight = stage;
        long fromWeight = 100 - stage;
        timeline.step(
            "shift " + stage + "% to " + to.setIdentifier(),
            () -> {
              setWeights(
                  dns,
                  direction == Direction.FAILOVER ? fromWeight : toWeight,
                  direction == Direction.FAILOVER ? toWeight : fromWeight);
              return null;
            },
            x -> "INSYNC");
        if (stage < 100) {
          ProbeReport between = probe(to, probes, "after " + stage + "%");
          if (between.verdict() != ProbeVerdict.HEALTHY) {
            throw ApplicationFailure.newNonRetryableFailure(
                "at "
                    + stage
                    + "% "
                    + to.setIdentifier()
                    + " became unhealthy: "
                    + between.describe(),
                "StageCheckFailed");
          }
        }
      }

      phases.enter("verify");
      List<ProbeReport> verification = new ArrayList<>();
      if (service.spec().healthEndpoint() != null) {
        verification.add(
            timeline.step(
                "probe " + service.spec().healthEndpoint(),
                () ->
                    http.probe(
                        service.spec().healthEndpoint(), probes, PROBE_INTERVAL, PROBE_TIMEOUT),
                ProbeReport::describe));
      }
      verification.add(probe(to, probes, "verify"));
      WeightedRecordState after =
          timeline.step(
              "read back weights", () -> route53.readWeights(dns), WeightedRecordState::describe);
      List<String> problems = new ArrayList<>();
      verification.stream()
          .filter(p -> p.verdict() != ProbeVerdict.HEALTHY)
          .forEach(p -> problems.add(p.describe()));
      if (!Long.valueOf(100).equals(weightOf(after, to))
          || !Long.valueOf(0).equals(weightOf(after, from))) {
        problems.add("Route53 reports " + after.describe());
      }
      if (!problems.isEmpty()) {
        throw ApplicationFailure.newNonRetryableFailure(
            "verification failed: " + String.join("; ", problems), "VerificationFailed");
      }
      phases.enter("done");
      return new DnsFailoverResult(
          service.key(),
          dns.name(),
          direction,
          FailoverOutcome.SWITCHED,
          before,
          after,
          decision,
          assessment,
          verification,
          rto(service, start, incident),
          timeline.entries(),
          "Switched "
              + dns.name()
              + " to "
              + to.setIdentifier()
              + " ("
              + to.region()
              + "): "
              + before.describe()
              + " -> "
              + after.describe()
              + disagreed);
    } catch (TemporalFailure e) {
      throw cleanup.endRun(e, timeline, phases, null);
    }
  }

  /**
   * No one to wait for: a person broke the glass, a parent's gate covers the run, or the catalog
   * needs no approval.
   */
  private GateDecision passWithoutWaiting(
      GatePolicy gatePolicy,
      FailoverPolicy policy,
      GateDecision parentApproval,
      String disagreement) {
    if (gatePolicy.breakGlass() != null) {
      return gate.breakGlass(
          GATE_STEP,
          gatePolicy.breakGlass(),
          "the catalog's policy (" + GatePolicy.describe(policy) + ")");
    }
    if (parentApproval != null) {
      return gate.coveredByParent(
          GATE_STEP, parentApproval, Workflow.getInfo().getParentWorkflowId().orElseThrow());
    }
    return ApprovalGate.notRequired(
        GATE_STEP,
        "the service's policy allows automatic failover"
            + (disagreement == null ? "" : "; " + disagreement));
  }

  /**
   * The gate from the catalog's policy and the input (see {@link GatePolicy}); runs recorded before
   * {@link #CATALOG_GATE_POLICY} let the input override the policy.
   */
  private static GatePolicy gatePolicy(
      ServiceDefinition service, FailoverPolicy policy, DnsFailoverInput in) {
    if (Workflow.getVersion(CATALOG_GATE_POLICY, Workflow.DEFAULT_VERSION, 1) < 1) {
      return new GatePolicy(
          in.requireApproval() != null ? in.requireApproval() : policy.requireApproval(),
          Inputs.duration("approvalTimeout", in.approvalTimeout(), policy.approvalTimeout()),
          Inputs.gateDefault(
              "onApprovalTimeout", in.onApprovalTimeout(), policy.onApprovalTimeout()),
          null);
    }
    if (in.parentApproval() != null) {
      if (Workflow.getInfo().getParentWorkflowId().isEmpty()) {
        throw Inputs.invalid(
            "parentApproval",
            in.parentApproval().verdict(),
            "only a parent run (a region evacuation) passes its gate's decision to this run; use"
                + " breakGlass with who and reason instead");
      }
      if (!in.parentApproval().proceeds() || in.breakGlass() != null) {
        throw Inputs.invalid(
            "parentApproval",
            in.parentApproval().verdict(),
            "a parent passes only a decision to " + "go ahead, and never with breakGlass");
      }
      return new GatePolicy(
          false,
          Inputs.duration("approvalTimeout", in.approvalTimeout(), policy.approvalTimeout()),
          GateDefault.ABORT,
          null);
    }
    return GatePolicy.enforce(
        "service " + service.key(),
        policy,
        policy,
        in.requireApproval(),
        in.approvalTimeout(),
        in.onApprovalTimeout(),
        in.breakGlass());
  }

  /**
   * The source region's health: several HTTP probes, the Route53 health check, the CloudWatch
   * alarm.
   *
   * @param route53Rule Route 53's 18% rule for the health check (else the majority rule of runs
   *     recorded before)
   */
  private SourceSignals assessSource(
      DnsRecordSpec dns,
      WeightedTarget from,
      int probes,
      List<String> evidence,
      boolean route53Rule) {
    SourceSignals signals = new SourceSignals(List.of());
    if (from.healthEndpoint() != null) {
      ProbeReport report = probe(from, probes, "source");
      evidence.add("source " + report.describe());
      signals = signals.with("HTTP probes", report.verdict() == ProbeVerdict.HEALTHY);
    }
    if (dns.healthCheck() != null) {
      HealthCheckState hc =
          timeline.step(
              "Route53 health check of " + dns.name(),
              () -> route53.healthCheckStatus(dns),
              h -> h.healthyCheckers() + "/" + h.checkers() + " checkers healthy");
      boolean healthy = route53Rule ? hc.healthy() : hc.healthyByMajority();
      evidence.add(
          "Route53 health check "
              + hc.healthCheckId()
              + ": "
              + hc.healthyCheckers()
              + "/"
              + hc.checkers()
              + " checkers healthy"
              + (route53Rule
                  ? (healthy ? ": healthy" : ": unhealthy") + " (Route 53 needs more than 18%)"
                  : ""));
      signals = signals.with("Route53 health check", healthy);
    }
    if (from.alarm() != null) {
      AlarmState alarm =
          timeline.step(
              "CloudWatch alarm " + from.alarm(),
              () -> cloudWatch.alarmState(from.region(), from.alarm()),
              AlarmState::state);
      evidence.add("alarm " + alarm.alarmName() + " (" + alarm.region() + "): " + alarm.state());
      signals = signals.with("CloudWatch alarm", !alarm.firing());
    }
    return signals;
  }

  private ProbeReport probe(WeightedTarget target, int probes, String why) {
    if (target.healthEndpoint() == null) {
      throw Inputs.invalid(
          "service", target.setIdentifier(), "the catalog gives no healthEndpoint for this target");
    }
    return timeline.step(
        "probe " + target.setIdentifier() + " (" + why + ")",
        () -> http.probe(target.healthEndpoint(), probes, PROBE_INTERVAL, PROBE_TIMEOUT),
        ProbeReport::describe);
  }

  /**
   * One weight change, INSYNC, then (from {@link #VERIFY_RECORD_SETS} on) the sets read back: the
   * weights as intended and every other field (health check, TTL, alias target...) as before the
   * change, else the run fails naming the field.
   */
  private void setWeights(DnsRecordSpec dns, long primary, long secondary) {
    // Runs begun before INSYNC waits polled one attempt at a time keep the heartbeating one.
    boolean perAttempt = Polls.perAttempt(Polls.DNS_CHANGE_ID);
    Route53Activities waiting =
        Workflow.newActivityStub(
            Route53Activities.class,
            Polls.options(
                perAttempt,
                Timeline.now().plus(IN_SYNC_BUDGET),
                "wait until the weight change on " + dns.name() + " is INSYNC"));
    if (Workflow.getVersion(VERIFY_RECORD_SETS, Workflow.DEFAULT_VERSION, 1) < 1) {
      String change =
          route53.upsertWeights(dns, primary, secondary); // recorded before the field check
      inSync(waiting, perAttempt, change);
      return;
    }
    WeightChange change = route53.changeWeights(dns, primary, secondary);
    inSync(waiting, perAttempt, change.changeId());
    route53.verifyWeights(dns, change, primary, secondary);
  }

  /** Waits until Route53 applied {@code changeId}, within {@link #IN_SYNC_BUDGET} from now. */
  private static void inSync(Route53Activities waiting, boolean perAttempt, String changeId) {
    Instant deadline = Timeline.now().plus(IN_SYNC_BUDGET);
    if (perAttempt) waiting.pollInSync(changeId, deadline);
    else waiting.awaitInSync(changeId, deadline);
  }

  /** The weight of the catalog's primary or secondary set: which one {@code target} is decides. */
  private Long weightOf(WeightedRecordState state, WeightedTarget target) {
    return target.equals(record.primary()) ? state.primaryWeight() : state.secondaryWeight();
  }

  private DnsFailoverResult end(
      ServiceDefinition service,
      Direction direction,
      FailoverOutcome outcome,
      GateDecision decision,
      List<String> assessment,
      List<ProbeReport> verification,
      Instant start,
      Instant incident,
      String summary) {
    phases.enter(outcome == FailoverOutcome.ABORTED ? "aborted" : "done");
    detail = summary;
    return new DnsFailoverResult(
        service.key(),
        service.dns().name(),
        direction,
        outcome,
        before,
        before,
        decision,
        assessment,
        verification,
        outcome == FailoverOutcome.SWITCHED ? rto(service, start, incident) : null,
        timeline.entries(),
        summary);
  }

  private static ObjectiveCheck rto(ServiceDefinition service, Instant start, Instant incident) {
    Instant from = incident != null ? incident : start;
    return ObjectiveCheck.of(
        service.spec().objectives().rto(),
        Duration.between(from, Timeline.now()),
        incident != null ? "from incident time " + incident : "from run start " + start);
  }

  @Override
  public FailoverStatus status() {
    return new FailoverStatus(phases.current(), gate.waiting(), before, detail, gate.ignored());
  }
}
