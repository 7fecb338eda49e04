package dev.drrunbooks.activities.sql;

import java.util.List;

/** Every validation query's evidence and whether all passed. */
public record ValidationReport(List<QueryOutcome> outcomes, boolean passed, String summary) {

  public static ValidationReport of(List<QueryOutcome> outcomes) {
    long failed = outcomes.stream().filter(o -> !o.pass()).count();
    return new ValidationReport(
        List.copyOf(outcomes),
        failed == 0,
        failed == 0
            ? "all " + outcomes.size() + " checks passed"
            : failed + " of " + outcomes.size() + " checks FAILED");
  }
}
