package dev.drrunbooks.incident;

import dev.drrunbooks.model.Inputs;
import java.time.Duration;

/**
 * The runbook's severity levels. The runbook gives phase deadlines for P1 only; lower severities
 * get the same phases with the P1 offsets multiplied by {@link #scale} (P2 x2, P3 x4, P4 x8).
 */
public enum Severity {
  P1("Critical: complete service outage", 1),
  P2("High: partial service degradation", 2),
  P3("Medium: non-critical feature unavailable", 4),
  P4("Low: minor issues", 8);

  public static final String ALLOWED =
      "P1 (complete outage), P2 (partial degradation), P3 (non-critical feature "
          + "unavailable), P4 (minor)";

  private final String meaning;
  private final int scale;

  Severity(String meaning, int scale) {
    this.meaning = meaning;
    this.scale = scale;
  }

  public String meaning() {
    return meaning;
  }

  public int scale() {
    return scale;
  }

  public Duration scaled(Duration p1) {
    return p1.multipliedBy(scale);
  }

  /** For update validators: IllegalArgumentException naming the field, value and allowed values. */
  public static Severity parse(String field, String typed) {
    if (typed != null) {
      for (Severity s : values()) if (s.name().equalsIgnoreCase(typed.trim())) return s;
    }
    throw new IllegalArgumentException(
        field + ": '" + typed + "' is not valid; allowed: " + ALLOWED);
  }

  /** For the workflow input: a non-retryable InvalidInput failure. */
  public static Severity parseInput(String field, String typed) {
    try {
      return parse(field, typed);
    } catch (IllegalArgumentException e) {
      throw Inputs.invalid(field, typed, "allowed: " + ALLOWED);
    }
  }
}
