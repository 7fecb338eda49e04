package dev.drrunbooks.activities.rds;

import java.time.Instant;
import java.util.List;

/**
 * What the instance's error log files say: the files read, the first ERROR line's time (null when
 * none), and a few lines as evidence for the operator.
 */
public record ErrorLogScan(
    List<String> files, Instant firstError, List<String> sample, String summary) {

  public ErrorLogScan {
    files = files == null ? List.of() : List.copyOf(files);
    sample = sample == null ? List.of() : List.copyOf(sample);
  }
}
