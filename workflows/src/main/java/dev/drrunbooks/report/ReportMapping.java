package dev.drrunbooks.report;

import java.util.Objects;

/**
 * How one procedure's result becomes a {@link RunReport}. Each procedure package holds its own
 * mapping as a {@code public static final ReportMapping<...> MAPPING}, so the report package
 * imports no procedure and a registry can name a procedure's mapping in one line.
 *
 * @param procedure the procedure's tag in reports, e.g. {@code pitr}, {@code dns-failover}
 * @param title how a report of a run that ended without a result is headed, e.g. "Point-in-time
 *     restore"
 * @param body the mapping itself; pure
 */
public record ReportMapping<R>(String procedure, String title, Body<R> body) {

  /** The mapping of one completed run's result. */
  @FunctionalInterface
  public interface Body<R> {
    RunReport of(R result, ReportContext context);
  }

  public ReportMapping {
    Objects.requireNonNull(procedure, "procedure");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
  }

  public static <R> ReportMapping<R> of(String procedure, String title, Body<R> body) {
    return new ReportMapping<>(procedure, title, body);
  }

  /**
   * The start of a report of one of this procedure's runs, headed "{title} of {subject}" and linked
   * to the run.
   */
  public RunReport.Builder builder(ReportContext context, String subject) {
    return headed(context, title + " of " + subject);
  }

  /**
   * The start of a report of one of this procedure's runs under its own heading, linked to the run.
   */
  public RunReport.Builder headed(ReportContext context, String heading) {
    return RunReport.builder(context.workflowId(), procedure, heading).runLink(context.runLink());
  }

  /** The report of a completed run. */
  public RunReport report(R result, ReportContext context) {
    return body.of(result, context);
  }

  /** The report of a run that ended without a result (failed, cancelled, terminated, timed out). */
  public RunReport ended(EndedRun run, ReportContext context) {
    return EndedRunReport.of(this, run, context);
  }
}
