package dev.drrunbooks.starter.evidence;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.drrunbooks.activities.ledger.ApprovalRecord;
import dev.drrunbooks.activities.ledger.AuditedRun;
import dev.drrunbooks.activities.ledger.AuditedRun.AuditedObjective;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit trail as CSV (Jackson's CSV writer, RFC 4180 quoting): one row per run and service,
 * seconds as numbers, so a spreadsheet can sum and filter; a run that set no objective has one row
 * with the objective columns empty. Its approvals are one cell, each decision's line ({@link
 * ApprovalRecord#line()}) joined with "; ".
 */
final class EvidenceCsv {
  /** One row, its columns in this order. */
  @JsonPropertyOrder({
    "workflowId",
    "procedure",
    "service",
    "startedAt",
    "endedAt",
    "outcome",
    "passed",
    "rtoObjectiveSeconds",
    "rtoAchievedSeconds",
    "rtoBreached",
    "rpoObjectiveSeconds",
    "rpoAchievedSeconds",
    "rpoBreached",
    "approvals",
    "runLink"
  })
  record Row(
      String workflowId,
      String procedure,
      String service,
      String startedAt,
      String endedAt,
      String outcome,
      boolean passed,
      Double rtoObjectiveSeconds,
      Double rtoAchievedSeconds,
      Boolean rtoBreached,
      Double rpoObjectiveSeconds,
      Double rpoAchievedSeconds,
      Boolean rpoBreached,
      String approvals,
      String runLink) {}

  /** Quoted only where RFC 4180 needs it (not every long value, as Jackson does by default). */
  private static final CsvMapper CSV =
      CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

  private EvidenceCsv() {}

  static String render(List<AuditedRun> runs) {
    List<Row> rows = new ArrayList<>();
    for (AuditedRun r : runs) {
      String approvals =
          String.join("; ", r.approvals().stream().map(ApprovalRecord::line).toList());
      if (r.objectives().isEmpty())
        rows.add(row(r, String.join(" ", r.services()), null, approvals));
      for (AuditedObjective o : r.objectives()) rows.add(row(r, o.service(), o, approvals));
    }
    CsvSchema schema = CSV.schemaFor(Row.class).withHeader();
    try {
      return CSV.writer(schema).writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Row row(AuditedRun r, String service, AuditedObjective o, String approvals) {
    return new Row(
        r.workflowId(),
        r.procedure(),
        service,
        r.startedAt() == null ? null : r.startedAt().toString(),
        r.endedAt() == null ? null : r.endedAt().toString(),
        r.outcome(),
        r.passed(),
        o == null ? null : o.rtoObjectiveSeconds(),
        o == null ? null : o.rtoAchievedSeconds(),
        o == null ? null : o.rtoBreached(),
        o == null ? null : o.rpoObjectiveSeconds(),
        o == null ? null : o.rpoAchievedSeconds(),
        o == null ? null : o.rpoBreached(),
        approvals,
        r.runLink());
  }
}
