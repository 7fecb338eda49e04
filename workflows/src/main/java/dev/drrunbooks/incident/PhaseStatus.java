package dev.drrunbooks.incident;

import java.time.Duration;
import java.time.Instant;

/**
 * One phase against its deadline.
 *
 * @param state open, done, done-late, missed (deadline passed, not done)
 * @param elapsed time since detection when asked (or when done)
 * @param left time to the deadline when asked (negative once missed); null when done
 * @param escalated whether the escalation webhook was called for it
 */
public record PhaseStatus(
    String phase,
    Instant deadline,
    Instant doneAt,
    String doneBy,
    String state,
    Duration elapsed,
    Duration left,
    boolean escalated) {}
