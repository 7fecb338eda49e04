package dev.drrunbooks.activities.sql;

import java.util.List;

/**
 * Every validation query's evidence and whether all passed. With no queries nothing failed, so it
 * passes, but its summary says no data was checked: only the restore was verified.
 */
public record ValidationReport(List<QueryOutcome> outcomes, boolean passed, String summary) {

  /** The summary of a validation that ran no query. */
  public static final String NO_CHECKS =
      "no data checks: the catalog gives this service no validation queries, so only the restore"
          + " was verified";

  public static ValidationReport of(List<QueryOutcome> outcomes) {
    if (outcomes.isEmpty()) return new ValidationReport(List.of(), true, NO_CHECKS);
    long failed = outcomes.stream().filter(o -> !o.pass()).count();
    return new ValidationReport(
        List.copyOf(outcomes),
        failed == 0,
        outcomes.size() == 1
            ? "the 1 check " + (failed == 0 ? "passed" : "FAILED")
            : failed == 0
                ? "all " + outcomes.size() + " checks passed"
                : failed + " of " + outcomes.size() + " checks FAILED");
  }
}
