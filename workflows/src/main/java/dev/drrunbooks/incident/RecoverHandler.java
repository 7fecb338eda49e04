package dev.drrunbooks.incident;

import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.Timeline;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;

/**
 * The recover update: starts a recovery procedure as a child (through {@link RecoveryLauncher}) and
 * follows it to its end. Starting one marks assessment done; its success marks recovery done (runs
 * opened before {@link IncidentResponseWorkflowImpl#RECOVERY_DONE_ON_CHILD_SUCCESS}: its start
 * does).
 */
final class RecoverHandler implements UpdateHandler<RecoveryRequest> {
  /**
   * Version 1: child ids derive from the incident; before, a failover used {@code
   * dns-failover-<record>}.
   */
  static final String UNIQUE_FAILOVER_IDS = "incident-failover-child-id";

  private final IncidentState state;
  private final RecoveryLauncher launcher;

  /** Called when a child ends: the phase and the deadlines may have changed. */
  private final Runnable changed;

  RecoverHandler(IncidentState state, RecoveryLauncher launcher, Runnable changed) {
    this.state = state;
    this.launcher = launcher;
    this.changed = changed;
  }

  @Override
  public void validate(RecoveryRequest r) {
    if (r == null)
      throw new IllegalArgumentException(
          "kind: allowed: " + String.join(", ", RecoveryKind.keys()));
    UpdateChecks.requireWhoWhy(r.who(), r.why(), "say why this recovery");
    UpdateChecks.requireAcknowledged(state, "start a recovery");
    RecoveryKind kind = RecoveryKind.parse("kind", r.kind());
    ServiceDefinition s =
        state.definitions.get(UpdateChecks.requireService(state, "service", r.service()));
    kind.requireTarget(s, r.requireApproval());
    state.runningChildren().stream()
        .filter(c -> c.kind() == kind && c.service().equals(s.key()))
        .findFirst()
        .ifPresent(
            c -> {
              throw new IllegalArgumentException(
                  "a " + kind + " of " + s.key() + " is already running: " + c.workflowId());
            });
  }

  /**
   * @return the child's workflow id
   * @throws ApplicationFailure RecoveryNotStarted when the child could not start (also recorded as
   *     FAILED)
   */
  /** Answers the child's workflow id. */
  @Override
  public String apply(RecoveryRequest r) {
    RecoveryKind kind = RecoveryKind.parse("kind", r.kind());
    ServiceDefinition s = state.definitions.get(r.service().trim());
    String id = childId(kind, s);
    RecoveryLauncher.Launched launched = launcher.start(id, kind, s, r, state.detectedAt);
    Instant start = Timeline.now();
    state.children.put(
        id,
        new ChildRecovery(id, kind, s.key(), r.who(), start, ChildRecovery.RUNNING, null, r.why()));
    launched
        .result()
        .handle(
            (result, failure) -> {
              ended(id, RecoveryOutcome.of(result, failure));
              return null;
            });
    try {
      launched.execution().get();
    } catch (TemporalFailure e) {
      // Recorded by ended() as FAILED; the caller learns why the procedure did not start.
      throw ApplicationFailure.newFailure(
          "could not start " + id + ": " + Failures.rootMessage(e), "RecoveryNotStarted");
    }
    state.markDone(IncidentPhase.ASSESSMENT, r.who(), Timeline.now());
    if (!state.recoveryDoneOnChildSuccess)
      state.markDone(IncidentPhase.RECOVERY, r.who(), Timeline.now());
    changed.run();
    state
        .timeline()
        .record(
            "recovery started: " + id,
            start,
            Outcome.SUCCEEDED,
            kind + " of " + s.key() + " by " + r.who() + ": " + r.why());
    return id;
  }

  /**
   * Derived from the incident and numbered after the first, so unique per start. Failovers of runs
   * begun before that used the record's id ({@code dns-failover-<record>}); one failover per record
   * is now the failover's own lock, whoever starts it.
   */
  private String childId(RecoveryKind kind, ServiceDefinition s) {
    boolean unique = Workflow.getVersion(UNIQUE_FAILOVER_IDS, Workflow.DEFAULT_VERSION, 1) >= 1;
    if (kind == RecoveryKind.FAILOVER && !unique) return "dns-failover-" + s.dns().name();
    String base = kind.childIdBase(state.incidentId, s.key());
    String id = base;
    for (int n = 2; state.children.containsKey(id) && !state.children.get(id).running(); n++)
      id = base + "-" + n;
    return id;
  }

  private void ended(String id, RecoveryOutcome outcome) {
    ChildRecovery before = state.children.get(id);
    state.children.put(id, before.ended(outcome.state(), Timeline.now(), outcome.detail()));
    if (outcome.timeline() != null) state.childTimelines.put(id, outcome.timeline());
    if (outcome.rpo() != null) state.rpoByService.put(before.service(), outcome.rpo());
    if (outcome.validation() != null)
      state.validationByService.put(before.service(), outcome.validation());
    state
        .timeline()
        .record(
            "recovery " + id + ": " + outcome.state(),
            before.startedAt(),
            outcome.succeeded() ? Outcome.SUCCEEDED : Outcome.FAILED,
            outcome.detail());
    if (state.recoveryDoneOnChildSuccess && outcome.recovered()) {
      state.markDone(IncidentPhase.RECOVERY, before.startedBy(), Timeline.now());
    }
    changed.run();
  }
}
