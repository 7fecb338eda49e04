package dev.drrunbooks.runcleanup;

import dev.drrunbooks.model.TimelineEntry;
import java.util.List;

/**
 * The clean-up's report.
 *
 * @param workflowId the run cleaned up after
 * @param applied false for a dry run
 * @param findings everything found, with what was (or would be) done, in deletion order, DNS
 *     changes last
 * @param stillThere after deleting: what the tags prove is the run's and is still found (empty when
 *     done)
 * @param timeline the steps taken
 * @param summary one line, e.g. "applied: 2 deleted, 0 failed, 1 refused, nothing left"
 */
public record RunCleanupResult(
    String workflowId,
    boolean applied,
    List<CleanupFinding> findings,
    List<String> stillThere,
    List<TimelineEntry> timeline,
    String summary) {

  /**
   * Applied, and every deletion verified, nothing failed and nothing tagged with the run was
   * refused.
   */
  public boolean clean() {
    return applied
        && stillThere.isEmpty()
        && findings.stream()
            .noneMatch(
                f -> f.action() == CleanupAction.FAILED || f.action() == CleanupAction.REFUSED);
  }
}
