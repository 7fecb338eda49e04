package dev.drrunbooks.activities.rds;

import io.temporal.activity.ActivityInterface;
import java.time.Instant;

/**
 * The runbook's "identify corruption time": describe-db-log-files --filename-contains error, and
 * their contents.
 */
@ActivityInterface(namePrefix = "RdsLogs")
public interface RdsLogActivities {

  /**
   * Reads the instance's log files whose name contains "error" and that were written since {@code
   * since} (null: all), page by page (DownloadDBLogFilePortion), and finds the first line logged at
   * ERROR level or worse at or after {@code since}.
   */
  ErrorLogScan scanErrorLogs(String region, String instanceId, Instant since);
}
