package dev.drrunbooks.incident;

import dev.drrunbooks.catalog.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Each phase's deadline, an instant derived from the state: detection time + the phase's P1 offset
 * scaled by the current severity; verification (and recovery, since {@link
 * IncidentResponseWorkflowImpl#RECOVERY_DONE_ON_CHILD_SUCCESS}) the strictest RTO, scaled. A
 * severity change moves every deadline not yet met; acknowledging or finishing a phase takes its
 * deadline out of {@link #next()}. Pure: no workflow calls, so tests call it directly.
 */
final class PhaseDeadlines {
  private final IncidentState state;

  PhaseDeadlines(IncidentState state) {
    this.state = state;
  }

  /**
   * The phase's deadline, or null when none applies (no RTO in the catalog for the RTO-bound
   * phases).
   */
  Instant of(IncidentPhase p) {
    boolean byRto =
        p.p1Deadline() == null || (p == IncidentPhase.RECOVERY && state.recoveryDoneOnChildSuccess);
    if (!byRto) return state.detectedAt.plus(state.severity.scaled(p.p1Deadline()));
    Duration rto = state.strictestRto();
    return rto == null ? null : state.detectedAt.plus(state.severity.scaled(rto));
  }

  /**
   * Whether the phase still waits for its deadline: not done, not escalated yet, and it has one.
   */
  private boolean pending(IncidentPhase p) {
    return !state.done(p) && !state.escalated.contains(p) && of(p) != null;
  }

  /**
   * The phases whose deadline passed at {@code now} and that were neither done nor escalated, in
   * phase order.
   */
  List<IncidentPhase> missedAt(Instant now) {
    return List.of(IncidentPhase.values()).stream()
        .filter(p -> pending(p) && !now.isBefore(of(p)))
        .toList();
  }

  /** The earliest deadline still pending, or null: nothing left to escalate. */
  Instant next() {
    return List.of(IncidentPhase.values()).stream()
        .filter(this::pending)
        .map(this::of)
        .min(Instant::compareTo)
        .orElse(null);
  }

  /**
   * The label of the deadline timer for {@link #next()}: {@code "incident deadline: assessment at
   * 2026-11-27T03:25:00Z (escalates if missed)"}; null when none is pending.
   */
  String nextSummary() {
    Instant next = next();
    if (next == null) return null;
    List<String> due =
        List.of(IncidentPhase.values()).stream()
            .filter(p -> pending(p) && next.equals(of(p)))
            .map(IncidentPhase::label)
            .toList();
    return "incident deadline: "
        + String.join(", ", due)
        + " at "
        + next
        + " (escalates if missed)";
  }

  /**
   * E.g. {@code detection +5m, assessment +15m, communication +20m, recovery +30m, verification
   * +30m}.
   */
  String line() {
    List<String> parts = new ArrayList<>();
    for (IncidentPhase p : IncidentPhase.values()) {
      Instant d = of(p);
      if (d != null)
        parts.add(p.label() + " +" + Durations.format(Duration.between(state.detectedAt, d)));
    }
    return String.join(", ", parts);
  }

  /**
   * The phase against its deadline at {@code now}: done, done-late, missed (passed, not done) or
   * open; elapsed since detection (to done when done), time left (null once done or without a
   * deadline).
   */
  PhaseStatus statusOf(IncidentPhase p, Instant now) {
    Instant deadline = of(p);
    Instant done = state.doneAt.get(p);
    String s;
    if (done != null) s = deadline != null && done.isAfter(deadline) ? "done-late" : "done";
    else if (deadline != null && !now.isBefore(deadline)) s = "missed";
    else s = "open";
    return new PhaseStatus(
        p.label(),
        deadline,
        done,
        state.doneBy.get(p),
        s,
        Duration.between(state.detectedAt, done != null ? done : now),
        done != null || deadline == null ? null : Duration.between(now, deadline),
        state.escalated.contains(p));
  }

  List<PhaseStatus> statuses(Instant now) {
    return List.of(IncidentPhase.values()).stream().map(p -> statusOf(p, now)).toList();
  }
}
