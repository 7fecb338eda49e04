package dev.drrunbooks.report;

import dev.drrunbooks.activities.report.ReportActivities;
import dev.drrunbooks.activities.report.ReportFiles;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Renders a report and writes report.md, report.json and report.html into
 * {@code <directory>/<workflowId>/}. Each file is written to a temporary file and moved into place,
 * so a reader never sees half a report and a retry simply overwrites.
 */
public class ReportActivitiesImpl implements ReportActivities {
  /** The worker's setting for the directory; the default is {@link #DEFAULT_DIR} under its working directory. */
  public static final String ENV = "DR_REPORT_DIR";
  public static final String DEFAULT_DIR = "reports";

  private final Path directory;

  public ReportActivitiesImpl(Path directory) {
    this.directory = directory.toAbsolutePath().normalize();
  }

  @Override
  public ReportFiles write(RunReport report) {
    if (report == null || report.workflowId() == null || report.workflowId().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure("report: a report needs the workflow id it belongs to",
          "InvalidReport");
    }
    Path dir = folderOf(directory, report.workflowId());
    try {
      Files.createDirectories(dir);
      Path md = write(dir, "report.md", MarkdownReport.render(report));
      Path json = write(dir, "report.json", JsonReport.render(report));
      Path html = write(dir, "report.html", HtmlReport.render(report));
      return new ReportFiles(dir.toString(), md.toString(), json.toString(), html.toString());
    } catch (IOException e) {
      // A full disk or a permission problem: retried with backoff, and the message says where.
      throw ApplicationFailure.newFailure("cannot write the report of " + report.workflowId() + " into " + dir + ": " + e,
          "ReportWriteFailed");
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
    if (!dir.startsWith(directory)) throw new IllegalArgumentException("workflow id " + workflowId + " escapes " + directory);
    return dir;
  }

  private static Path write(Path dir, String name, String text) throws IOException {
    Path target = dir.resolve(name);
    Path tmp = Files.createTempFile(dir, "." + name, ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    return target;
  }
}
