package dev.drrunbooks.starter.evidence;

import dev.drrunbooks.activities.ledger.AuditedRun;
import dev.drrunbooks.starter.JsonOption;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

/** The formats {@code dr evidence} writes. */
public enum EvidenceFormat {
  /** A Markdown document with one table (the default). */
  md,
  /** CSV with a header row, one row per run and service. */
  csv,
  /** JSON Lines: one object per run. */
  json;

  /** The runs in this format. */
  public String render(List<AuditedRun> runs, Instant since, String service) {
    return switch (this) {
      case md -> EvidenceMarkdown.render(runs, since, service);
      case csv -> EvidenceCsv.render(runs);
      case json -> {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        runs.forEach(r -> JsonOption.print(out, r));
        out.flush();
        yield text.toString();
      }
    };
  }

  /** {@code --since} as a date: a period back from {@code now}, or a date. */
  public static Instant since(String text, Instant now) {
    return AuditPeriod.since(text, now);
  }
}
