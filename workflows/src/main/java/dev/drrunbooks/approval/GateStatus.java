package dev.drrunbooks.approval;

import java.time.Instant;

/**
 * The gate a run is waiting at, for the status query: what to approve, until when, and what happens
 * then.
 */
public record GateStatus(String step, Instant deadline, String onTimeout) {}
