package dev.drrunbooks.activities.sql.replay;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a replay will do, for the operator to approve: the source's ledger rows dated after {@code
 * after} with an id up to {@code lastId} (the newest when planned: later ones are not replayed
 * without a new plan), {@code transactions} of them, {@code toApply} once the {@code skip} list
 * (the ones the audit marks as the corruption, with why) is left out; the first and last by id; the
 * audit entries after {@code after} by actor. {@code replayId} names this plan; the replay writes
 * it into the target's audit trail with each transaction it applies. {@code first}/{@code last} are
 * null when there is nothing to replay.
 */
public record ReplayPlan(
    String replayId,
    String sourceInstanceId,
    String sourceDatabase,
    Instant after,
    long lastId,
    long transactions,
    long toApply,
    TransactionRef first,
    TransactionRef last,
    List<SkippedTransaction> skip,
    long auditEntries,
    Map<String, Long> auditEntriesByActor,
    long suspiciousOtherEntries,
    CorruptionRule rule,
    String summary) {

  public ReplayPlan {
    skip = skip == null ? List.of() : List.copyOf(skip);
    auditEntriesByActor = auditEntriesByActor == null ? Map.of() : Map.copyOf(auditEntriesByActor);
  }
}
