package dev.drrunbooks.activities.sql.replay;

import java.util.List;

/**
 * The replay's heartbeat: the last source id whose batch committed, batches and transactions seen
 * so far, and the transactions refused by the target so far. A retried attempt resumes after {@code
 * lastId}; without a heartbeat it starts over and finds what is already there.
 */
public record ReplayCheckpoint(
    String replayId,
    long lastId,
    int batches,
    long considered,
    long skipped,
    List<SkippedTransaction> conflicts) {

  public ReplayCheckpoint {
    conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
  }
}
