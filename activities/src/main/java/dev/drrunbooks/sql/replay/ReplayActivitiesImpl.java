package dev.drrunbooks.sql.replay;

import dev.drrunbooks.activities.sql.DatabaseTarget;
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
import dev.drrunbooks.catalog.DataRecoverySpec;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.sql.DatabaseFailures;
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
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ReplayActivities} over JDBC, on the databases a {@link DatabaseLocator} opens (RDS
 * endpoints on AWS, the sandbox's clones in the sandbox), with the statements {@link ReplaySql}
 * generates from the service's catalog {@code database.dataRecovery}.
 *
 * <p>Reads (findCorruption, plan, the source side of apply) run in READ ONLY transactions. Each
 * batch of {@link #apply} is one transaction on the target that, in one statement, inserts the
 * batch with {@code ON CONFLICT DO NOTHING} and, for exactly the rows inserted (its RETURNING),
 * adds their amount to their balance row and writes an audit entry (actor {@value #REPLAY_ACTOR},
 * action {@value #REPLAY_ACTION}, {@code details.replay_id} the plan's id). A batch that commits
 * and is then run again (a retry after the worker died before its heartbeat) inserts nothing and
 * moves no balance. Rows not inserted are "already present" when the target has their reference, a
 * conflict when their id is taken there by another transaction (a recovered database that took new
 * writes).
 */
public class ReplayActivitiesImpl implements ReplayActivities {
  private static final Logger log = LoggerFactory.getLogger(ReplayActivitiesImpl.class);
  public static final String REPLAY_ACTOR = "dr-runbooks:replay";
  public static final String REPLAY_ACTION = "REPLAY";
  public static final int MAX_BATCH = 10_000;
  static final int MAX_EVIDENCE_ENTRIES = 50;
  private static final Timestamp BEGINNING = Timestamp.from(Instant.parse("1970-01-01T00:00:00Z"));

  /**
   * Called after each batch commits, before its heartbeat: tests use it to kill a replay midway.
   */
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
  public CorruptionEvidence findCorruption(
      DataRecoverySpec data, DatabaseTarget db, Instant since, CorruptionRule rule) {
    ReplaySql sql = declared(data);
    requireTarget(db, "db");
    CorruptionRule r = rule == null ? CorruptionRule.DEFAULT : rule;
    try (Connection c = DatabaseFailures.open(locator, db, "audited")) {
      c.setReadOnly(true);
      c.setAutoCommit(false);
      try {
        List<AuditEntry> entries = new ArrayList<>();
        long count = 0;
        Set<String> actors = new TreeSet<>();
        try (PreparedStatement st = c.prepareStatement(sql.findCorruption())) {
          int i = bindRule(c, st, 1, r);
          st.setTimestamp(i++, since == null ? BEGINNING : Timestamp.from(since));
          bindRule(c, st, i, r);
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              count++;
              actors.add(rs.getString(3));
              if (entries.size() < MAX_EVIDENCE_ENTRIES) entries.add(auditEntry(rs));
            }
          }
        }
        c.commit();
        if (entries.isEmpty()) {
          String summary =
              "no "
                  + sql.auditName
                  + " entry "
                  + (since == null ? "" : "since " + since + " ")
                  + "matches the rule ("
                  + r.describe()
                  + ")";
          log.info("findCorruption on {}: {}", db.instanceId(), summary);
          return CorruptionEvidence.none(since, r, summary);
        }
        AuditEntry first = entries.get(0);
        Instant lastGood = lastGoodBefore(first.createdAt());
        String summary =
            count
                + " suspicious "
                + sql.auditName
                + " entr"
                + (count == 1 ? "y" : "ies")
                + " by "
                + actors
                + "; the first, #"
                + first.id()
                + " at "
                + first.createdAt()
                + " ("
                + first.actor()
                + " "
                + first.action()
                + " on "
                + first.tableName()
                + ", "
                + first.matched()
                + "); last good instant "
                + lastGood;
        log.info("findCorruption on {}: {}", db.instanceId(), summary);
        return new CorruptionEvidence(
            true, since, r, first, lastGood, count, List.copyOf(actors), entries, summary);
      } catch (SQLException e) {
        throw queryFailed(db, "reading " + sql.auditName, e);
      }
    } catch (SQLException e) {
      throw DatabaseFailures.closeFailed(locator, db, e);
    }
  }

  /** The last whole second strictly before {@code t}. */
  static Instant lastGoodBefore(Instant t) {
    return t.minusNanos(1).truncatedTo(ChronoUnit.SECONDS);
  }

  // ---------------------------------------------------------------------------------------------
  // plan

  @Override
  public ReplayPlan plan(
      DataRecoverySpec data, DatabaseTarget source, Instant after, CorruptionRule rule) {
    ReplaySql sql = declared(data);
    requireTarget(source, "source");
    if (after == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "plan needs the restore point 'after' (ISO-8601): the recovered "
              + "database holds everything up to it; none was given",
          FailureType.INVALID_INPUT.type());
    }
    CorruptionRule r = rule == null ? CorruptionRule.DEFAULT : rule;
    Timestamp at = Timestamp.from(after);
    try (Connection c = DatabaseFailures.open(locator, source, "source")) {
      c.setReadOnly(true);
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        // One snapshot (REPEATABLE READ) for every number in the plan.
        long transactions;
        long lastId;
        try (PreparedStatement st = c.prepareStatement(sql.countAfter())) {
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
          first = oneTransaction(c, sql.edgeAfter(false), at);
          last = oneTransaction(c, sql.edgeAfter(true), at);
        }
        List<SkippedTransaction> skip = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql.condemned())) {
          int i = bindRule(c, st, 1, r);
          st.setString(i++, sql.ledgerEntity);
          i = bindRule(c, st, i, r);
          st.setTimestamp(i++, at);
          st.setLong(i, lastId);
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              TransactionRef t = transaction(rs);
              skip.add(
                  new SkippedTransaction(
                      t,
                      sql.auditName
                          + " #"
                          + rs.getLong(6)
                          + " at "
                          + instant(rs, 7)
                          + ": "
                          + rs.getString(8)
                          + " "
                          + rs.getString(9)
                          + " ("
                          + rs.getString(10)
                          + ")"));
            }
          }
        }
        Map<String, Long> byActor = new TreeMap<>();
        long audit = 0;
        try (PreparedStatement st = c.prepareStatement(sql.auditByActor())) {
          st.setTimestamp(1, at);
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              byActor.put(rs.getString(1), rs.getLong(2));
              audit += rs.getLong(2);
            }
          }
        }
        long suspiciousOther;
        try (PreparedStatement st = c.prepareStatement(sql.suspiciousOther())) {
          st.setTimestamp(1, at);
          st.setString(2, sql.ledgerEntity);
          bindRule(c, st, 3, r);
          try (ResultSet rs = st.executeQuery()) {
            rs.next();
            suspiciousOther = rs.getLong(1);
          }
        }
        c.commit();
        long toApply = transactions - skip.size();
        String replayId = "replay:" + source.instanceId() + ":" + after + ":" + lastId;
        String summary =
            transactions == 0
                ? "nothing to replay: no " + sql.ledgerName + " row after " + after
                : transactions
                    + " transaction(s) after "
                    + after
                    + ": "
                    + toApply
                    + " to replay, "
                    + skip.size()
                    + " skipped as the corruption; first "
                    + first.reference()
                    + " (#"
                    + first.id()
                    + ", "
                    + first.time()
                    + "), last "
                    + last.reference()
                    + " (#"
                    + last.id()
                    + ", "
                    + last.time()
                    + "); "
                    + audit
                    + " "
                    + sql.auditName
                    + " entries after the point"
                    + (suspiciousOther == 0
                        ? ""
                        : ", "
                            + suspiciousOther
                            + " suspicious on other tables (not replayed: the recovered database "
                            + "has those rows as of the point)");
        log.info("plan {} from {}: {}", replayId, source.instanceId(), summary);
        return new ReplayPlan(
            replayId,
            source.instanceId(),
            source.databaseName(),
            after,
            lastId,
            transactions,
            toApply,
            first,
            last,
            skip,
            audit,
            byActor,
            suspiciousOther,
            r,
            summary);
      } catch (SQLException e) {
        throw queryFailed(source, "planning the replay", e);
      }
    } catch (SQLException e) {
      throw DatabaseFailures.closeFailed(locator, source, e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // apply

  @Override
  public ReplayProgress apply(
      DataRecoverySpec data,
      DatabaseTarget source,
      DatabaseTarget target,
      ReplayPlan plan,
      int batchSize) {
    ReplaySql sql = declared(data);
    requireTarget(source, "source");
    requireTarget(target, "target");
    if (plan == null || plan.after() == null || plan.replayId() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "apply needs the plan from plan(); none was given", FailureType.INVALID_INPUT.type());
    }
    if (batchSize < 1 || batchSize > MAX_BATCH) {
      throw ApplicationFailure.newNonRetryableFailure(
          "batchSize " + batchSize + " is out of range: 1.." + MAX_BATCH,
          FailureType.INVALID_INPUT.type());
    }
    if (locator.describe(source).equals(locator.describe(target))) {
      throw ApplicationFailure.newNonRetryableFailure(
          "source and target are the same database ("
              + locator.describe(target)
              + "): the replay goes from the current database to the recovered one",
          FailureType.INVALID_INPUT.type());
    }
    ActivityExecutionContext ctx = currentActivity();
    ReplayCheckpoint prior =
        ctx == null
            ? null
            : ctx.getHeartbeatDetails(ReplayCheckpoint.class)
                .filter(p -> plan.replayId().equals(p.replayId()))
                .orElse(null);
    long cursor = prior == null ? 0 : prior.lastId();
    int batches = prior == null ? 0 : prior.batches();
    long considered = prior == null ? 0 : prior.considered();
    long skipped = prior == null ? 0 : prior.skipped();
    Map<Long, SkippedTransaction> conflicts = new LinkedHashMap<>();
    if (prior != null) prior.conflicts().forEach(s -> conflicts.put(s.transaction().id(), s));
    if (prior != null) {
      log.info(
          "replay {}: resuming after id {} ({} batches, {} transactions seen)",
          plan.replayId(),
          cursor,
          batches,
          considered);
    }
    Map<Long, SkippedTransaction> skipById = new HashMap<>();
    for (SkippedTransaction s : plan.skip()) skipById.put(s.transaction().id(), s);
    Timestamp after = Timestamp.from(plan.after());

    try (Connection src = DatabaseFailures.open(locator, source, "source");
        Connection dst = DatabaseFailures.open(locator, target, "target")) {
      src.setReadOnly(true);
      dst.setAutoCommit(false);
      while (true) {
        List<LedgerRow> batch =
            readBatch(sql, source, src, after, cursor, plan.lastId(), batchSize);
        if (batch.isEmpty()) break;
        List<LedgerRow> toInsert = new ArrayList<>();
        for (LedgerRow row : batch) {
          if (skipById.containsKey(row.ref().id())) skipped++;
          else toInsert.add(row);
        }
        try {
          for (SkippedTransaction s : applyBatch(sql, dst, plan, toInsert))
            conflicts.put(s.transaction().id(), s);
          dst.commit();
        } catch (SQLException e) {
          rollbackQuietly(dst);
          throw queryFailed(
              target,
              "applying transactions #"
                  + batch.get(0).ref().id()
                  + "..#"
                  + batch.get(batch.size() - 1).ref().id(),
              e);
        }
        batches++;
        considered += batch.size();
        cursor = batch.get(batch.size() - 1).ref().id();
        hook.afterCommit(batches, cursor);
        if (ctx != null) {
          ctx.heartbeat(
              new ReplayCheckpoint(
                  plan.replayId(),
                  cursor,
                  batches,
                  considered,
                  skipped,
                  new ArrayList<>(conflicts.values())));
        }
      }
      long applied;
      try {
        applied = countApplied(sql, dst, plan);
        dst.commit();
      } catch (SQLException e) {
        throw queryFailed(target, "counting the replay's " + sql.auditName + " entries", e);
      }
      long present = Math.max(0, considered - skipped - conflicts.size() - applied);
      List<SkippedTransaction> skippedList = plan.skip();
      String summary =
          "replay "
              + plan.replayId()
              + " into "
              + target.instanceId()
              + ": "
              + applied
              + " applied, "
              + present
              + " already present, "
              + skippedList.size()
              + " skipped as the corruption, "
              + conflicts.size()
              + " refused by the target; "
              + considered
              + " considered in "
              + batches
              + " batch(es) of up to "
              + batchSize;
      log.info(summary);
      return new ReplayProgress(
          plan.replayId(),
          considered,
          applied,
          present,
          skippedList,
          new ArrayList<>(conflicts.values()),
          cursor,
          batches,
          summary);
    } catch (SQLException e) {
      throw DatabaseFailures.closeFailed(locator, target, e);
    }
  }

  /** A ledger row read for the replay: its transaction and the whole row as JSON (every column). */
  private record LedgerRow(TransactionRef ref, String json) {}

  private List<LedgerRow> readBatch(
      ReplaySql sql,
      DatabaseTarget source,
      Connection src,
      Timestamp after,
      long cursor,
      long lastId,
      int batchSize) {
    try (PreparedStatement st = src.prepareStatement(sql.readBatch())) {
      st.setTimestamp(1, after);
      st.setLong(2, cursor);
      st.setLong(3, lastId);
      st.setInt(4, batchSize);
      List<LedgerRow> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) out.add(new LedgerRow(transaction(rs), rs.getString(ReplaySql.TXN + 1)));
      }
      return out;
    } catch (SQLException e) {
      throw queryFailed(source, "reading " + sql.ledgerName + " after #" + cursor, e);
    }
  }

  /** One batch in the target's open transaction; returns the rows the target refused, with why. */
  private List<SkippedTransaction> applyBatch(
      ReplaySql sql, Connection dst, ReplayPlan plan, List<LedgerRow> rows) throws SQLException {
    if (rows.isEmpty()) return List.of();
    List<SkippedTransaction> refused = new ArrayList<>();
    Set<Long> balances = new HashSet<>();
    try (PreparedStatement st = dst.prepareStatement(sql.existingBalances())) {
      st.setArray(
          1,
          dst.createArrayOf(
              "bigint",
              rows.stream().map(r -> r.ref().balanceKey()).distinct().toArray(Long[]::new)));
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) balances.add(rs.getLong(1));
      }
    }
    List<LedgerRow> insertable = new ArrayList<>();
    for (LedgerRow row : rows) {
      if (balances.contains(row.ref().balanceKey())) insertable.add(row);
      else
        refused.add(
            new SkippedTransaction(
                row.ref(),
                sql.balanceName + " #" + row.ref().balanceKey() + " does not exist in the target"));
    }
    if (insertable.isEmpty()) return refused;
    Set<Long> inserted = new HashSet<>();
    try (PreparedStatement st = dst.prepareStatement(sql.insertBatch())) {
      st.setString(
          1, insertable.stream().map(LedgerRow::json).collect(Collectors.joining(",", "[", "]")));
      st.setString(2, REPLAY_ACTOR);
      st.setString(3, REPLAY_ACTION);
      st.setString(4, sql.ledgerEntity);
      st.setString(5, plan.replayId());
      st.setString(6, plan.sourceInstanceId());
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) inserted.add(rs.getLong(1));
      }
    }
    List<TransactionRef> notInserted =
        insertable.stream().map(LedgerRow::ref).filter(t -> !inserted.contains(t.id())).toList();
    if (!notInserted.isEmpty()) {
      Map<String, Long> byReference = new HashMap<>();
      Map<Long, String> byId = new HashMap<>();
      try (PreparedStatement st = dst.prepareStatement(sql.holders())) {
        st.setArray(
            1,
            dst.createArrayOf(
                "text",
                notInserted.stream().map(TransactionRef::reference).toArray(String[]::new)));
        st.setArray(
            2,
            dst.createArrayOf(
                "bigint", notInserted.stream().map(TransactionRef::id).toArray(Long[]::new)));
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
        refused.add(
            new SkippedTransaction(
                t,
                holder == null
                    ? "not inserted and not found in the target (a concurrent delete?)"
                    : "id "
                        + t.id()
                        + " is taken in the target by another transaction, "
                        + holder));
      }
    }
    return refused;
  }

  private long countApplied(ReplaySql sql, Connection dst, ReplayPlan plan) throws SQLException {
    // By replay id only: the audit rows are stamped with the wall clock, which says nothing about
    // the
    // restore point (a point later than now, as in tests with future-dated rows, must still count).
    try (PreparedStatement st = dst.prepareStatement(sql.countApplied())) {
      st.setString(1, REPLAY_ACTOR);
      st.setString(2, REPLAY_ACTION);
      st.setString(3, sql.ledgerEntity);
      st.setString(4, plan.replayId());
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // verify

  @Override
  public RecoveryVerification verify(
      DataRecoverySpec data, DatabaseTarget source, DatabaseTarget target, ReplayPlan plan) {
    ReplaySql sql = declared(data);
    requireTarget(source, "source");
    requireTarget(target, "target");
    if (plan == null || plan.after() == null || plan.replayId() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "verify needs the plan from plan(); none was given", FailureType.INVALID_INPUT.type());
    }
    UnrecoveredRows wrong = new UnrecoveredRows();
    try (Connection src = DatabaseFailures.open(locator, source, "source");
        Connection dst = DatabaseFailures.open(locator, target, "target")) {
      src.setReadOnly(true);
      dst.setReadOnly(true);
      if (sql.balanceNonNegative) {
        try {
          negativeBalances(sql, dst, wrong);
        } catch (SQLException e) {
          throw queryFailed(target, "looking for negative " + sql.balanceAmountName, e);
        }
      }
      missingGoodTransactions(sql, source, src, target, dst, plan, wrong);
      try {
        corruptTransactionsPresent(sql, dst, plan, wrong);
      } catch (SQLException e) {
        throw queryFailed(target, "looking for the corruption's transactions", e);
      }
    } catch (SQLException e) {
      throw DatabaseFailures.closeFailed(locator, target, e);
    }
    RecoveryVerification result = wrong.verification(plan.replayId(), target.instanceId());
    log.info("verify {}: {}", plan.replayId(), result.summary());
    return result;
  }

  private static void negativeBalances(ReplaySql sql, Connection dst, UnrecoveredRows wrong)
      throws SQLException {
    try (ResultSet rs = dst.createStatement().executeQuery(sql.negativeBalances())) {
      while (rs.next()) {
        wrong.add(
            sql.balanceName,
            rs.getLong(1),
            sql.balanceAmountName + " " + rs.getLong(2) + " is negative");
      }
    }
  }

  /**
   * The plan's good transactions whose reference the target lacks, and the balances they should
   * have moved.
   */
  private void missingGoodTransactions(
      ReplaySql sql,
      DatabaseTarget source,
      Connection src,
      DatabaseTarget target,
      Connection dst,
      ReplayPlan plan,
      UnrecoveredRows wrong) {
    Set<Long> skip = new HashSet<>();
    plan.skip().forEach(s -> skip.add(s.transaction().id()));
    Timestamp after = Timestamp.from(plan.after());
    Map<Long, List<TransactionRef>> missingByBalance = new TreeMap<>();
    long cursor = 0;
    while (true) {
      List<LedgerRow> batch = readBatch(sql, source, src, after, cursor, plan.lastId(), MAX_BATCH);
      if (batch.isEmpty()) break;
      cursor = batch.get(batch.size() - 1).ref().id();
      List<TransactionRef> good =
          batch.stream().map(LedgerRow::ref).filter(t -> !skip.contains(t.id())).toList();
      Set<String> present;
      try {
        present = referencesIn(sql, dst, good.stream().map(TransactionRef::reference).toList());
      } catch (SQLException e) {
        throw queryFailed(target, "looking for the replayed transactions", e);
      }
      for (TransactionRef t : good) {
        if (present.contains(t.reference())) continue;
        wrong.add(
            sql.ledgerName,
            t.id(),
            "good transaction "
                + t.reference()
                + " ("
                + signed(t.amount())
                + " on "
                + sql.balanceName
                + " #"
                + t.balanceKey()
                + ", "
                + t.time()
                + ") is missing");
        missingByBalance.computeIfAbsent(t.balanceKey(), k -> new ArrayList<>()).add(t);
      }
    }
    missingByBalance.forEach(
        (key, txns) ->
            wrong.add(
                sql.balanceName,
                key,
                sql.balanceAmountName
                    + " misses "
                    + signed(txns.stream().mapToLong(TransactionRef::amount).sum())
                    + " of "
                    + txns.size()
                    + " transaction(s) not replayed: "
                    + txns.stream().map(TransactionRef::reference).toList()));
  }

  private static void corruptTransactionsPresent(
      ReplaySql sql, Connection dst, ReplayPlan plan, UnrecoveredRows wrong) throws SQLException {
    if (plan.skip().isEmpty()) return;
    Map<String, SkippedTransaction> byReference = new HashMap<>();
    plan.skip().forEach(s -> byReference.put(s.transaction().reference(), s));
    try (PreparedStatement st = dst.prepareStatement(sql.byReferences())) {
      st.setArray(1, dst.createArrayOf("text", byReference.keySet().toArray(String[]::new)));
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          wrong.add(
              sql.ledgerName,
              rs.getLong(1),
              "transaction "
                  + rs.getString(2)
                  + " is the corruption ("
                  + byReference.get(rs.getString(2)).reason()
                  + ") and is present");
        }
      }
    }
  }

  private static Set<String> referencesIn(ReplaySql sql, Connection dst, List<String> references)
      throws SQLException {
    Set<String> out = new HashSet<>();
    if (references.isEmpty()) return out;
    try (PreparedStatement st = dst.prepareStatement(sql.byReferences())) {
      st.setArray(1, dst.createArrayOf("text", references.toArray(String[]::new)));
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) out.add(rs.getString(2));
      }
    }
    return out;
  }

  private static String signed(long n) {
    return n >= 0 ? "+" + n : Long.toString(n);
  }

  /**
   * Binds the two arrays (actions, actor patterns) of {@link ReplaySql#rule()} or {@link
   * ReplaySql#matched()}.
   */
  private static int bindRule(Connection c, PreparedStatement st, int i, CorruptionRule r)
      throws SQLException {
    Array actions =
        c.createArrayOf(
            "text",
            r.actions().stream().map(a -> a.toUpperCase(Locale.ROOT)).toArray(String[]::new));
    st.setArray(i++, actions);
    st.setArray(i++, c.createArrayOf("text", r.actors().toArray(String[]::new)));
    return i;
  }

  private static TransactionRef oneTransaction(Connection c, String sql, Timestamp at)
      throws SQLException {
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setTimestamp(1, at);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? transaction(rs) : null;
      }
    }
  }

  private static TransactionRef transaction(ResultSet rs) throws SQLException {
    return new TransactionRef(
        rs.getLong(1), rs.getString(2), instant(rs, 3), rs.getLong(4), rs.getLong(5));
  }

  /** Columns as {@link ReplaySql#findCorruption()} selects them. */
  private static AuditEntry auditEntry(ResultSet rs) throws SQLException {
    long rowId = rs.getLong(6);
    Long entityKey = rs.wasNull() ? null : rowId;
    return new AuditEntry(
        rs.getLong(1),
        instant(rs, 2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        entityKey,
        rs.getString(7),
        rs.getString(8));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** The statements for {@code data}; a service without the catalog block cannot be replayed. */
  private static ReplaySql declared(DataRecoverySpec data) {
    if (data == null || data.ledger() == null || data.balance() == null || data.audit() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the service's catalog database.dataRecovery (ledger, balance, "
              + "audit) is missing: without it there is nothing to replay",
          FailureType.INVALID_INPUT.type());
    }
    return new ReplaySql(data);
  }

  // ---------------------------------------------------------------------------------------------
  // connections and failures, classified as in DataValidationActivitiesImpl

  private static void requireTarget(DatabaseTarget db, String role) {
    if (db == null || db.databaseName() == null && db.instanceId() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the " + role + " database is missing: give its instanceId and " + "databaseName",
          FailureType.INVALID_INPUT.type());
    }
  }

  /** Class 08 (connection) and 40 (serialization, deadlock) are retried; anything else is not. */
  private RuntimeException queryFailed(DatabaseTarget db, String what, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String message =
        what + " on " + locator.describe(db) + " failed: " + DatabaseFailures.describe(e);
    if (state.startsWith("08") || state.startsWith("40") || state.startsWith("57P")) {
      return ApplicationFailure.newFailure(message, "DatabaseUnreachable");
    }
    if (state.equals("42P01") || state.equals("42703")) {
      return ApplicationFailure.newNonRetryableFailure(
          message + " (not the schema the catalog's database.dataRecovery declares?)",
          FailureType.INVALID_INPUT.type());
    }
    return ApplicationFailure.newNonRetryableFailure(message, "ReplayFailed");
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is gone; the batch did not commit
    }
  }

  private static ActivityExecutionContext currentActivity() {
    try {
      return Activity.getExecutionContext();
    } catch (IllegalStateException | NullPointerException e) {
      return null;
    }
  }
}
