package dev.drrunbooks.activities.sql.replay;

import java.util.List;

/**
 * What a replay did, over all its attempts: {@code considered} source transactions in the plan's
 * range, {@code applied} inserted into the target by this replay (counted from the target's audit
 * trail, so a retry after a lost heartbeat still counts right), {@code alreadyPresent} that were
 * there before it (same reference), {@code skipped} the plan's corrupt ones, {@code conflicts} the
 * target refused, each with why. {@code lastId}: the last source id processed.
 */
public record ReplayProgress(
    String replayId,
    long considered,
    long applied,
    long alreadyPresent,
    List<SkippedTransaction> skipped,
    List<SkippedTransaction> conflicts,
    long lastId,
    int batches,
    String summary) {

  public ReplayProgress {
    skipped = skipped == null ? List.of() : List.copyOf(skipped);
    conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
  }
}
