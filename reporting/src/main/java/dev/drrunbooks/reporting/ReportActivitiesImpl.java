package dev.drrunbooks.reporting;

import dev.drrunbooks.activities.report.ReportActivities;
import dev.drrunbooks.activities.report.ReportFiles;
import dev.drrunbooks.report.RunReport;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Renders a report and writes report.md, report.json and report.html into {@code
 * <directory>/<workflowId>/}, the one folder the worker keeps every report in (DR_REPORT_DIR). Each
 * file is written to a temporary file and moved into place, so a reader never sees half a report
 * and a retry simply overwrites.
 */
public class ReportActivitiesImpl implements ReportActivities {
  /**
   * The worker's setting for the directory; the default is {@link #DEFAULT_DIR} under its working
   * directory.
   */
  public static final String ENV = "DR_REPORT_DIR";

  public static final String DEFAULT_DIR = "reports";

  private final Path directory;
  private final RunLinks links;

  /** Writes into {@code directory}; the reports carry no link to the Temporal UI. */
  public ReportActivitiesImpl(Path directory) {
    this(directory, new RunLinks(null, null));
  }

  /**
   * @param links the runs' pages in the Temporal UI, linked from every report this worker writes
   */
  public ReportActivitiesImpl(Path directory, RunLinks links) {
    this.directory = directory.toAbsolutePath().normalize();
    this.links = links;
  }

  /** The worker's report folder from its environment: DR_REPORT_DIR, else {@link #DEFAULT_DIR}. */
  public static Path directoryFrom(Map<String, String> env) {
    return Path.of(env.getOrDefault(ENV, DEFAULT_DIR));
  }

  @Override
  public ReportFiles write(RunReport report) {
    if (report == null || report.workflowId() == null || report.workflowId().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "report: a report needs the workflow id it belongs to", "InvalidReport");
    }
    Path dir = folderOf(directory, report.workflowId());
    if (report.runLink() == null) report = report.withRunLink(callingRunLink());
    try {
      Files.createDirectories(dir);
      Path md = write(dir, "report.md", MarkdownReport.render(report));
      Path json = write(dir, "report.json", JsonReport.render(report));
      Path html = write(dir, "report.html", HtmlReport.render(report));
      return new ReportFiles(dir.toString(), md.toString(), json.toString(), html.toString());
    } catch (IOException e) {
      // A full disk or a permission problem: retried with backoff, and the message says where.
      throw ApplicationFailure.newFailure(
          "cannot write the report of " + report.workflowId() + " into " + dir + ": " + e,
          "ReportWriteFailed");
    }
  }

  /**
   * A report a workflow writes of itself (the drill, the incident) links to that run; null outside
   * an activity.
   */
  private String callingRunLink() {
    try {
      var info = Activity.getExecutionContext().getInfo();
      return links.of(info.getWorkflowId(), info.getRunId());
    } catch (IllegalStateException notInAnActivity) {
      return null;
    }
  }

  /**
   * The report folder of a workflow id: the id with anything but letters, digits, '.', '_' and '-'
   * replaced, so an id cannot reach outside the report directory.
   */
  public static Path folderOf(Path directory, String workflowId) {
    String safe = workflowId.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.matches("\\.+")) safe = safe.replace('.', '_');
    Path dir = directory.resolve(safe).normalize();
    if (!dir.startsWith(directory))
      throw new IllegalArgumentException("workflow id " + workflowId + " escapes " + directory);
    return dir;
  }

  /**
   * Writes {@code name} in {@code dir} through a temporary file moved into place, so a reader never
   * sees half a report and a second write simply replaces it.
   */
  public static Path write(Path dir, String name, String text) throws IOException {
    Path target = dir.resolve(name);
    Path tmp = Files.createTempFile(dir, "." + name, ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    return target;
  }
}
