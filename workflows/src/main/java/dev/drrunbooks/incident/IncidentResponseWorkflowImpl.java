package dev.drrunbooks.incident;

import dev.drrunbooks.activities.catalog.CatalogActivities;
import dev.drrunbooks.activities.http.Escalation;
import dev.drrunbooks.activities.http.EscalationActivities;
import dev.drrunbooks.activities.report.ReportActivities;
import dev.drrunbooks.activities.report.ReportFiles;
import dev.drrunbooks.catalog.Durations;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.Inputs;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.Phases;
import dev.drrunbooks.model.Timeline;
import dev.drrunbooks.report.RunReport;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The incident's orchestration: open it (input checked, services read from the catalog), then sleep
 * until the next phase deadline ({@link PhaseDeadlines}, awaited through a {@link MovableDeadline})
 * or until an update changes something, escalate each missed phase once (asynchronously, so a slow
 * webhook delays nothing), continue as new when the history grows long ({@link
 * ContinueAsNewPolicy}), and end on resolve with the post-incident review ({@link IncidentReview}).
 * Everything the run knows is in one {@link IncidentState}; each update is its own {@link
 * UpdateHandler} class, answered with its signal twin from the table {@link IncidentUpdates}.
 */
public class IncidentResponseWorkflowImpl implements IncidentResponseRun {
  public static final String PROCEDURE = "incident-response";

  /** What the run refuses in its input before it opens (the starter checks them too). */
  public static final IncidentInputRules RULES = new IncidentInputRules();

  /**
   * Version 1: the recovery phase is done when a recovery procedure started from the incident
   * succeeds (not when it starts), and is due within the strictest RTO (see {@link
   * IncidentPhase#RECOVERY}).
   */
  public static final String RECOVERY_DONE_ON_CHILD_SUCCESS =
      "incident-recovery-done-on-child-success";

  /**
   * Version 1: the run continues as new when its history grows long, carrying its {@link
   * IncidentState}.
   */
  public static final String CONTINUE_AS_NEW = "incident-continue-as-new";

  private final CatalogActivities catalog = ActivityDefaults.shortCallStub(CatalogActivities.class);
  private final ReportActivities reports = ActivityDefaults.shortCallStub(ReportActivities.class);

  /**
   * A webhook that stays down must not hold an escalation for long: it is recorded as failed
   * instead.
   */
  private final EscalationActivities escalation =
      Workflow.newActivityStub(
          EscalationActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setHeartbeatTimeout(ActivityDefaults.HEARTBEAT_TIMEOUT)
              .setScheduleToCloseTimeout(Duration.ofMinutes(5))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(2))
                      .setMaximumInterval(Duration.ofSeconds(30))
                      .build())
              .build());

  private final Phases phases = new Phases();
  private final MovableDeadline deadline = new MovableDeadline();
  private final IncidentSignals signals = new IncidentSignals();

  /**
   * Escalations in flight (they record themselves when they end); not carried by continue-as-new.
   */
  private final List<Promise<Void>> escalations = new ArrayList<>();

  /** Null until the input is read: validators refuse updates before that. */
  private IncidentState state;

  private PhaseDeadlines deadlines;
  private ContinueAsNewPolicy continueAsNew;
  private AcknowledgeHandler acknowledgements;
  private SeverityHandler severities;
  private NoteHandler notes;
  private RecoverHandler recoveries;
  private VerifyHandler verifications;
  private ResolveHandler resolutions;

  /** The updates and their signal twins, one row each. */
  private final IncidentUpdates updates =
      new IncidentUpdates(signals, () -> state, this::changed, this::status)
          .with("acknowledge", Acknowledgement.class, () -> acknowledgements)
          .with("changeSeverity", SeverityChange.class, () -> severities)
          .with("note", IncidentNote.class, () -> notes)
          .with("recover", RecoveryRequest.class, () -> recoveries)
          .with("verify", Verification.class, () -> verifications)
          .with("resolve", Resolution.class, () -> resolutions);

  @Override
  public IncidentResult run(IncidentInput input) {
    // First, so that an update or signal in the first workflow task is answered (the incident is
    // still opening) rather than refused by the SDK as unknown.
    updates.register();
    IncidentInput in = input == null ? new IncidentInput(null, null, null, null, null) : input;
    if (in.state() != null) {
      carryOn(in.state());
    } else {
      open(in);
    }
    while (!state.resolved()) {
      for (IncidentPhase p : deadlines.missedAt(Timeline.now())) escalate(p);
      if (quietWithLongHistory()) continueAsNew();
      deadline.await(
          deadlines.next(),
          deadlines.nextSummary(),
          () -> state.resolved() || quietWithLongHistory());
    }
    // Let escalations in flight finish (they record themselves), and update handlers return.
    for (Promise<Void> p : escalations) p.get();
    Workflow.await(Workflow::isEveryHandlerFinished);
    return end();
  }

  private void open(IncidentInput in) {
    Instant now = Timeline.now();
    RULES.checkInput(in, now);
    Severity severity = Severity.parseInput("severity", in.severity());
    LinkedHashSet<String> keys = new LinkedHashSet<>();
    in.services().forEach(s -> keys.add(Inputs.serviceKey("services", s, false)));
    Instant given = Inputs.instant("detectedAt", in.detectedAt());
    String openedBy =
        in.openedBy() == null || in.openedBy().isBlank() ? "alert" : in.openedBy().trim();
    IncidentState s =
        IncidentState.opening(
            Workflow.getInfo().getWorkflowId(),
            severity,
            List.copyOf(keys),
            in.summary().trim(),
            given != null ? given : now,
            openedBy);
    s.recoveryDoneOnChildSuccess =
        Workflow.getVersion(RECOVERY_DONE_ON_CHILD_SUCCESS, Workflow.DEFAULT_VERSION, 1) >= 1;
    s.continuesAsNew = Workflow.getVersion(CONTINUE_AS_NEW, Workflow.DEFAULT_VERSION, 1) >= 1;
    s.takesSignals = IncidentSignals.taken();
    s.continueAsNewAfterEvents = in.continueAsNewAfterEvents();
    use(s);
    phases.tag(PROCEDURE, String.join(",", s.services));
    phases.enter("opening");

    Timeline timeline = s.timeline();
    for (String key : s.services) {
      try {
        s.definitions.put(
            key,
            timeline.step(
                "resolve " + key,
                () -> catalog.resolveServices(key).get(0),
                d ->
                    "RTO "
                        + Durations.format(d.spec().objectives().rto())
                        + ", RPO "
                        + Durations.format(d.spec().objectives().rpo())));
      } catch (ActivityFailure e) {
        throw ApplicationFailure.newNonRetryableFailure(
            "services: " + Failures.rootMessage(e), FailureType.INVALID_INPUT.type());
      }
    }
    timeline.record(
        "incident opened: " + severity + " " + s.summary,
        s.detectedAt,
        Outcome.SUCCEEDED,
        "by "
            + openedBy
            + "; services "
            + String.join(", ", s.services)
            + "; deadlines "
            + deadlines.line());
    s.opened = true;
    enterCurrentPhase();
    signals.open(s);
  }

  /**
   * A run continued from a previous one: its state is the previous run's; search attributes are set
   * again.
   */
  private void carryOn(IncidentState carried) {
    if (!carried.takesSignals) carried.takesSignals = IncidentSignals.taken();
    use(carried);
    phases.tag(PROCEDURE, String.join(",", carried.services));
    enterCurrentPhase();
    signals.open(carried);
  }

  private void use(IncidentState s) {
    state = s;
    deadlines = new PhaseDeadlines(s);
    continueAsNew = new ContinueAsNewPolicy(s.continueAsNewAfterEvents);
    acknowledgements = new AcknowledgeHandler(s);
    severities = new SeverityHandler(s);
    notes = new NoteHandler(s);
    recoveries = new RecoverHandler(s, new RecoveryLauncher(), this::changed);
    verifications = new VerifyHandler(s);
    resolutions = new ResolveHandler(s);
  }

  private void escalate(IncidentPhase phase) {
    state.escalated.add(phase);
    Instant due = deadlines.of(phase);
    Instant start = Timeline.now();
    Escalation e =
        new Escalation(
            state.incidentId,
            state.severity.name(),
            state.services,
            state.summary,
            phase.label(),
            state.detectedAt,
            due,
            phase.missing());
    String severity = state.severity.name();
    escalations.add(
        Async.function(escalation::escalate, e)
            .handle(
                (answer, failure) -> {
                  state
                      .timeline()
                      .record(
                          "escalation: " + phase.label() + " deadline missed",
                          start,
                          failure == null ? Outcome.SUCCEEDED : Outcome.FAILED,
                          "deadline "
                              + due
                              + " ("
                              + severity
                              + "): "
                              + phase.missing()
                              + "; webhook: "
                              + (failure == null
                                  ? answer
                                  : "not delivered: " + Failures.rootMessage(failure)));
                  return null;
                }));
  }

  /**
   * Continue-as-new is safe now: the history is long and nothing is in flight that the new run
   * could not see (a child's promise, an escalation, an update handler).
   */
  private boolean quietWithLongHistory() {
    return state.continuesAsNew
        && continueAsNew.historyLong()
        && state.runningChildren().isEmpty()
        && escalations.stream().allMatch(Promise::isCompleted)
        && Workflow.isEveryHandlerFinished();
  }

  private void continueAsNew() {
    state.continuedRuns++;
    state
        .timeline()
        .record(
            "continued as new",
            Timeline.now(),
            Outcome.SUCCEEDED,
            "run "
                + (state.continuedRuns + 1)
                + " of the incident carries its state; this run's history had "
                + Workflow.getInfo().getHistoryLength()
                + " events");
    Workflow.continueAsNew(IncidentInput.continuing(state));
  }

  /**
   * Upserts DrPhase only when the phase changes, so updates that change nothing add no history
   * events.
   */
  private void enterCurrentPhase() {
    String now = state.currentPhase();
    if (!now.equals(phases.current())) phases.enter(now);
  }

  /** After every update and child end: the deadlines may have moved, the phase may be another. */
  private void changed() {
    deadline.moved();
    enterCurrentPhase();
  }

  private IncidentResult end() {
    IncidentReview review = new IncidentReview(state);
    RunReport report = review.report(PROCEDURE);
    ReportFiles files = null;
    try {
      files =
          state
              .timeline()
              .step(
                  "write post-incident review",
                  () -> reports.write(report),
                  ReportFiles::directory);
    } catch (ActivityFailure e) {
      // The incident is over either way; the result says the report is missing and why (in the
      // timeline).
    }
    phases.enter("resolved");
    return review.result(files);
  }

  @Override
  public IncidentStatus status() {
    if (state == null) {
      return new IncidentStatus(
          Workflow.getInfo().getWorkflowId(),
          null,
          List.of(),
          null,
          "opening",
          null,
          null,
          null,
          List.of(),
          List.of(),
          List.of(),
          0,
          false,
          List.of());
    }
    Instant now = state.resolvedAt != null ? state.resolvedAt : Timeline.now();
    return new IncidentStatus(
        state.incidentId,
        state.severity.name(),
        state.services,
        state.summary,
        state.currentPhase(),
        state.detectedAt,
        Duration.between(state.detectedAt, now),
        state.acknowledgedBy,
        deadlines.statuses(now),
        List.copyOf(state.children.values()),
        List.copyOf(state.verifiedAt.keySet()),
        state.escalated.size(),
        state.resolved(),
        state.rejectedSignals.all());
  }
}
