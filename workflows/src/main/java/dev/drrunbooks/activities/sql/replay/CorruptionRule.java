package dev.drrunbooks.activities.sql.replay;

import java.util.List;

/**
 * Which audit entries count as the corruption (columns as the catalog declares the audit trail). An
 * entry is suspicious when any of these holds:
 *
 * <ol>
 *   <li>it is flagged: {@code details->>'corruption' = 'true'} (what a detector or an investigating
 *       operator writes on entries known to be bad; always honoured);
 *   <li>its {@code action} is one of {@link #actions} (case-insensitive). The default names the
 *       statements the application never issues: {@code BULK_UPDATE}, {@code BULK_DELETE}, {@code
 *       TRUNCATE}: a runaway job or a hand-typed statement overwriting many rows at once;
 *   <li>its {@code actor} matches one of {@link #actors}: SQL LIKE patterns, so {@code
 *       etl:stock-sync} is exact and {@code etl:%} any ETL job. Empty by default; a workflow passes
 *       the actors that {@code findCorruption} named, so the rows that actor inserted after the
 *       restore point are skipped too.
 * </ol>
 */
public record CorruptionRule(List<String> actors, List<String> actions) {
  public static final List<String> DEFAULT_ACTIONS =
      List.of("BULK_UPDATE", "BULK_DELETE", "TRUNCATE");
  public static final CorruptionRule DEFAULT = new CorruptionRule(List.of(), DEFAULT_ACTIONS);

  public CorruptionRule {
    actors = actors == null ? List.of() : List.copyOf(actors);
    actions = actions == null ? DEFAULT_ACTIONS : List.copyOf(actions);
  }

  /** The default actions plus these actors. */
  public static CorruptionRule withActors(List<String> actors) {
    return new CorruptionRule(actors, DEFAULT_ACTIONS);
  }

  /** For messages. */
  public String describe() {
    return "details.corruption = true, or action in "
        + actions
        + (actors.isEmpty() ? "" : ", or actor like " + actors);
  }
}
