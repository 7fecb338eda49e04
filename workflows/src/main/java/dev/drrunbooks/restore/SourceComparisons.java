package dev.drrunbooks.restore;

import dev.drrunbooks.catalog.ValidationQuery;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.Timeline;
import java.util.List;

/**
 * Validation queries that compare with the source instance ({@code withinPercentOfSource}) cannot
 * run when the source is deleted or in an unreachable region: they are left out, and the timeline
 * says which and why.
 */
public final class SourceComparisons {
  private SourceComparisons() {}

  /**
   * {@code queries} without those that compare with the source; a SKIPPED timeline entry names
   * them.
   */
  public static List<ValidationQuery> without(
      List<ValidationQuery> queries, Timeline timeline, String sourceName) {
    List<ValidationQuery> kept =
        queries.stream().filter(q -> q.expect().withinPercentOfSource() == null).toList();
    if (kept.size() < queries.size()) {
      List<String> skipped =
          queries.stream()
              .filter(q -> q.expect().withinPercentOfSource() != null)
              .map(ValidationQuery::name)
              .toList();
      timeline.record(
          "compare with the source",
          Timeline.now(),
          Outcome.SKIPPED,
          "no live source to compare with ("
              + sourceName
              + "): skipped "
              + String.join(", ", skipped));
    }
    return kept;
  }
}
