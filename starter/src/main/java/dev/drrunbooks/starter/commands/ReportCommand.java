package dev.drrunbooks.starter.commands;

import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.backuppolicy.BackupPolicyResult;
import dev.drrunbooks.backupvalidation.BackupValidationResult;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.bootstrap.catalog.CatalogLoader;
import dev.drrunbooks.catalog.Objectives;
import dev.drrunbooks.catalog.ServiceSpec;
import dev.drrunbooks.ecsrecovery.EcsRecoveryResult;
import dev.drrunbooks.drill.DrDrillResult;
import dev.drrunbooks.evacuation.RegionEvacuationResult;
import dev.drrunbooks.failover.DnsFailoverResult;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.SearchAttributes;
import dev.drrunbooks.pitr.PointInTimeRestoreResult;
import dev.drrunbooks.report.FollowUpDrill;
import dev.drrunbooks.report.HtmlReport;
import dev.drrunbooks.report.JsonReport;
import dev.drrunbooks.report.MarkdownReport;
import dev.drrunbooks.report.PostIncidentReview;
import dev.drrunbooks.report.RunReport;
import dev.drrunbooks.report.RunReports;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreResult;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.FailureMessage;
import dev.drrunbooks.starter.RunLookup;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "report", description = "Writes a finished run's report: Markdown, JSON and one self-contained HTML "
    + "page (timeline chart, RTO/RPO against objectives, validation evidence, clean-up); --review adds the "
    + "post-incident review of a failover or restore run.")
public final class ReportCommand implements Callable<Integer> {
  /** The schedule whose next run a post-incident review names as the follow-up drill. */
  public static final String DRILL_SCHEDULE_ID = "dr-monthly-dr-drill";
  static final String NO_DRILL = "no drill scheduled: run dr schedules apply";

  /** How one workflow type's result becomes a report; {@code objectivesOf} reads the catalog (may answer null). */
  private interface Adapter<R> {
    RunReport report(R result, String workflowId, Function<String, Objectives> objectivesOf);
  }

  private record Kind<R>(Class<R> resultType, String procedure, String title, Adapter<R> adapter) {
    RunReport report(Object result, String workflowId, Function<String, Objectives> objectivesOf) {
      return adapter.report(resultType.cast(result), workflowId, objectivesOf);
    }
  }

  /** Workflow type (as Temporal names it) to its result type and adapter. */
  private static final Map<String, Kind<?>> KINDS = new LinkedHashMap<>();

  static {
    KINDS.put("BackupPolicy", new Kind<>(BackupPolicyResult.class, "backup-policy", "Backup policy",
        (r, id, o) -> RunReports.from(r, id)));
    KINDS.put("PointInTimeRestore", new Kind<>(PointInTimeRestoreResult.class, "pitr", "Point-in-time restore",
        (r, id, o) -> RunReports.from(r, id)));
    KINDS.put("SnapshotRestore", new Kind<>(SnapshotRestoreResult.class, "snapshot-restore", "Snapshot restore",
        (r, id, o) -> RunReports.from(r, id)));
    KINDS.put("BackupValidation", new Kind<>(BackupValidationResult.class, "backup-validation", "Backup validation",
        (r, id, o) -> RunReports.from(r, id, o.apply(r.service()))));
    KINDS.put("DnsFailover", new Kind<>(DnsFailoverResult.class, "dns-failover", "DNS failover",
        (r, id, o) -> RunReports.from(r, id)));
    KINDS.put("EcsServiceRecovery", new Kind<>(EcsRecoveryResult.class, "ecs-recovery", "ECS recovery",
        (r, id, o) -> RunReports.from(r, id)));
    KINDS.put("RegionEvacuation", new Kind<>(RegionEvacuationResult.class, "region-evacuation", "Region evacuation",
        (r, id, o) -> RunReports.from(r, id)));
    KINDS.put("DrDrill", new Kind<>(DrDrillResult.class, "dr-drill", "DR drill",
        (r, id, o) -> RunReports.from(r, id)));
  }

  @Mixin Connection connection;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "WORKFLOW_ID", description = "The run's workflow id, as dr printed it when it started")
  String workflowId;

  @Option(names = "--run-id", description = "A particular run (default: the latest)") String runId;

  @Option(names = "--out", paramLabel = "DIR", description = "Folder to write into (default: reports/<WORKFLOW_ID>/)")
  Path outDir;

  @Option(names = "--review", description = "Also write the post-incident review (post-incident-review.md) of a "
      + "failover or restore run, naming the next scheduled DR drill")
  boolean review;

  @Option(names = "--format", defaultValue = "all", description = "md, html, json or all (default: ${DEFAULT-VALUE})")
  String format;

  @Override
  public Integer call() {
    List<String> formats = switch (format == null ? "all" : format.trim().toLowerCase()) {
      case "all" -> List.of("md", "json", "html");
      case "md", "markdown" -> List.of("md");
      case "html" -> List.of("html");
      case "json" -> List.of("json");
      default -> throw new ParameterException(spec.commandLine(), "--format: '" + format
          + "' is not a format; allowed: md, html, json, all");
    };
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (Connection conn = connection) {
      WorkflowStub run = conn.client().newUntypedWorkflowStub(workflowId, Optional.ofNullable(runId), Optional.empty());
      WorkflowExecutionDescription d = RunLookup.describe(run, workflowId);
      String type = d.getWorkflowType();
      String actualRunId = d.getExecution().getRunId();
      Kind<?> kind = KINDS.get(type);
      if (kind == null) {
        err.printf("%s is a %s run: there is no report for that workflow type (reports exist for %s)%n", workflowId,
            type, String.join(", ", KINDS.keySet()));
        return ExitCodes.BAD_INPUT;
      }
      String procedure = procedureOf(d, kind);
      if (review && !PostIncidentReview.appliesTo(procedure)) {
        err.printf("--review: %s is a %s run; a post-incident review is over a failover or restore run (%s). "
            + "Run without --review for its report.%n", workflowId, procedure,
            String.join(", ", PostIncidentReview.RECOVERY_PROCEDURES.stream().sorted().toList()));
        return ExitCodes.BAD_INPUT;
      }
      WorkflowExecutionStatus status = d.getStatus();
      if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        err.printf("%s (%s) is still running (phase %s, started %s): a report needs a finished run. "
            + "Watch it with: dr status %s%n", workflowId, type,
            d.getTypedSearchAttributes().get(SearchAttributes.PHASE), d.getStartTime(), workflowId);
        return ExitCodes.REFUSED;
      }

      RunReport report;
      int code = 0;
      String state = status.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
      if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
        Object result = run.getResult(kind.resultType());
        report = kind.report(result, workflowId, objectivesOf(conn.catalog(), err));
      } else {
        String message = state.toLowerCase();
        ValidationReport evidence = null;
        try {
          run.getResult(30, TimeUnit.SECONDS, kind.resultType());
        } catch (WorkflowFailedException e) {
          message = FailureMessage.of(e);
          evidence = validationEvidence(e);
        } catch (Exception e) {
          message = FailureMessage.of(e);
        }
        String service = d.getTypedSearchAttributes().get(SearchAttributes.SERVICE);
        report = RunReports.ended(workflowId, procedure, service,
            kind.title() + (service == null ? "" : " of " + service), state, d.getStartTime(), d.getCloseTime(),
            message, evidence);
        err.printf("%s (%s) %s: %s%nA run that ends without a result has no timeline to report; the report below "
            + "says what is known. Every step is in its history: %s%n", workflowId, type, state, message,
            conn.runLink(workflowId, actualRunId));
        code = ExitCodes.RUN_FAILED;
      }

      Path dir = outDir != null ? outDir : Path.of("reports", safeName(workflowId));
      List<Path> written = new ArrayList<>();
      try {
        Files.createDirectories(dir);
        for (String f : formats) {
          switch (f) {
            case "md" -> written.add(write(dir.resolve("report.md"), MarkdownReport.render(report)));
            case "json" -> written.add(write(dir.resolve("report.json"), JsonReport.render(report)));
            default -> written.add(write(dir.resolve("report.html"), HtmlReport.render(report)));
          }
        }
        if (review) {
          written.add(write(dir.resolve("post-incident-review.md"),
              PostIncidentReview.render(report, followUpDrill(conn))));
        }
      } catch (IOException e) {
        err.printf("Cannot write the report into %s: %s%n", dir.toAbsolutePath(), e.getMessage());
        return ExitCodes.RUN_FAILED;
      }
      out.printf("Report of %s (%s, %s): %s%s%n", workflowId, type, state, report.outcome(),
          report.breached() ? ", OBJECTIVE BREACHED" : "");
      if (report.summary() != null) out.printf("  %s%n", report.summary());
      written.forEach(p -> out.printf("  %s%n", p));
      out.printf("Run: %s%n", conn.runLink(workflowId, actualRunId));
      return code;
    }
  }

  /** The procedure as the reports name it; a DNS run tags itself dns-failover or dns-failback. */
  private static String procedureOf(WorkflowExecutionDescription d, Kind<?> kind) {
    String tagged = d.getTypedSearchAttributes().get(SearchAttributes.PROCEDURE);
    return kind.procedure().equals("dns-failover") && "dns-failback".equals(tagged) ? tagged : kind.procedure();
  }

  /** The service's objectives from the catalog, for results that do not carry them; null when unknown. */
  private static Function<String, Objectives> objectivesOf(Path catalogFile, PrintWriter err) {
    Catalog catalog;
    try {
      catalog = CatalogLoader.load(catalogFile);
    } catch (RuntimeException e) {
      err.printf("(objectives left out: cannot read the catalog %s: %s)%n", catalogFile, Failures.rootMessage(e));
      return service -> null;
    }
    return service -> {
      ServiceSpec spec = service == null ? null : catalog.services().get(service);
      return spec == null ? null : spec.objectives();
    };
  }

  /** A failed validation carries its evidence on the failure. */
  private static ValidationReport validationEvidence(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof ApplicationFailure af && "ValidationFailed".equals(af.getType()) && af.getDetails().getSize() > 0) {
        try {
          return af.getDetails().get(ValidationReport.class);
        } catch (RuntimeException ignored) {
          return null;
        }
      }
    }
    return null;
  }

  /** The monthly drill's next run, asked of the server; or why there is none. */
  static FollowUpDrill followUpDrill(Connection conn) {
    try {
      ScheduleClient schedules = ScheduleClient.newInstance(conn.stubs(),
          ScheduleClientOptions.newBuilder().setNamespace(conn.namespace()).build());
      ScheduleDescription drill = schedules.getHandle(DRILL_SCHEDULE_ID).describe();
      List<Instant> next = drill.getInfo().getNextActionTimes();
      var state = drill.getSchedule().getState();
      if (state != null && state.isPaused()) {
        return FollowUpDrill.none("schedule " + DRILL_SCHEDULE_ID + " is PAUSED" + (next == null || next.isEmpty() ? ""
            : " (its next run would be " + next.get(0) + ")") + ": dr schedules unpause " + DRILL_SCHEDULE_ID);
      }
      if (next == null || next.isEmpty()) {
        return FollowUpDrill.none("schedule " + DRILL_SCHEDULE_ID + " has no next run (paused or ended): see dr schedules");
      }
      return FollowUpDrill.scheduled(DRILL_SCHEDULE_ID, next.get(0));
    } catch (RuntimeException e) {
      if (notFound(e)) return FollowUpDrill.none(NO_DRILL);
      return FollowUpDrill.none("could not read schedule " + DRILL_SCHEDULE_ID + " (" + Failures.rootMessage(e)
          + "); if there is none: run dr schedules apply");
    }
  }

  private static boolean notFound(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.NOT_FOUND) return true;
    }
    return false;
  }

  private static Path write(Path file, String text) throws IOException {
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return file;
  }

  /** The same folder name the worker's report activity uses: nothing but letters, digits, '.', '_', '-'. */
  static String safeName(String workflowId) {
    String safe = workflowId.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.matches("\\.+") ? safe.replace('.', '_') : safe;
  }
}
