package dev.drrunbooks.sql.replay;

import dev.drrunbooks.activities.sql.replay.RecoveryVerification;
import dev.drrunbooks.activities.sql.replay.ReplayActivities;
import dev.drrunbooks.activities.sql.replay.UnrecoveredRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects the rows a verification finds wrong, one entry per (table, id) with all its problems, in
 * table and id order, so the same recovered database always yields the same report.
 */
final class UnrecoveredRows {
  private final Map<String, Map<Long, List<String>>> problems = new TreeMap<>();

  void add(String table, long id, String problem) {
    problems
        .computeIfAbsent(table, t -> new TreeMap<>())
        .computeIfAbsent(id, i -> new ArrayList<>())
        .add(problem);
  }

  RecoveryVerification verification(String replayId, String target) {
    List<UnrecoveredRow> all = new ArrayList<>();
    problems.forEach(
        (table, rows) ->
            rows.forEach(
                (id, why) -> all.add(new UnrecoveredRow(table, id, String.join("; ", why)))));
    List<UnrecoveredRow> named =
        all.subList(0, Math.min(all.size(), ReplayActivities.MAX_UNRECOVERED_ROWS));
    String summary =
        all.isEmpty()
            ? "no row of "
                + target
                + " is still wrong (negative balance, good transaction missing, corrupt one"
                + " present)"
            : all.size()
                + " row(s) of "
                + target
                + " still wrong: "
                + String.join("; ", named.stream().limit(20).map(UnrecoveredRow::describe).toList())
                + (all.size() > 20 ? "; ..." : "");
    return new RecoveryVerification(replayId, all.isEmpty(), all.size(), named, summary);
  }
}
