package dev.drrunbooks.report;

import dev.drrunbooks.model.CleanupRecord;
import dev.drrunbooks.model.Outcome;

/** What the run did about one resource it created: removed, already gone, or FAILED and why. */
public record CleanupRow(String service, String resource, Outcome outcome, String detail) {

  public static CleanupRow of(String service, CleanupRecord r) {
    return new CleanupRow(service, r.resource(), r.outcome(), r.detail());
  }

  /** True when the resource may still exist. */
  public boolean failed() {
    return outcome == Outcome.FAILED;
  }
}
