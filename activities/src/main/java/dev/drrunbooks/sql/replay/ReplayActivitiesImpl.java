package dev.drrunbooks.sql.replay;

import dev.drrunbooks.activities.sql.replay.AuditEntry;
import dev.drrunbooks.activities.sql.replay.CorruptionEvidence;
import dev.drrunbooks.activities.sql.replay.CorruptionRule;
import dev.drrunbooks.activities.sql.replay.RecoveryVerification;
import dev.drrunbooks.activities.sql.replay.ReplayActivities;
import dev.drrunbooks.activities.sql.replay.ReplayCheckpoint;
import dev.drrunbooks.activities.sql.replay.ReplayPlan;
import dev.drrunbooks.activities.sql.replay.ReplayProgress;
import dev.drrunbooks.activities.sql.replay.SkippedTransaction;
import dev.drrunbooks.activities.sql.replay.TransactionRef;
import dev.drrunbooks.activities.sql.DatabaseTarget;
import dev.drrunbooks.sql.DatabaseLocator;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ReplayActivities} over JDBC, on the databases a {@link DatabaseLocator} opens (RDS endpoints on
 * AWS, the sandbox's clones in the sandbox).
 *
 * <p>Reads (findCorruption, plan, the source side of apply) run in READ ONLY transactions. Each batch
 * of {@link #apply} is one transaction on the target that, in one statement, inserts the batch with
 * {@code ON CONFLICT DO NOTHING} and, for exactly the rows inserted (its RETURNING), adds their
 * quantity_delta to inventory_items.quantity and writes an audit_log row (actor {@value #REPLAY_ACTOR},
 * action {@value #REPLAY_ACTION}, {@code details.replay_id} the plan's id). A batch that commits and
 * is then run again (a retry after the worker died before its heartbeat) inserts nothing and moves no
 * quantity. Rows not inserted are "already present" when the target has their reference, a conflict
 * when their id is taken there by another transaction (a recovered database that took new writes).
 */
public class ReplayActivitiesImpl implements ReplayActivities {
  private static final Logger log = LoggerFactory.getLogger(ReplayActivitiesImpl.class);
  public static final String REPLAY_ACTOR = "dr-runbooks:replay";
  public static final String REPLAY_ACTION = "REPLAY";
  public static final int MAX_BATCH = 10_000;
  static final int MAX_EVIDENCE_ENTRIES = 50;
  private static final Timestamp BEGINNING = Timestamp.from(Instant.parse("1970-01-01T00:00:00Z"));

  /** Called after each batch commits, before its heartbeat: tests use it to kill a replay midway. */
  @FunctionalInterface
  public interface BatchHook {
    void afterCommit(int batch, long lastId);
  }

  private final DatabaseLocator locator;
  private final BatchHook hook;

  public ReplayActivitiesImpl(DatabaseLocator locator) {
    this(locator, (batch, lastId) -> {});
  }

  public ReplayActivitiesImpl(DatabaseLocator locator, BatchHook hook) {
    this.locator = locator;
    this.hook = hook;
  }

  // ---------------------------------------------------------------------------------------------
  // findCorruption

  @Override
  public CorruptionEvidence findCorruption(DatabaseTarget db, Instant since, CorruptionRule rule) {
    requireTarget(db, "db");
    CorruptionRule r = rule == null ? CorruptionRule.DEFAULT : rule;
    try (Connection c = open(db, "audited")) {
      c.setReadOnly(true);
      c.setAutoCommit(false);
      try {
        List<AuditEntry> entries = new ArrayList<>();
        long count = 0;
        Set<String> actors = new TreeSet<>();
        try (PreparedStatement st = c.prepareStatement("SELECT id, created_at, actor, action, table_name, row_id, "
            + "details::text, " + MATCHED_SQL + " AS matched FROM audit_log a "
            + "WHERE created_at >= ? AND " + RULE_SQL + " ORDER BY created_at, id")) {
          int i = bindRule(c, st, 1, r);
          st.setTimestamp(i++, since == null ? BEGINNING : Timestamp.from(since));
          bindRule(c, st, i, r);
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              count++;
              actors.add(rs.getString("actor"));
              if (entries.size() < MAX_EVIDENCE_ENTRIES) entries.add(auditEntry(rs));
            }
          }
        }
        c.commit();
        if (entries.isEmpty()) {
          String summary = "no audit_log entry " + (since == null ? "" : "since " + since + " ") + "matches the rule ("
              + r.describe() + ")";
          log.info("findCorruption on {}: {}", db.instanceId(), summary);
          return new CorruptionEvidence(false, since, r, null, null, 0, List.of(), List.of(), summary);
        }
        AuditEntry first = entries.get(0);
        Instant lastGood = lastGoodBefore(first.createdAt());
        String summary = count + " suspicious audit_log entr" + (count == 1 ? "y" : "ies") + " by " + actors
            + "; the first, #" + first.id() + " at " + first.createdAt() + " (" + first.actor() + " " + first.action()
            + " on " + first.tableName() + ", " + first.matched() + "); last good instant " + lastGood;
        log.info("findCorruption on {}: {}", db.instanceId(), summary);
        return new CorruptionEvidence(true, since, r, first, lastGood, count, List.copyOf(actors), entries, summary);
      } catch (SQLException e) {
        throw queryFailed(db, "reading audit_log", e);
      }
    } catch (SQLException e) {
      throw closeFailed(db, e);
    }
  }

  /** The last whole second strictly before {@code t}. */
  static Instant lastGoodBefore(Instant t) {
    return t.minusNanos(1).truncatedTo(ChronoUnit.SECONDS);
  }

  // ---------------------------------------------------------------------------------------------
  // plan

  @Override
  public ReplayPlan plan(DatabaseTarget source, Instant after, CorruptionRule rule) {
    requireTarget(source, "source");
    if (after == null) {
      throw ApplicationFailure.newNonRetryableFailure("plan needs the restore point 'after' (ISO-8601): the recovered "
          + "database holds everything up to it; none was given", "InvalidInput");
    }
    CorruptionRule r = rule == null ? CorruptionRule.DEFAULT : rule;
    Timestamp at = Timestamp.from(after);
    try (Connection c = open(source, "source")) {
      c.setReadOnly(true);
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        // One snapshot (REPEATABLE READ) for every number in the plan.
        long transactions;
        long lastId;
        try (PreparedStatement st = c.prepareStatement(
            "SELECT count(*), coalesce(max(id), 0) FROM inventory_transactions WHERE transaction_date > ?")) {
          st.setTimestamp(1, at);
          try (ResultSet rs = st.executeQuery()) {
            rs.next();
            transactions = rs.getLong(1);
            lastId = rs.getLong(2);
          }
        }
        TransactionRef first = null;
        TransactionRef last = null;
        if (transactions > 0) {
          first = oneTransaction(c, "SELECT " + TXN_COLUMNS + " FROM inventory_transactions WHERE transaction_date > ? "
              + "ORDER BY id LIMIT 1", at);
          last = oneTransaction(c, "SELECT " + TXN_COLUMNS + " FROM inventory_transactions WHERE transaction_date > ? "
              + "ORDER BY id DESC LIMIT 1", at);
        }
        List<SkippedTransaction> skip = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT DISTINCT ON (t.id) " + prefixed("t") + ", a.id, "
            + "a.created_at, a.actor, a.action, " + MATCHED_SQL + " AS matched "
            + "FROM inventory_transactions t JOIN audit_log a ON a.table_name = 'inventory_transactions' "
            + "AND a.row_id = t.id AND " + RULE_SQL + " WHERE t.transaction_date > ? AND t.id <= ? ORDER BY t.id, a.id")) {
          int i = bindRule(c, st, 1, r);
          i = bindRule(c, st, i, r);
          st.setTimestamp(i++, at);
          st.setLong(i, lastId);
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              TransactionRef t = transaction(rs);
              skip.add(new SkippedTransaction(t, "audit_log #" + rs.getLong(6) + " at " + instant(rs, 7) + ": "
                  + rs.getString(8) + " " + rs.getString(9) + " (" + rs.getString(10) + ")"));
            }
          }
        }
        Map<String, Long> byActor = new TreeMap<>();
        long audit = 0;
        try (PreparedStatement st = c.prepareStatement(
            "SELECT actor, count(*) FROM audit_log WHERE created_at > ? GROUP BY actor")) {
          st.setTimestamp(1, at);
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              byActor.put(rs.getString(1), rs.getLong(2));
              audit += rs.getLong(2);
            }
          }
        }
        long suspiciousOther;
        try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM audit_log a WHERE created_at > ? "
            + "AND table_name <> 'inventory_transactions' AND " + RULE_SQL)) {
          st.setTimestamp(1, at);
          bindRule(c, st, 2, r);
          try (ResultSet rs = st.executeQuery()) {
            rs.next();
            suspiciousOther = rs.getLong(1);
          }
        }
        c.commit();
        long toApply = transactions - skip.size();
        String replayId = "replay:" + source.instanceId() + ":" + after + ":" + lastId;
        String summary = transactions == 0
            ? "nothing to replay: no inventory transaction after " + after
            : transactions + " transaction(s) after " + after + ": " + toApply + " to replay, " + skip.size()
                + " skipped as the corruption; first " + first.reference() + " (#" + first.id() + ", "
                + first.transactionDate() + "), last " + last.reference() + " (#" + last.id() + ", "
                + last.transactionDate() + "); " + audit + " audit_log entries after the point" + (suspiciousOther == 0
                ? "" : ", " + suspiciousOther + " suspicious on other tables (not replayed: the recovered database "
                + "has those rows as of the point)");
        log.info("plan {} from {}: {}", replayId, source.instanceId(), summary);
        return new ReplayPlan(replayId, source.instanceId(), source.databaseName(), after, lastId, transactions, toApply,
            first, last, skip, audit, byActor, suspiciousOther, r, summary);
      } catch (SQLException e) {
        throw queryFailed(source, "planning the replay", e);
      }
    } catch (SQLException e) {
      throw closeFailed(source, e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // apply

  @Override
  public ReplayProgress apply(DatabaseTarget source, DatabaseTarget target, ReplayPlan plan, int batchSize) {
    requireTarget(source, "source");
    requireTarget(target, "target");
    if (plan == null || plan.after() == null || plan.replayId() == null) {
      throw ApplicationFailure.newNonRetryableFailure("apply needs the plan from plan(); none was given", "InvalidInput");
    }
    if (batchSize < 1 || batchSize > MAX_BATCH) {
      throw ApplicationFailure.newNonRetryableFailure("batchSize " + batchSize + " is out of range: 1.." + MAX_BATCH,
          "InvalidInput");
    }
    if (locator.describe(source).equals(locator.describe(target))) {
      throw ApplicationFailure.newNonRetryableFailure("source and target are the same database ("
          + locator.describe(target) + "): the replay goes from the current database to the recovered one",
          "InvalidInput");
    }
    ActivityExecutionContext ctx = currentActivity();
    ReplayCheckpoint prior = ctx == null ? null : ctx.getHeartbeatDetails(ReplayCheckpoint.class)
        .filter(p -> plan.replayId().equals(p.replayId())).orElse(null);
    long cursor = prior == null ? 0 : prior.lastId();
    int batches = prior == null ? 0 : prior.batches();
    long considered = prior == null ? 0 : prior.considered();
    long skipped = prior == null ? 0 : prior.skipped();
    Map<Long, SkippedTransaction> conflicts = new LinkedHashMap<>();
    if (prior != null) prior.conflicts().forEach(s -> conflicts.put(s.transaction().id(), s));
    if (prior != null) {
      log.info("replay {}: resuming after id {} ({} batches, {} transactions seen)", plan.replayId(), cursor, batches,
          considered);
    }
    Map<Long, SkippedTransaction> skipById = new HashMap<>();
    for (SkippedTransaction s : plan.skip()) skipById.put(s.transaction().id(), s);
    Timestamp after = Timestamp.from(plan.after());

    try (Connection src = open(source, "source"); Connection dst = open(target, "target")) {
      src.setReadOnly(true);
      dst.setAutoCommit(false);
      while (true) {
        List<TransactionRef> batch = readBatch(source, src, after, cursor, plan.lastId(), batchSize);
        if (batch.isEmpty()) break;
        List<TransactionRef> toInsert = new ArrayList<>();
        for (TransactionRef t : batch) {
          if (skipById.containsKey(t.id())) skipped++;
          else toInsert.add(t);
        }
        try {
          for (SkippedTransaction s : applyBatch(dst, plan, toInsert)) conflicts.put(s.transaction().id(), s);
          dst.commit();
        } catch (SQLException e) {
          rollbackQuietly(dst);
          throw queryFailed(target, "applying transactions #" + batch.get(0).id() + "..#" + batch.get(batch.size() - 1).id(), e);
        }
        batches++;
        considered += batch.size();
        cursor = batch.get(batch.size() - 1).id();
        hook.afterCommit(batches, cursor);
        if (ctx != null) {
          ctx.heartbeat(new ReplayCheckpoint(plan.replayId(), cursor, batches, considered, skipped,
              new ArrayList<>(conflicts.values())));
        }
      }
      long applied;
      try {
        applied = countApplied(dst, plan);
        dst.commit();
      } catch (SQLException e) {
        throw queryFailed(target, "counting the replay's audit rows", e);
      }
      long present = Math.max(0, considered - skipped - conflicts.size() - applied);
      List<SkippedTransaction> skippedList = plan.skip();
      String summary = "replay " + plan.replayId() + " into " + target.instanceId() + ": " + applied + " applied, "
          + present + " already present, " + skippedList.size() + " skipped as the corruption, " + conflicts.size()
          + " refused by the target; " + considered + " considered in " + batches + " batch(es) of up to " + batchSize;
      log.info(summary);
      return new ReplayProgress(plan.replayId(), considered, applied, present, skippedList,
          new ArrayList<>(conflicts.values()), cursor, batches, summary);
    } catch (SQLException e) {
      throw closeFailed(target, e);
    }
  }

  private List<TransactionRef> readBatch(DatabaseTarget source, Connection src, Timestamp after, long cursor, long lastId,
      int batchSize) {
    try (PreparedStatement st = src.prepareStatement("SELECT " + TXN_COLUMNS + " FROM inventory_transactions "
        + "WHERE transaction_date > ? AND id > ? AND id <= ? ORDER BY id LIMIT ?")) {
      st.setTimestamp(1, after);
      st.setLong(2, cursor);
      st.setLong(3, lastId);
      st.setInt(4, batchSize);
      List<TransactionRef> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) out.add(transaction(rs));
      }
      return out;
    } catch (SQLException e) {
      throw queryFailed(source, "reading inventory_transactions after #" + cursor, e);
    }
  }

  /** One batch in the target's open transaction; returns the rows the target refused, with why. */
  private List<SkippedTransaction> applyBatch(Connection dst, ReplayPlan plan, List<TransactionRef> rows)
      throws SQLException {
    if (rows.isEmpty()) return List.of();
    List<SkippedTransaction> refused = new ArrayList<>();
    Set<Long> items = new HashSet<>();
    try (PreparedStatement st = dst.prepareStatement("SELECT id FROM inventory_items WHERE id = ANY(?)")) {
      st.setArray(1, dst.createArrayOf("bigint", rows.stream().map(TransactionRef::itemId).distinct().toArray(Long[]::new)));
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) items.add(rs.getLong(1));
      }
    }
    List<TransactionRef> insertable = new ArrayList<>();
    for (TransactionRef t : rows) {
      if (items.contains(t.itemId())) insertable.add(t);
      else refused.add(new SkippedTransaction(t, "item " + t.itemId() + " does not exist in the target"));
    }
    if (insertable.isEmpty()) return refused;
    Set<Long> inserted = new HashSet<>();
    try (PreparedStatement st = dst.prepareStatement(INSERT_BATCH_SQL)) {
      st.setArray(1, dst.createArrayOf("bigint", insertable.stream().map(TransactionRef::id).toArray(Long[]::new)));
      st.setArray(2, dst.createArrayOf("bigint", insertable.stream().map(TransactionRef::itemId).toArray(Long[]::new)));
      st.setArray(3, dst.createArrayOf("integer", insertable.stream().map(TransactionRef::quantityDelta).toArray(Integer[]::new)));
      st.setArray(4, dst.createArrayOf("text", insertable.stream().map(t -> t.transactionDate().toString()).toArray(String[]::new)));
      st.setArray(5, dst.createArrayOf("text", insertable.stream().map(TransactionRef::reference).toArray(String[]::new)));
      st.setString(6, REPLAY_ACTOR);
      st.setString(7, REPLAY_ACTION);
      st.setString(8, plan.replayId());
      st.setString(9, plan.sourceInstanceId());
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) inserted.add(rs.getLong(1));
      }
    }
    List<TransactionRef> notInserted = insertable.stream().filter(t -> !inserted.contains(t.id())).toList();
    if (!notInserted.isEmpty()) {
      Map<String, Long> byReference = new HashMap<>();
      Map<Long, String> byId = new HashMap<>();
      try (PreparedStatement st = dst.prepareStatement(
          "SELECT id, reference FROM inventory_transactions WHERE reference = ANY(?) OR id = ANY(?)")) {
        st.setArray(1, dst.createArrayOf("text", notInserted.stream().map(TransactionRef::reference).toArray(String[]::new)));
        st.setArray(2, dst.createArrayOf("bigint", notInserted.stream().map(TransactionRef::id).toArray(Long[]::new)));
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            byReference.put(rs.getString(2), rs.getLong(1));
            byId.put(rs.getLong(1), rs.getString(2));
          }
        }
      }
      for (TransactionRef t : notInserted) {
        if (byReference.containsKey(t.reference())) continue; // already present: applied before
        String holder = byId.get(t.id());
        refused.add(new SkippedTransaction(t, holder == null
            ? "not inserted and not found in the target (a concurrent delete?)"
            : "id " + t.id() + " is taken in the target by another transaction, " + holder));
      }
    }
    return refused;
  }

  private long countApplied(Connection dst, ReplayPlan plan) throws SQLException {
    // By replay id only: the audit rows are stamped with the wall clock, which says nothing about the
    // restore point (a point later than now, as in tests with future-dated rows, must still count).
    try (PreparedStatement st = dst.prepareStatement("SELECT count(DISTINCT row_id) FROM audit_log WHERE "
        + "actor = ? AND action = ? AND table_name = 'inventory_transactions' AND details->>'replay_id' = ?")) {
      st.setString(1, REPLAY_ACTOR);
      st.setString(2, REPLAY_ACTION);
      st.setString(3, plan.replayId());
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * Inserts the batch; for exactly the rows inserted, moves the item quantities and writes the audit
   * row, all in one statement (so in the batch's transaction). Returns the ids inserted.
   */
  static final String INSERT_BATCH_SQL = "WITH src AS ("
      + "SELECT s.id, s.item_id, s.quantity_delta, s.transaction_date::timestamptz AS transaction_date, s.reference "
      + "FROM unnest(?::bigint[], ?::bigint[], ?::integer[], ?::text[], ?::text[]) "
      + "AS s(id, item_id, quantity_delta, transaction_date, reference)), "
      + "ins AS (INSERT INTO inventory_transactions (id, item_id, quantity_delta, transaction_date, reference) "
      + "SELECT id, item_id, quantity_delta, transaction_date, reference FROM src ORDER BY id "
      + "ON CONFLICT DO NOTHING RETURNING id, item_id, quantity_delta, transaction_date, reference), "
      + "upd AS (UPDATE inventory_items AS i SET quantity = i.quantity + d.total, "
      + "updated_at = greatest(i.updated_at, d.last_at) "
      + "FROM (SELECT item_id, sum(quantity_delta)::int AS total, max(transaction_date) AS last_at FROM ins "
      + "GROUP BY item_id) AS d WHERE d.item_id = i.id RETURNING i.id), "
      + "aud AS (INSERT INTO audit_log (actor, action, table_name, row_id, details) "
      + "SELECT ?, ?, 'inventory_transactions', ins.id, jsonb_build_object('replay_id', ?::text, 'source', ?::text, "
      + "'reference', ins.reference, 'item_id', ins.item_id, 'quantity_delta', ins.quantity_delta, "
      + "'transaction_date', ins.transaction_date) FROM ins RETURNING 1) "
      + "SELECT id FROM ins";

  // ---------------------------------------------------------------------------------------------
  // verify

  @Override
  public RecoveryVerification verify(DatabaseTarget source, DatabaseTarget target, ReplayPlan plan) {
    requireTarget(source, "source");
    requireTarget(target, "target");
    if (plan == null || plan.after() == null || plan.replayId() == null) {
      throw ApplicationFailure.newNonRetryableFailure("verify needs the plan from plan(); none was given", "InvalidInput");
    }
    UnrecoveredRows wrong = new UnrecoveredRows();
    try (Connection src = open(source, "source"); Connection dst = open(target, "target")) {
      src.setReadOnly(true);
      dst.setReadOnly(true);
      try {
        negativeItems(dst, wrong);
      } catch (SQLException e) {
        throw queryFailed(target, "looking for negative quantities", e);
      }
      missingGoodTransactions(source, src, target, dst, plan, wrong);
      try {
        corruptTransactionsPresent(dst, plan, wrong);
      } catch (SQLException e) {
        throw queryFailed(target, "looking for the corruption's transactions", e);
      }
    } catch (SQLException e) {
      throw closeFailed(target, e);
    }
    RecoveryVerification result = wrong.verification(plan.replayId(), target.instanceId());
    log.info("verify {}: {}", plan.replayId(), result.summary());
    return result;
  }

  private static void negativeItems(Connection dst, UnrecoveredRows wrong) throws SQLException {
    try (ResultSet rs = dst.createStatement().executeQuery(
        "SELECT id, quantity FROM inventory_items WHERE quantity < 0 ORDER BY id")) {
      while (rs.next()) wrong.add("inventory_items", rs.getLong(1), "quantity " + rs.getInt(2) + " is negative");
    }
  }

  /** The plan's good transactions whose reference the target lacks, and the items they should have moved. */
  private void missingGoodTransactions(DatabaseTarget source, Connection src, DatabaseTarget target, Connection dst,
      ReplayPlan plan, UnrecoveredRows wrong) {
    Set<Long> skip = new HashSet<>();
    plan.skip().forEach(s -> skip.add(s.transaction().id()));
    Timestamp after = Timestamp.from(plan.after());
    Map<Long, List<TransactionRef>> missingByItem = new TreeMap<>();
    long cursor = 0;
    while (true) {
      List<TransactionRef> batch = readBatch(source, src, after, cursor, plan.lastId(), MAX_BATCH);
      if (batch.isEmpty()) break;
      cursor = batch.get(batch.size() - 1).id();
      List<TransactionRef> good = batch.stream().filter(t -> !skip.contains(t.id())).toList();
      Set<String> present;
      try {
        present = referencesIn(dst, good.stream().map(TransactionRef::reference).toList());
      } catch (SQLException e) {
        throw queryFailed(target, "looking for the replayed transactions", e);
      }
      for (TransactionRef t : good) {
        if (present.contains(t.reference())) continue;
        wrong.add("inventory_transactions", t.id(), "good transaction " + t.reference() + " (" + signed(t.quantityDelta())
            + " on item " + t.itemId() + ", " + t.transactionDate() + ") is missing");
        missingByItem.computeIfAbsent(t.itemId(), k -> new ArrayList<>()).add(t);
      }
    }
    missingByItem.forEach((item, txns) -> wrong.add("inventory_items", item, "quantity misses "
        + signed(txns.stream().mapToInt(TransactionRef::quantityDelta).sum()) + " of " + txns.size()
        + " transaction(s) not replayed: " + txns.stream().map(TransactionRef::reference).toList()));
  }

  private static void corruptTransactionsPresent(Connection dst, ReplayPlan plan, UnrecoveredRows wrong)
      throws SQLException {
    if (plan.skip().isEmpty()) return;
    Map<String, SkippedTransaction> byReference = new HashMap<>();
    plan.skip().forEach(s -> byReference.put(s.transaction().reference(), s));
    try (PreparedStatement st = dst.prepareStatement(
        "SELECT id, reference FROM inventory_transactions WHERE reference = ANY(?) ORDER BY id")) {
      st.setArray(1, dst.createArrayOf("text", byReference.keySet().toArray(String[]::new)));
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          wrong.add("inventory_transactions", rs.getLong(1), "transaction " + rs.getString(2) + " is the corruption ("
              + byReference.get(rs.getString(2)).reason() + ") and is present");
        }
      }
    }
  }

  private static Set<String> referencesIn(Connection dst, List<String> references) throws SQLException {
    Set<String> out = new HashSet<>();
    if (references.isEmpty()) return out;
    try (PreparedStatement st = dst.prepareStatement(
        "SELECT reference FROM inventory_transactions WHERE reference = ANY(?)")) {
      st.setArray(1, dst.createArrayOf("text", references.toArray(String[]::new)));
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static String signed(int n) {
    return n >= 0 ? "+" + n : Integer.toString(n);
  }

  // ---------------------------------------------------------------------------------------------
  // the rule in SQL (audit_log aliased as a)

  static final String RULE_SQL = "((a.details->>'corruption') = 'true' OR upper(a.action) = ANY(?) OR a.actor LIKE ANY(?))";
  static final String MATCHED_SQL = "CASE WHEN (a.details->>'corruption') = 'true' THEN 'flagged corruption' "
      + "WHEN upper(a.action) = ANY(?) THEN 'action ' || a.action "
      + "WHEN a.actor LIKE ANY(?) THEN 'actor ' || a.actor END";

  /** Binds the two arrays (actions, actor patterns) of {@link #RULE_SQL} or {@link #MATCHED_SQL}. */
  private static int bindRule(Connection c, PreparedStatement st, int i, CorruptionRule r) throws SQLException {
    Array actions = c.createArrayOf("text", r.actions().stream().map(a -> a.toUpperCase(Locale.ROOT)).toArray(String[]::new));
    st.setArray(i++, actions);
    st.setArray(i++, c.createArrayOf("text", r.actors().toArray(String[]::new)));
    return i;
  }

  private static final String TXN_COLUMNS = "id, reference, transaction_date, item_id, quantity_delta";

  private static String prefixed(String alias) {
    return alias + ".id, " + alias + ".reference, " + alias + ".transaction_date, " + alias + ".item_id, " + alias
        + ".quantity_delta";
  }

  private static TransactionRef oneTransaction(Connection c, String sql, Timestamp at) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setTimestamp(1, at);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? transaction(rs) : null;
      }
    }
  }

  private static TransactionRef transaction(ResultSet rs) throws SQLException {
    return new TransactionRef(rs.getLong(1), rs.getString(2), instant(rs, 3), rs.getLong(4), rs.getInt(5));
  }

  private static AuditEntry auditEntry(ResultSet rs) throws SQLException {
    long rowId = rs.getLong("row_id");
    return new AuditEntry(rs.getLong("id"), instant(rs, 2), rs.getString("actor"), rs.getString("action"),
        rs.getString("table_name"), rs.wasNull() ? null : rowId, rs.getString("details"), rs.getString("matched"));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  // ---------------------------------------------------------------------------------------------
  // connections and failures, classified as in DataValidationActivitiesImpl

  private static void requireTarget(DatabaseTarget db, String role) {
    if (db == null || db.databaseName() == null && db.instanceId() == null) {
      throw ApplicationFailure.newNonRetryableFailure("the " + role + " database is missing: give its instanceId and "
          + "databaseName", "InvalidInput");
    }
  }

  private Connection open(DatabaseTarget db, String role) {
    try {
      return locator.open(db);
    } catch (SQLException e) {
      String where = locator.describe(db);
      if ("3D000".equals(e.getSQLState())) {
        throw ApplicationFailure.newNonRetryableFailure("the " + role + " database does not exist: " + where + ": "
            + describe(e), "DatabaseNotFound");
      }
      throw ApplicationFailure.newFailure("cannot reach the " + role + " database " + where + ": " + describe(e),
          "DatabaseUnreachable");
    }
  }

  /** Class 08 (connection) and 40 (serialization, deadlock) are retried; anything else is not. */
  private RuntimeException queryFailed(DatabaseTarget db, String what, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String message = what + " on " + locator.describe(db) + " failed: " + describe(e);
    if (state.startsWith("08") || state.startsWith("40") || state.startsWith("57P")) {
      return ApplicationFailure.newFailure(message, "DatabaseUnreachable");
    }
    if (state.equals("42P01") || state.equals("42703")) {
      return ApplicationFailure.newNonRetryableFailure(message + " (not the inventory schema?)", "InvalidInput");
    }
    return ApplicationFailure.newNonRetryableFailure(message, "ReplayFailed");
  }

  private RuntimeException closeFailed(DatabaseTarget db, SQLException e) {
    return ApplicationFailure.newFailure("closing the connection to " + locator.describe(db) + " failed: " + describe(e),
        "DatabaseUnreachable");
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is gone; the batch did not commit
    }
  }

  private static String describe(SQLException e) {
    return (e.getSQLState() == null ? "" : "SQLSTATE " + e.getSQLState() + ": ") + e.getMessage();
  }

  private static ActivityExecutionContext currentActivity() {
    try {
      return Activity.getExecutionContext();
    } catch (IllegalStateException | NullPointerException e) {
      return null;
    }
  }
}
