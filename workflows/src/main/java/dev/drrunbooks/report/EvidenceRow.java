package dev.drrunbooks.report;

import dev.drrunbooks.activities.sql.QueryOutcome;
import dev.drrunbooks.activities.sql.ValidationReport;
import java.util.List;

/**
 * One piece of validation evidence: what was checked (and how: the query or the probe), what was
 * expected, what was found, the source's answer where the check compares with it, and the verdict.
 */
public record EvidenceRow(
    String service,
    String check,
    String query,
    String expected,
    String found,
    String source,
    boolean pass,
    String note) {

  /** Every query of a data validation, as evidence rows. */
  public static List<EvidenceRow> of(String service, ValidationReport report) {
    if (report == null || report.outcomes() == null) return List.of();
    return report.outcomes().stream().map(o -> of(service, o)).toList();
  }

  public static EvidenceRow of(String service, QueryOutcome o) {
    return new EvidenceRow(
        service,
        o.name(),
        o.sql(),
        o.expected(),
        o.found() == null ? null : o.found().toString(),
        o.sourceValue() == null ? null : o.sourceValue().toString(),
        o.pass(),
        o.error());
  }
}
