package dev.drrunbooks.model;

import java.time.Instant;

/** One step of a run: when it started and ended, how it went, and what it saw. */
public record TimelineEntry(
    String step, Instant start, Instant end, Outcome outcome, String detail) {}
