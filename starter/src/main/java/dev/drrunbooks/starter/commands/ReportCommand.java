package dev.drrunbooks.starter.commands;

import dev.drrunbooks.activities.report.ReportFiles;
import dev.drrunbooks.activities.report.RunReportFiles;
import dev.drrunbooks.activities.report.RunReportRequest;
import dev.drrunbooks.bootstrap.catalog.CatalogLoader;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.Objectives;
import dev.drrunbooks.catalog.ServiceSpec;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.report.FollowUpDrill;
import dev.drrunbooks.report.RunReport;
import dev.drrunbooks.report.WriteRunReportWorkflow;
import dev.drrunbooks.reporting.HtmlReport;
import dev.drrunbooks.reporting.JsonReport;
import dev.drrunbooks.reporting.MarkdownReport;
import dev.drrunbooks.reporting.PostIncidentReview;
import dev.drrunbooks.reporting.ReportActivitiesImpl;
import dev.drrunbooks.reporting.RunLinks;
import dev.drrunbooks.reporting.RunReportActivitiesImpl;
import dev.drrunbooks.reporting.RunReportReader;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.JsonOption;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "report")
public final class ReportCommand extends ConnectedCommand {
  /** The schedule whose next run a post-incident review names as the follow-up drill. */
  public static final String DRILL_SCHEDULE_ID = "dr-monthly-dr-drill";

  static final String NO_DRILL = "no drill scheduled: run dr schedules apply";

  /** How long the worker gets to read the run back and write its report. */
  static final Duration WAIT = Duration.ofMinutes(2);

  @Mixin RunSelector target;

  @Option(names = "--out", paramLabel = "DIR")
  Path outDir;

  @Option(names = "--review")
  boolean review;

  @Option(names = "--format", defaultValue = "all")
  String format;

  @Override
  public Integer call() {
    List<String> formats = formats();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (Connection conn = connection) {
      target.resolve(conn.client());
      FollowUpDrill drill = review ? followUpDrill(conn) : null;
      RunReportFiles files;
      try {
        files = outDir == null ? onTheWorker(conn, drill) : here(conn, drill, formats);
      } catch (WorkflowFailedException | ReportRefused e) {
        return refused(e, err);
      } catch (IOException e) {
        err.printf(
            "Cannot write the report into %s: %s%n", outDir.toAbsolutePath(), e.getMessage());
        return ExitCodes.RUN_FAILED;
      }
      if (json.on()) {
        JsonOption.print(out, files);
        return "COMPLETED".equals(files.state()) ? ExitCodes.OK : ExitCodes.RUN_FAILED;
      }
      out.printf(
          "Report of %s (%s, %s): %s%s%n",
          target.workflowId,
          files.workflowType(),
          files.state(),
          files.outcome(),
          files.breached() ? ", OBJECTIVE BREACHED" : "");
      if (files.summary() != null) out.printf("  %s%n", files.summary());
      for (String path :
          new String[] {
            files.files().markdown(), files.files().json(), files.files().html(), files.review()
          }) {
        if (path != null) out.printf("  %s%n", path);
      }
      out.printf(
          "Run: %s%n",
          files.runLink() != null
              ? files.runLink()
              : conn.runLink(target.workflowId, files.runId()));
      return "COMPLETED".equals(files.state()) ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    }
  }

  /** The worker reads the run back and writes the report into its own folder; this prints where. */
  private RunReportFiles onTheWorker(Connection conn, FollowUpDrill drill) {
    WriteRunReportWorkflow writer =
        conn.client()
            .newWorkflowStub(
                WriteRunReportWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(conn.taskQueue())
                    .setWorkflowId(
                        "dr-report-" + target.workflowId + "-" + Instant.now().toEpochMilli())
                    .setWorkflowExecutionTimeout(WAIT)
                    .build());
    return writer.write(new RunReportRequest(target.workflowId, target.runId, review, drill));
  }

  /** --out: the same reading and rendering, done here. */
  private RunReportFiles here(Connection conn, FollowUpDrill drill, List<String> formats)
      throws IOException {
    RunReportReader.Read read;
    try {
      read =
          new RunReportReader(
                  conn.client(),
                  new RunLinks(conn.uiUrl(), conn.namespace()),
                  objectivesOf(conn.catalog(), spec.commandLine().getErr()))
              .read(target.workflowId, target.runId);
      if (review) RunReportActivitiesImpl.requireReviewable(read.report());
    } catch (ApplicationFailure e) {
      throw new ReportRefused(e);
    }
    RunReport report = read.report();
    Files.createDirectories(outDir);
    Map<String, String> written = new LinkedHashMap<>();
    for (String f : formats) {
      switch (f) {
        case "md" ->
            written.put(f, write(outDir.resolve("report.md"), MarkdownReport.render(report)));
        case "json" ->
            written.put(f, write(outDir.resolve("report.json"), JsonReport.render(report)));
        default -> written.put(f, write(outDir.resolve("report.html"), HtmlReport.render(report)));
      }
    }
    String reviewFile =
        review
            ? write(
                outDir.resolve("post-incident-review.md"), PostIncidentReview.render(report, drill))
            : null;
    return new RunReportFiles(
        target.workflowId,
        read.runId(),
        read.workflowType(),
        read.state(),
        report.outcome(),
        report.breached(),
        report.summary(),
        new ReportFiles(
            outDir.toString(), written.get("md"), written.get("json"), written.get("html")),
        reviewFile,
        report.runLink());
  }

  /**
   * Why there is no report, as the operator needs it: not found, still running, no report for the
   * type.
   */
  private int refused(Exception e, PrintWriter err) {
    String type = Failures.rootType(e);
    err.println(Failures.rootMessage(e));
    if (RunReportReader.NOT_FOUND.equals(type)) return ExitCodes.NOT_FOUND;
    if (RunReportReader.STILL_RUNNING.equals(type)) return ExitCodes.REFUSED;
    if (RunReportReader.NO_REPORT.equals(type)
        || RunReportActivitiesImpl.NOT_REVIEWABLE.equals(type)) {
      return ExitCodes.BAD_INPUT;
    }
    err.printf(
        "(the worker could not write the report; is a worker running on task queue %s? check with:"
            + " dr doctor)%n",
        connection.taskQueue());
    return ExitCodes.RUN_FAILED;
  }

  /** A refusal from reading the run here (--out): carries the reader's typed failure. */
  private static final class ReportRefused extends RuntimeException {
    ReportRefused(ApplicationFailure cause) {
      super(cause.getOriginalMessage(), cause);
    }
  }

  private List<String> formats() {
    return switch (format == null ? "all" : format.trim().toLowerCase()) {
      case "all" -> List.of("md", "json", "html");
      case "md", "markdown" -> List.of("md");
      case "html" -> List.of("html");
      case "json" -> List.of("json");
      default ->
          throw new ParameterException(
              spec.commandLine(),
              "--format: '" + format + "' is not a format; allowed: md, html, json, all");
    };
  }

  /**
   * The service's objectives from the catalog, for results that do not carry them; null when
   * unknown.
   */
  private static Function<String, Objectives> objectivesOf(Path catalogFile, PrintWriter err) {
    Catalog catalog;
    try {
      catalog = CatalogLoader.load(catalogFile);
    } catch (RuntimeException e) {
      err.printf(
          "(objectives left out: cannot read the catalog %s: %s)%n",
          catalogFile, Failures.rootMessage(e));
      return service -> null;
    }
    return service -> {
      ServiceSpec spec = service == null ? null : catalog.services().get(service);
      return spec == null ? null : spec.objectives();
    };
  }

  /** The monthly drill's next run, asked of the server; or why there is none. */
  static FollowUpDrill followUpDrill(Connection conn) {
    try {
      ScheduleClient schedules =
          ScheduleClient.newInstance(
              conn.stubs(),
              ScheduleClientOptions.newBuilder().setNamespace(conn.namespace()).build());
      ScheduleDescription drill = schedules.getHandle(DRILL_SCHEDULE_ID).describe();
      List<Instant> next = drill.getInfo().getNextActionTimes();
      var state = drill.getSchedule().getState();
      if (state != null && state.isPaused()) {
        return FollowUpDrill.none(
            "schedule "
                + DRILL_SCHEDULE_ID
                + " is PAUSED"
                + (next == null || next.isEmpty()
                    ? ""
                    : " (its next run would be " + next.get(0) + ")")
                + ": dr schedules unpause "
                + DRILL_SCHEDULE_ID);
      }
      if (next == null || next.isEmpty()) {
        return FollowUpDrill.none(
            "schedule "
                + DRILL_SCHEDULE_ID
                + " has no next run (paused or ended): see dr schedules");
      }
      return FollowUpDrill.scheduled(DRILL_SCHEDULE_ID, next.get(0));
    } catch (RuntimeException e) {
      if (notFound(e)) return FollowUpDrill.none(NO_DRILL);
      return FollowUpDrill.none(
          "could not read schedule "
              + DRILL_SCHEDULE_ID
              + " ("
              + Failures.rootMessage(e)
              + "); if there is none: run dr schedules apply");
    }
  }

  private static boolean notFound(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.NOT_FOUND)
        return true;
    }
    return false;
  }

  private static String write(Path file, String text) throws IOException {
    return ReportActivitiesImpl.write(
            file.toAbsolutePath().getParent(), file.getFileName().toString(), text)
        .toString();
  }
}
