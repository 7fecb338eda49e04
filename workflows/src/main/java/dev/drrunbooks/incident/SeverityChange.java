package dev.drrunbooks.incident;

/** A new severity (P1..P4): the deadlines of phases not yet done are recomputed from detection. */
public record SeverityChange(String severity, String who, String why) {}
