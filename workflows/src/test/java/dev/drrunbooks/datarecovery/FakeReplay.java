package dev.drrunbooks.datarecovery;

import dev.drrunbooks.activities.rds.ErrorLogScan;
import dev.drrunbooks.activities.rds.RdsLogActivities;
import dev.drrunbooks.activities.sql.DatabaseTarget;
import dev.drrunbooks.activities.sql.replay.AuditEntry;
import dev.drrunbooks.activities.sql.replay.CorruptionEvidence;
import dev.drrunbooks.activities.sql.replay.CorruptionRule;
import dev.drrunbooks.activities.sql.replay.RecoveryVerification;
import dev.drrunbooks.activities.sql.replay.ReplayActivities;
import dev.drrunbooks.activities.sql.replay.ReplayPlan;
import dev.drrunbooks.activities.sql.replay.ReplayProgress;
import dev.drrunbooks.activities.sql.replay.SkippedTransaction;
import dev.drrunbooks.activities.sql.replay.TransactionRef;
import dev.drrunbooks.activities.sql.replay.UnrecoveredRow;
import dev.drrunbooks.catalog.DataRecoverySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The replay activities as a script, for workflow-logic tests only: a corruption an hour ago, 61
 * good and 5 bad transactions after.
 */
final class FakeReplay implements ReplayActivities, RdsLogActivities {
  final Instant corruption =
      Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).plusMillis(400);
  final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  volatile boolean noCorruption;

  /**
   * The ledger table of the catalog block each call was given ("none" when null), in call order.
   */
  final List<String> ledgers = Collections.synchronizedList(new ArrayList<>());

  private void declared(DataRecoverySpec data) {
    ledgers.add(data == null ? "none" : data.ledger().table());
  }

  @Override
  public ErrorLogScan scanErrorLogs(String region, String instanceId, Instant since) {
    calls.add("scan logs " + instanceId);
    return new ErrorLogScan(
        List.of("error/postgresql.log"),
        noCorruption ? null : corruption.plusSeconds(2),
        List.of(),
        noCorruption
            ? "no ERROR lines in 1 file(s)"
            : "first ERROR at " + corruption.plusSeconds(2));
  }

  @Override
  public CorruptionEvidence findCorruption(
      DataRecoverySpec data, DatabaseTarget db, Instant since, CorruptionRule rule) {
    declared(data);
    calls.add("find " + db.instanceId());
    if (noCorruption) {
      return new CorruptionEvidence(
          false, since, rule, null, null, 0, List.of(), List.of(), "no suspicious entries");
    }
    AuditEntry first =
        new AuditEntry(
            4242,
            corruption,
            "etl:stock-sync",
            "BULK_UPDATE",
            "inventory_items",
            null,
            "{}",
            "action BULK_UPDATE");
    return new CorruptionEvidence(
        true,
        since,
        rule,
        first,
        corruption.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1),
        1,
        List.of("etl:stock-sync"),
        List.of(first),
        "BULK_UPDATE by etl:stock-sync at " + corruption);
  }

  @Override
  public ReplayPlan plan(
      DataRecoverySpec data, DatabaseTarget source, Instant after, CorruptionRule rule) {
    declared(data);
    calls.add("plan after " + after + " skipping " + rule.actors());
    TransactionRef first = new TransactionRef(3001, "T-3001", after.plusSeconds(1), 7, 2);
    TransactionRef last = new TransactionRef(3066, "T-3066", corruption.plusSeconds(600), 9, -1);
    List<SkippedTransaction> skip =
        List.of(
            new SkippedTransaction(
                new TransactionRef(3010, "T-3010", corruption.plusSeconds(60), 3, 500),
                "audit_log #4250: etl:stock-sync INSERT"));
    return new ReplayPlan(
        "replay-1",
        source.instanceId(),
        source.databaseName(),
        after,
        3066,
        66,
        61,
        first,
        last,
        skip,
        70,
        Map.of("inventory-service", 61L),
        1,
        rule,
        "66 transactions after " + after + ": 61 to replay, 5 to skip");
  }

  /** What verify answers after the replay: the rows still wrong (none by default). */
  volatile List<UnrecoveredRow> stillWrong = List.of();

  @Override
  public RecoveryVerification verify(
      DataRecoverySpec data, DatabaseTarget source, DatabaseTarget target, ReplayPlan plan) {
    declared(data);
    calls.add("verify " + target.instanceId());
    List<UnrecoveredRow> rows = stillWrong;
    return new RecoveryVerification(
        plan.replayId(),
        rows.isEmpty(),
        rows.size(),
        rows,
        rows.isEmpty()
            ? "no row of " + target.instanceId() + " is still wrong"
            : rows.size()
                + " row(s) of "
                + target.instanceId()
                + " still wrong: "
                + String.join("; ", rows.stream().map(UnrecoveredRow::describe).toList()));
  }

  @Override
  public ReplayProgress apply(
      DataRecoverySpec data,
      DatabaseTarget source,
      DatabaseTarget target,
      ReplayPlan plan,
      int batchSize) {
    declared(data);
    calls.add("apply to " + target.instanceId() + " in batches of " + batchSize);
    return new ReplayProgress(
        plan.replayId(), 66, 61, 0, plan.skip(), List.of(), 3066, 1, "61 applied, 5 skipped");
  }
}
