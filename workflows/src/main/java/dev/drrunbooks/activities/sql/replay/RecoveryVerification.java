package dev.drrunbooks.activities.sql.replay;

import java.util.List;

/**
 * The row-level check of a recovered database after its replay: {@code rows} the first {@link
 * ReplayActivities#MAX_UNRECOVERED_ROWS} rows still wrong (table, id, why), {@code total} how many
 * there are; {@code passed} when there are none.
 */
public record RecoveryVerification(
    String replayId, boolean passed, long total, List<UnrecoveredRow> rows, String summary) {

  public RecoveryVerification {
    rows = rows == null ? List.of() : List.copyOf(rows);
  }
}
