package dev.drrunbooks.aws.rds;

import dev.drrunbooks.activities.rds.ErrorLogScan;
import dev.drrunbooks.activities.rds.RdsLogActivities;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.AwsFailures;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DescribeDBLogFilesDetails;
import software.amazon.awssdk.services.rds.model.DownloadDbLogFilePortionResponse;

/**
 * Reads RDS PostgreSQL error logs. Lines start with the log_line_prefix RDS uses, {@code 2024-01-15
 * 03:30:12 UTC:host(port):user@db:[pid]:ERROR: message}; the first line at ERROR, FATAL or PANIC
 * level at or after the given time is the candidate corruption time.
 */
public class RdsLogActivitiesImpl implements RdsLogActivities {
  private static final Pattern LINE =
      Pattern.compile(
          "^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2})(?:\\.\\d+)?"
              + " UTC:.*?:(ERROR|FATAL|PANIC):\\s*(.*)$");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final int SAMPLE = 5;

  private final Function<String, RdsClient> rds;

  public RdsLogActivitiesImpl(AwsClients aws) {
    this(aws::rds);
  }

  /**
   * @param rds the RDS client of a region (tests pass a scripted one)
   */
  public RdsLogActivitiesImpl(Function<String, RdsClient> rds) {
    this.rds = rds;
  }

  @Override
  public ErrorLogScan scanErrorLogs(String region, String instanceId, Instant since) {
    RdsClient client = rds.apply(region);
    List<String> files = new ArrayList<>();
    List<String> sample = new ArrayList<>();
    Instant first = null;
    try {
      for (DescribeDBLogFilesDetails file :
          client
              .describeDBLogFilesPaginator(
                  r -> {
                    r.dbInstanceIdentifier(instanceId).filenameContains("error");
                    if (since != null) r.fileLastWritten(since.toEpochMilli());
                  })
              .describeDBLogFiles()) {
        files.add(file.logFileName());
        String marker = "0";
        boolean more = true;
        while (more) {
          String from = marker;
          DownloadDbLogFilePortionResponse part =
              client.downloadDBLogFilePortion(
                  r ->
                      r.dbInstanceIdentifier(instanceId)
                          .logFileName(file.logFileName())
                          .marker(from));
          for (String line : (part.logFileData() == null ? "" : part.logFileData()).split("\n")) {
            Instant at = errorTime(line);
            if (at == null || (since != null && at.isBefore(since))) continue;
            if (first == null || at.isBefore(first)) first = at;
            if (sample.size() < SAMPLE) sample.add(file.logFileName() + ": " + line.strip());
          }
          more =
              Boolean.TRUE.equals(part.additionalDataPending())
                  && part.marker() != null
                  && !part.marker().equals(from);
          marker = part.marker();
        }
      }
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "reading the error logs of " + instanceId + " in " + region);
    }
    String summary =
        files.isEmpty()
            ? "no error log files" + (since == null ? "" : " written since " + since)
            : first == null
                ? "no ERROR lines in " + files.size() + " file(s)"
                : "first ERROR at " + first + " in " + files.size() + " file(s)";
    return new ErrorLogScan(files, first, sample, summary);
  }

  /** The time of an ERROR (or worse) line, or null for any other line. */
  static Instant errorTime(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) return null;
    try {
      return LocalDateTime.parse(m.group(1), STAMP).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
