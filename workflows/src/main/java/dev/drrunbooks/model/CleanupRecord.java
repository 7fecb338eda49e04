package dev.drrunbooks.model;

import java.util.List;

/**
 * What cleanup did about one resource the run created: "deleting", "already gone", or why it
 * failed.
 */
public record CleanupRecord(String resource, Outcome outcome, String detail) {

  /** One line for failure messages and reports: "rds:x deleting; rds:y FAILED (why)". */
  public static String summary(List<CleanupRecord> records) {
    return String.join(
        "; ",
        records.stream()
            .map(
                r ->
                    r.resource()
                        + " "
                        + (r.outcome() == Outcome.FAILED
                            ? "FAILED (" + r.detail() + ")"
                            : r.detail()))
            .toList());
  }
}
