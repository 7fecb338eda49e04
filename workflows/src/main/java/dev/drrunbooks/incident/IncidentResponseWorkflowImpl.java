package dev.drrunbooks.incident;

import dev.drrunbooks.activities.catalog.CatalogActivities;
import dev.drrunbooks.activities.http.Escalation;
import dev.drrunbooks.activities.http.EscalationActivities;
import dev.drrunbooks.activities.report.ReportActivities;
import dev.drrunbooks.activities.report.ReportFiles;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.approval.GatePolicy;
import dev.drrunbooks.catalog.Durations;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryInput;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryResult;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryWorkflow;
import dev.drrunbooks.datarecovery.DataRecoveryOutcome;
import dev.drrunbooks.ecsrecovery.EcsRecoveryInput;
import dev.drrunbooks.ecsrecovery.EcsRecoveryResult;
import dev.drrunbooks.ecsrecovery.EcsServiceRecoveryWorkflow;
import dev.drrunbooks.failover.Direction;
import dev.drrunbooks.failover.DnsFailoverInput;
import dev.drrunbooks.failover.DnsFailoverResult;
import dev.drrunbooks.failover.DnsFailoverWorkflow;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.Inputs;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.Phases;
import dev.drrunbooks.model.Timeline;
import dev.drrunbooks.model.TimelineEntry;
import dev.drrunbooks.pitr.PointInTimeRestoreInput;
import dev.drrunbooks.pitr.PointInTimeRestoreResult;
import dev.drrunbooks.pitr.PointInTimeRestoreWorkflow;
import dev.drrunbooks.report.FollowUpDrill;
import dev.drrunbooks.report.RunReport;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The incident's deadlines are timers from detection (see {@link IncidentPhase}); the main loop sleeps
 * until the next deadline of a phase not yet done or until an update changes something, escalates each
 * missed phase once (asynchronously, so a slow webhook delays nothing), and ends on resolve.
 */
public class IncidentResponseWorkflowImpl implements IncidentResponseWorkflow {
  public static final String PROCEDURE = "incident-response";
  /**
   * Version 1: the recovery phase is done when a recovery procedure started from the incident succeeds (not
   * when it starts), and is due within the strictest RTO (see {@link IncidentPhase#RECOVERY}).
   */
  public static final String RECOVERY_DONE_ON_CHILD_SUCCESS = "incident-recovery-done-on-child-success";

  private final CatalogActivities catalog =
      Workflow.newActivityStub(CatalogActivities.class, ActivityDefaults.shortCalls());
  private final ReportActivities reports =
      Workflow.newActivityStub(ReportActivities.class, ActivityDefaults.shortCalls());
  /** A webhook that stays down must not hold an escalation for long: it is recorded as failed instead. */
  private final EscalationActivities escalation = Workflow.newActivityStub(EscalationActivities.class,
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setHeartbeatTimeout(ActivityDefaults.HEARTBEAT_TIMEOUT)
          .setScheduleToCloseTimeout(Duration.ofMinutes(5))
          .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(2))
              .setMaximumInterval(Duration.ofSeconds(30)).build())
          .build());

  private final Timeline timeline = new Timeline();
  private final Phases phases = new Phases();

  private String incidentId;
  private Severity severity;
  private List<String> services;
  private String summary;
  private Instant detectedAt;
  /** Set once the input is parsed: validators refuse updates before that. */
  private boolean started;
  /** Set once the services are resolved from the catalog: handlers wait for it. */
  private boolean opened;
  private final Map<String, ServiceDefinition> definitions = new LinkedHashMap<>();
  private String acknowledgedBy;
  private final Map<IncidentPhase, Instant> doneAt = new EnumMap<>(IncidentPhase.class);
  private final Map<IncidentPhase, String> doneBy = new EnumMap<>(IncidentPhase.class);
  private final Set<IncidentPhase> escalated = EnumSet.noneOf(IncidentPhase.class);
  private final List<Promise<Void>> escalations = new ArrayList<>();
  private final Map<String, Instant> verifiedAt = new LinkedHashMap<>();
  private final Map<String, ChildRecovery> children = new LinkedHashMap<>();
  private final Map<String, List<TimelineEntry>> childTimelines = new LinkedHashMap<>();
  private final Map<String, ObjectiveCheck> rpoByService = new LinkedHashMap<>();
  private final Map<String, ValidationReport> validationByService = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private final List<String> severityHistory = new ArrayList<>();
  private Resolution resolution;
  private Instant resolvedAt;
  /** Decided once per run ({@link #RECOVERY_DONE_ON_CHILD_SUCCESS}): runs recorded before keep "started" and +20m. */
  private boolean recoveryDoneOnChildSuccess;
  /** Bumped by every update that changes deadlines or what is done: wakes the main loop. */
  private int version;

  @Override
  public IncidentResult run(IncidentInput input) {
    IncidentInput in = input == null ? new IncidentInput(null, null, null, null, null) : input;
    incidentId = Workflow.getInfo().getWorkflowId();
    severity = Severity.parseInput("severity", in.severity());
    if (in.services() == null || in.services().isEmpty()) {
      throw Inputs.invalid("services", in.services(), "at least one catalog service key, e.g. [\"inventory\"]");
    }
    LinkedHashSet<String> keys = new LinkedHashSet<>();
    in.services().forEach(s -> keys.add(Inputs.serviceKey("services", s, false)));
    services = List.copyOf(keys);
    if (in.summary() == null || in.summary().isBlank()) {
      throw Inputs.invalid("summary", in.summary(), "say in a line what is wrong, e.g. \"API returns 503\"");
    }
    summary = in.summary().trim();
    Instant now = Timeline.now();
    Instant given = Inputs.instant("detectedAt", in.detectedAt());
    if (given != null && given.isAfter(now)) {
      throw Inputs.invalid("detectedAt", in.detectedAt(), "must not be in the future (now is " + now + ")");
    }
    detectedAt = given != null ? given : now;
    String openedBy = in.openedBy() == null || in.openedBy().isBlank() ? "alert" : in.openedBy().trim();
    severityHistory.add(severity + " at open by " + openedBy);
    recoveryDoneOnChildSuccess =
        Workflow.getVersion(RECOVERY_DONE_ON_CHILD_SUCCESS, Workflow.DEFAULT_VERSION, 1) >= 1;
    started = true;
    phases.tag(PROCEDURE, String.join(",", services));
    phases.enter("opening");

    for (String key : services) {
      try {
        definitions.put(key, timeline.step("resolve " + key, () -> catalog.resolveServices(key).get(0),
            s -> "RTO " + Durations.format(s.spec().objectives().rto()) + ", RPO "
                + Durations.format(s.spec().objectives().rpo())));
      } catch (ActivityFailure e) {
        throw ApplicationFailure.newNonRetryableFailure("services: " + Failures.rootMessage(e), Inputs.INVALID_INPUT);
      }
    }
    timeline.record("incident opened: " + severity + " " + summary, detectedAt, Outcome.SUCCEEDED,
        "by " + openedBy + "; services " + String.join(", ", services) + "; deadlines " + deadlinesLine());
    opened = true;
    enterCurrentPhase();

    while (resolution == null) {
      Instant t = Timeline.now();
      for (IncidentPhase p : IncidentPhase.values()) {
        Instant deadline = deadlineOf(p);
        if (!doneAt.containsKey(p) && !escalated.contains(p) && deadline != null && !t.isBefore(deadline)) {
          escalate(p, deadline);
        }
      }
      Instant next = nextDeadline();
      int seen = version;
      if (next == null) {
        Workflow.await(() -> resolution != null || version != seen);
      } else {
        Workflow.await(Duration.between(Timeline.now(), next), () -> resolution != null || version != seen);
      }
    }

    // Let escalations in flight finish (they record themselves), and update handlers return.
    for (Promise<Void> p : escalations) p.get();
    Workflow.await(Workflow::isEveryHandlerFinished);
    return end();
  }

  private void escalate(IncidentPhase phase, Instant deadline) {
    escalated.add(phase);
    Instant start = Timeline.now();
    Escalation e = new Escalation(incidentId, severity.name(), services, summary, phase.label(), detectedAt, deadline,
        phase.missing());
    escalations.add(Async.function(escalation::escalate, e).handle((answer, failure) -> {
      timeline.record("escalation: " + phase.label() + " deadline missed", start,
          failure == null ? Outcome.SUCCEEDED : Outcome.FAILED,
          "deadline " + deadline + " (" + severity + "): " + phase.missing() + "; webhook: "
              + (failure == null ? answer : "not delivered: " + Failures.rootMessage(failure)));
      return null;
    }));
  }

  private Instant nextDeadline() {
    Instant next = null;
    for (IncidentPhase p : IncidentPhase.values()) {
      Instant d = deadlineOf(p);
      if (d == null || doneAt.containsKey(p) || escalated.contains(p)) continue;
      if (next == null || d.isBefore(next)) next = d;
    }
    return next;
  }

  /**
   * Detection + the phase's P1 offset scaled by severity; verification (and recovery, since
   * {@link #RECOVERY_DONE_ON_CHILD_SUCCESS}): the strictest RTO, scaled.
   */
  private Instant deadlineOf(IncidentPhase p) {
    boolean byRto = p.p1Deadline() == null || (p == IncidentPhase.RECOVERY && recoveryDoneOnChildSuccess);
    if (!byRto) return detectedAt.plus(severity.scaled(p.p1Deadline()));
    Duration rto = strictestRto();
    return rto == null ? null : detectedAt.plus(severity.scaled(rto));
  }

  private Duration strictestRto() {
    return definitions.values().stream().map(s -> s.spec().objectives().rto()).filter(d -> d != null)
        .min(Duration::compareTo).orElse(null);
  }

  private String deadlinesLine() {
    List<String> parts = new ArrayList<>();
    for (IncidentPhase p : IncidentPhase.values()) {
      Instant d = deadlineOf(p);
      if (d != null) parts.add(p.label() + " +" + Durations.format(Duration.between(detectedAt, d)));
    }
    return String.join(", ", parts);
  }

  private String currentPhase() {
    if (resolution != null) return "resolved";
    if (!opened) return "opening";
    for (IncidentPhase p : IncidentPhase.values()) if (!doneAt.containsKey(p)) return p.label();
    return "ready-to-resolve";
  }

  /** Upserts DrPhase only when the phase changes, so updates that change nothing add no history events. */
  private void enterCurrentPhase() {
    String now = currentPhase();
    if (!now.equals(phases.current())) phases.enter(now);
  }

  private void markDone(IncidentPhase p, String who) {
    if (doneAt.containsKey(p)) return;
    doneAt.put(p, Timeline.now());
    doneBy.put(p, who);
  }

  private void changed() {
    version++;
    enterCurrentPhase();
  }

  // ---- updates -------------------------------------------------------------------------------------------

  private void requireOpen() {
    if (!started || !opened) {
      throw new IllegalArgumentException("the incident is still opening (reading its services from the catalog); "
          + "try again in a moment");
    }
    if (resolution != null) {
      throw new IllegalArgumentException("the incident is resolved (by " + resolution.who() + "); open a new one");
    }
  }

  private static void requireWhoWhy(String who, String why, String whyHint) {
    if (who == null || who.isBlank()) throw new IllegalArgumentException("who: say who you are");
    if (why == null || why.isBlank()) throw new IllegalArgumentException("why: " + whyHint);
  }

  private void requireAcknowledged(String what) {
    if (acknowledgedBy == null) {
      throw new IllegalArgumentException("the incident is not acknowledged yet: acknowledge it before you " + what);
    }
  }

  private void requireService(String field, String service) {
    if (service == null || !services.contains(service.trim())) {
      throw new IllegalArgumentException(field + ": '" + service + "' is not affected by this incident; affected: "
          + String.join(", ", services));
    }
  }

  @Override
  public void validateAcknowledge(Acknowledgement ack) {
    requireOpen();
    if (ack == null || ack.who() == null || ack.who().isBlank()) {
      throw new IllegalArgumentException("who: say who takes the incident");
    }
    if (acknowledgedBy != null) {
      throw new IllegalArgumentException("already acknowledged by " + acknowledgedBy + " at " + doneAt.get(
          IncidentPhase.DETECTION));
    }
  }

  @Override
  public IncidentStatus acknowledge(Acknowledgement ack) {
    acknowledgedBy = ack.who().trim();
    markDone(IncidentPhase.DETECTION, acknowledgedBy);
    timeline.record("acknowledged by " + acknowledgedBy, Timeline.now(), Outcome.SUCCEEDED,
        ack.why() == null ? "" : ack.why());
    changed();
    return status();
  }

  @Override
  public void validateChangeSeverity(SeverityChange change) {
    requireOpen();
    if (change == null) throw new IllegalArgumentException("severity: give the new severity, who and why");
    Severity next = Severity.parse("severity", change.severity());
    requireWhoWhy(change.who(), change.why(), "say why the severity changes");
    if (next == severity) throw new IllegalArgumentException("severity: the incident is already " + severity);
  }

  @Override
  public IncidentStatus changeSeverity(SeverityChange change) {
    Severity before = severity;
    severity = Severity.parse("severity", change.severity());
    severityHistory.add(before + " -> " + severity + " by " + change.who() + ": " + change.why());
    timeline.record("severity " + before + " -> " + severity, Timeline.now(), Outcome.SUCCEEDED,
        "by " + change.who() + ": " + change.why() + "; deadlines now " + deadlinesLine());
    changed();
    return status();
  }

  @Override
  public void validateNote(IncidentNote note) {
    requireOpen();
    if (note == null || note.who() == null || note.who().isBlank()) throw new IllegalArgumentException("who: say who writes the note");
    if (note.text() == null || note.text().isBlank()) throw new IllegalArgumentException("text: the note is empty");
    String kind = note.kind() == null || note.kind().isBlank() ? "note" : note.kind().trim().toLowerCase();
    if (!IncidentNote.KINDS.contains(kind)) {
      throw new IllegalArgumentException("kind: '" + note.kind() + "' is not valid; allowed: "
          + String.join(", ", IncidentNote.KINDS));
    }
  }

  @Override
  public IncidentStatus note(IncidentNote note) {
    String kind = note.kind() == null || note.kind().isBlank() ? "note" : note.kind().trim().toLowerCase();
    switch (kind) {
      case "assessment" -> markDone(IncidentPhase.ASSESSMENT, note.who());
      case "communication" -> markDone(IncidentPhase.COMMUNICATION, note.who());
      case "recovery" -> {
        markDone(IncidentPhase.ASSESSMENT, note.who());
        markDone(IncidentPhase.RECOVERY, note.who());
      }
      default -> { }
    }
    notes.add(kind + " by " + note.who() + ": " + note.text());
    timeline.record(kind + " by " + note.who(), Timeline.now(), Outcome.SUCCEEDED, note.text());
    changed();
    return status();
  }

  @Override
  public void validateRecover(RecoveryRequest r) {
    requireOpen();
    if (r == null) throw new IllegalArgumentException("kind: allowed: " + String.join(", ", RecoveryRequest.KINDS));
    requireWhoWhy(r.who(), r.why(), "say why this recovery");
    requireAcknowledged("start a recovery");
    String kind = r.kind() == null ? null : r.kind().trim().toLowerCase();
    if (!RecoveryRequest.KINDS.contains(kind)) {
      throw new IllegalArgumentException("kind: '" + r.kind() + "' is not valid; allowed: "
          + String.join(", ", RecoveryRequest.KINDS));
    }
    requireService("service", r.service());
    ServiceDefinition s = definitions.get(r.service().trim());
    switch (kind) {
      case "failover" -> {
        if (s.dns() == null) throw new IllegalArgumentException("service: " + s.key() + " has no DNS record in the catalog to fail over");
        if (Boolean.FALSE.equals(r.requireApproval()) && s.spec().failoverPolicy().withDefaults().requireApproval()) {
          // The failover would refuse it as InvalidInput; say so before it starts (issue 10, finding 10).
          throw new IllegalArgumentException("requireApproval: false is not valid; the catalog's policy for service "
              + s.key() + " is " + GatePolicy.describe(s.spec().failoverPolicy()) + "; a run may strengthen it, "
              + "not weaken it (answer the failover's gate with dr approve)");
        }
      }
      case "restore", "data" -> {
        if (s.spec().database() == null) throw new IllegalArgumentException("service: " + s.key() + " has no database in the catalog to restore");
      }
      default -> {
        if (s.spec().ecs() == null) throw new IllegalArgumentException("service: " + s.key() + " has no ECS service in the catalog to recover");
      }
    }
    children.values().stream().filter(c -> c.running() && c.kind().equals(kind) && c.service().equals(s.key()))
        .findFirst().ifPresent(c -> {
          throw new IllegalArgumentException("a " + kind + " of " + s.key() + " is already running: " + c.workflowId());
        });
  }

  /**
   * Derived from the incident and numbered after the first, so unique per start. Failovers of runs
   * begun before that used the record's id ({@code dns-failover-<record>}); one failover per record
   * is now the failover's own lock, whoever starts it.
   */
  private String childId(String kind, ServiceDefinition s) {
    boolean uniqueFailoverIds = Workflow.getVersion("incident-failover-child-id", Workflow.DEFAULT_VERSION, 1) >= 1;
    if (kind.equals("failover") && !uniqueFailoverIds) return "dns-failover-" + s.dns().name();
    String base = incidentId + (kind.equals("restore") ? "-pitr-" : kind.equals("data") ? "-data-"
        : kind.equals("failover") ? "-failover-" : "-ecs-") + s.key();
    String id = base;
    for (int n = 2; children.containsKey(id) && !children.get(id).running(); n++) id = base + "-" + n;
    return id;
  }

  @Override
  public String recover(RecoveryRequest r) {
    String kind = r.kind().trim().toLowerCase();
    ServiceDefinition s = definitions.get(r.service().trim());
    String id = childId(kind, s);
    ChildWorkflowOptions options = ChildWorkflowOptions.newBuilder().setWorkflowId(id)
        // Resolving (by force) must not cut a procedure off halfway through a switch or a restore.
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON).build();
    Object stub;
    Promise<?> done;
    switch (kind) {
      case "failover" -> {
        DnsFailoverWorkflow child = Workflow.newChildWorkflowStub(DnsFailoverWorkflow.class, options);
        stub = child;
        done = Async.function(child::run, new DnsFailoverInput(s.key(), Direction.FAILOVER, r.force(), null,
            r.requireApproval(), null, null, r.stages(), null, detectedAt.toString(), null, null));
      }
      case "restore" -> {
        PointInTimeRestoreWorkflow child = Workflow.newChildWorkflowStub(PointInTimeRestoreWorkflow.class, options);
        stub = child;
        done = Async.function(child::run, new PointInTimeRestoreInput(s.key(), null, r.restoreTime(),
            r.targetInstance(), detectedAt.toString(), null, null, null, null));
      }
      case "data" -> {
        CorruptedDataRecoveryWorkflow child = Workflow.newChildWorkflowStub(CorruptedDataRecoveryWorkflow.class, options);
        stub = child;
        done = Async.function(child::run, new CorruptedDataRecoveryInput(s.key(), r.restoreTime(), null, null, null));
      }
      default -> {
        EcsServiceRecoveryWorkflow child = Workflow.newChildWorkflowStub(EcsServiceRecoveryWorkflow.class, options);
        stub = child;
        done = Async.function(child::run, new EcsRecoveryInput(s.key(), r.region(), null, r.taskDefinition(),
            r.desiredCount(), null));
      }
    }
    Instant start = Timeline.now();
    children.put(id, new ChildRecovery(id, kind, s.key(), r.who(), start, "RUNNING", null, r.why()));
    done.handle((result, failure) -> {
      childEnded(id, kind, s.key(), result, failure);
      return null;
    });
    try {
      Workflow.getWorkflowExecution(stub).get();
    } catch (TemporalFailure e) {
      // Recorded by childEnded as FAILED; the caller learns why the procedure did not start.
      throw ApplicationFailure.newFailure("could not start " + id + ": " + Failures.rootMessage(e), "RecoveryNotStarted");
    }
    markDone(IncidentPhase.ASSESSMENT, r.who());
    if (!recoveryDoneOnChildSuccess) markDone(IncidentPhase.RECOVERY, r.who());
    changed();
    timeline.record("recovery started: " + id, start, Outcome.SUCCEEDED, kind + " of " + s.key() + " by " + r.who()
        + ": " + r.why());
    return id;
  }

  private void childEnded(String id, String kind, String service, Object result, RuntimeException failure) {
    ChildRecovery before = children.get(id);
    String state;
    String detail;
    if (failure != null) {
      state = "FAILED";
      detail = Failures.rootMessage(failure);
    } else if (result instanceof DnsFailoverResult f) {
      state = f.outcome().name();
      detail = f.summary();
      childTimelines.put(id, f.timeline());
    } else if (result instanceof PointInTimeRestoreResult p) {
      state = "RESTORED";
      detail = p.summary();
      childTimelines.put(id, p.timeline());
      if (p.objectives() != null && p.objectives().rpo() != null) rpoByService.put(service, p.objectives().rpo());
      if (p.validation() != null) validationByService.put(service, p.validation());
    } else if (result instanceof CorruptedDataRecoveryResult d) {
      // A replay whose recovered database is still wrong is not a recovery (runs before that check: null).
      state = d.replay() == null ? "RESTORED_NOT_REPLAYED"
          : d.outcome() == DataRecoveryOutcome.NOT_RECOVERED ? "NOT_RECOVERED" : "RECOVERED";
      detail = d.summary();
      childTimelines.put(id, d.timeline());
      if (d.rpo() != null) rpoByService.put(service, d.rpo());
      if (d.integrity() != null) validationByService.put(service, d.integrity());
    } else if (result instanceof EcsRecoveryResult e) {
      state = "RECOVERED";
      detail = e.summary();
      childTimelines.put(id, e.timeline());
    } else {
      state = "DONE";
      detail = String.valueOf(result);
    }
    children.put(id, new ChildRecovery(id, kind, service, before.startedBy(), before.startedAt(), state,
        Timeline.now(), detail));
    timeline.record("recovery " + id + ": " + state, before.startedAt(),
        failure == null && !state.equals("ABORTED") && !state.equals("NOT_RECOVERED") ? Outcome.SUCCEEDED
            : Outcome.FAILED, detail);
    if (recoveryDoneOnChildSuccess && recovered(failure, state)) markDone(IncidentPhase.RECOVERY, before.startedBy());
    changed();
  }

  /**
   * Whether a child's end completes the recovery phase: it succeeded and changed something. FAILED and
   * ABORTED do not; nor does a failover found NOT_NEEDED (the primary was healthy, nothing was recovered).
   */
  private static boolean recovered(RuntimeException failure, String state) {
    return failure == null && !state.equals("ABORTED") && !state.equals("NOT_NEEDED")
        && !state.equals("NOT_RECOVERED");
  }

  @Override
  public void validateVerify(Verification v) {
    requireOpen();
    if (v == null) throw new IllegalArgumentException("who: say who verified");
    requireWhoWhy(v.who(), v.why(), "say how it was verified (smoke tests, metrics)");
    requireAcknowledged("verify");
    List<String> which = v.services() == null || v.services().isEmpty() ? unverified() : v.services();
    if (which.isEmpty()) throw new IllegalArgumentException("services: every affected service is already verified");
    for (String s : which) {
      requireService("services", s);
      if (verifiedAt.containsKey(s.trim())) {
        throw new IllegalArgumentException("services: " + s + " was already verified at " + verifiedAt.get(s.trim()));
      }
      for (ChildRecovery c : children.values()) {
        if (c.running() && c.service().equals(s.trim())) {
          throw new IllegalArgumentException("services: " + s + " still has a recovery running (" + c.workflowId()
              + "); let it finish, or abort it, before verifying");
        }
      }
    }
  }

  private List<String> unverified() {
    return services.stream().filter(s -> !verifiedAt.containsKey(s)).toList();
  }

  @Override
  public IncidentStatus verify(Verification v) {
    List<String> which = v.services() == null || v.services().isEmpty() ? unverified()
        : v.services().stream().map(String::trim).toList();
    Instant now = Timeline.now();
    which.forEach(s -> verifiedAt.put(s, now));
    if (unverified().isEmpty()) markDone(IncidentPhase.VERIFICATION, v.who());
    timeline.record("verified " + String.join(", ", which) + " by " + v.who(), now, Outcome.SUCCEEDED, v.why());
    changed();
    return status();
  }

  @Override
  public void validateResolve(Resolution r) {
    requireOpen();
    if (r == null) throw new IllegalArgumentException("who: say who resolves");
    requireWhoWhy(r.who(), r.why(), "say why the incident is over");
    if (Boolean.TRUE.equals(r.force())) return;
    List<String> problems = new ArrayList<>();
    if (!unverified().isEmpty()) problems.add("not verified: " + String.join(", ", unverified()));
    children.values().stream().filter(ChildRecovery::running)
        .forEach(c -> problems.add("still running: " + c.workflowId()));
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("cannot resolve: " + String.join("; ", problems)
          + " (verify first, or resolve with force and a reason)");
    }
  }

  @Override
  public IncidentStatus resolve(Resolution r) {
    resolvedAt = Timeline.now();
    resolution = r;
    timeline.record("resolved by " + r.who() + (Boolean.TRUE.equals(r.force()) ? " (forced)" : ""), resolvedAt,
        Outcome.SUCCEEDED, r.why());
    changed();
    return status();
  }

  // ---- the end: objectives and the review ---------------------------------------------------------------

  private IncidentResult end() {
    boolean forced = !unverified().isEmpty() || children.values().stream().anyMatch(ChildRecovery::running);
    String outcome = forced ? "RESOLVED_FORCED" : "RESOLVED";
    List<ServiceRecovery> objectives = new ArrayList<>();
    for (String key : services) {
      ServiceDefinition s = definitions.get(key);
      Instant v = verifiedAt.get(key);
      ObjectiveCheck rto = ObjectiveCheck.of(s.spec().objectives().rto(), v == null ? null : Duration.between(detectedAt, v),
          v == null ? "not verified before the incident was resolved"
              : "from incident time " + detectedAt + " to verification at " + v);
      ObjectiveCheck rpo = rpoByService.getOrDefault(key, ObjectiveCheck.of(s.spec().objectives().rpo(), null,
          "not measured: no restore was run from the incident"));
      objectives.add(new ServiceRecovery(key, v, rto, rpo));
    }
    FollowUpDrill drill = resolution.followUpDrill() != null ? resolution.followUpDrill()
        : FollowUpDrill.none("no drill scheduled: the resolve did not name one (see dr schedules list)");
    long breaches = objectives.stream().filter(o -> o.rto().breached() || (o.rpo() != null && o.rpo().breached())).count();
    String line = severity + " incident " + incidentId + " " + outcome.toLowerCase().replace('_', ' ') + " by "
        + resolution.who() + " after " + Durations.format(Duration.between(detectedAt, resolvedAt)) + "; "
        + escalated.size() + " deadline(s) missed; " + children.size() + " recovery procedure(s); "
        + (breaches == 0 ? "objectives met" : breaches + " service(s) breached an objective");

    RunReport.Builder report = RunReport.builder(incidentId, PROCEDURE, severity + " incident: " + summary)
        .outcome(outcome, !forced, line)
        .clockStart(detectedAt)
        .period(detectedAt, resolvedAt)
        .steps(timeline.entries());
    for (ServiceRecovery o : objectives) {
      report.objectives(o.service(), o.rto(), o.rpo(), o.verifiedAt() != null);
      if (validationByService.containsKey(o.service())) report.validation(o.service(), validationByService.get(o.service()));
    }
    for (ChildRecovery c : children.values()) {
      List<TimelineEntry> steps = childTimelines.get(c.workflowId());
      if (steps != null) {
        report.stepsOf(c.service(), steps.stream().map(e -> new TimelineEntry(c.workflowId() + ": " + e.step(),
            e.start(), e.end(), e.outcome(), e.detail())).toList());
      }
      report.note("Recovery " + c.workflowId() + " (" + c.kind() + " of " + c.service() + ", started by "
          + c.startedBy() + "): " + c.state() + (c.detail() == null ? "" : ": " + c.detail()));
    }
    report.note("Severity: " + String.join("; ", severityHistory));
    for (IncidentPhase p : IncidentPhase.values()) {
      PhaseStatus ps = phaseStatus(p, resolvedAt);
      report.note("Phase " + p.label() + ": " + ps.state() + " (deadline " + ps.deadline()
          + (ps.doneAt() == null ? "" : ", done " + ps.doneAt() + " by " + ps.doneBy())
          + (ps.escalated() ? ", escalated" : "") + ")");
    }
    notes.forEach(n -> report.note("Note: " + n));
    report.note("Root cause: " + (resolution.rootCause() == null || resolution.rootCause().isBlank()
        ? "to be filled in" : resolution.rootCause()));
    report.note("Follow-up DR drill: " + (drill.nextRun() != null
        ? drill.nextRun() + " (schedule " + drill.scheduleId() + ")" : drill.note()));

    ReportFiles files = null;
    RunReport built = report.build();
    try {
      files = timeline.step("write post-incident review", () -> reports.write(built), ReportFiles::directory);
    } catch (ActivityFailure e) {
      // The incident is over either way; the result says the report is missing and why (in the timeline).
    }
    phases.enter("resolved");
    List<PhaseStatus> phaseList = phaseStatuses(resolvedAt);
    return new IncidentResult(incidentId, severity.name(), services, summary, outcome, detectedAt, resolvedAt,
        resolution.who(), phaseList, escalated.stream().map(IncidentPhase::label).toList(),
        List.copyOf(children.values()), objectives, timeline.entries(), files, drill, line);
  }

  // ---- status ---------------------------------------------------------------------------------------------

  private PhaseStatus phaseStatus(IncidentPhase p, Instant now) {
    Instant deadline = deadlineOf(p);
    Instant done = doneAt.get(p);
    String state;
    if (done != null) state = deadline != null && done.isAfter(deadline) ? "done-late" : "done";
    else if (deadline != null && !now.isBefore(deadline)) state = "missed";
    else state = "open";
    return new PhaseStatus(p.label(), deadline, done, doneBy.get(p), state,
        Duration.between(detectedAt, done != null ? done : now),
        done != null || deadline == null ? null : Duration.between(now, deadline), escalated.contains(p));
  }

  private List<PhaseStatus> phaseStatuses(Instant now) {
    List<PhaseStatus> out = new ArrayList<>();
    for (IncidentPhase p : IncidentPhase.values()) out.add(phaseStatus(p, now));
    return out;
  }

  @Override
  public IncidentStatus status() {
    if (!started) {
      return new IncidentStatus(incidentId, null, List.of(), null, "opening", null, null, null, List.of(), List.of(),
          List.of(), 0, false);
    }
    Instant now = resolvedAt != null ? resolvedAt : Timeline.now();
    return new IncidentStatus(incidentId, severity.name(), services, summary, currentPhase(), detectedAt,
        Duration.between(detectedAt, now), acknowledgedBy, phaseStatuses(now), List.copyOf(children.values()),
        List.copyOf(verifiedAt.keySet()), escalated.size(), resolution != null);
  }
}
