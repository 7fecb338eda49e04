package dev.drrunbooks.sandbox.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.sql.DatabaseTarget;
import dev.drrunbooks.activities.sql.replay.CorruptionEvidence;
import dev.drrunbooks.activities.sql.replay.CorruptionRule;
import dev.drrunbooks.activities.sql.replay.RecoveryVerification;
import dev.drrunbooks.activities.sql.replay.ReplayActivities;
import dev.drrunbooks.activities.sql.replay.ReplayCheckpoint;
import dev.drrunbooks.activities.sql.replay.ReplayPlan;
import dev.drrunbooks.activities.sql.replay.ReplayProgress;
import dev.drrunbooks.activities.sql.replay.SkippedTransaction;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.catalog.DataRecoverySpec;
import dev.drrunbooks.sandbox.SandboxDatabases;
import dev.drrunbooks.sandbox.SandboxLocator;
import dev.drrunbooks.sql.replay.ReplayActivitiesImpl;
import dev.drrunbooks.testing.SandboxEnv;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Corrupted-data recovery's data side on the sandbox's PostgreSQL. Each test makes its own two
 * databases from the seeded {@code inventory}:
 *
 * <ul>
 *   <li>"current" ({@code replay_cur_*}): the seeded six hours, then good transactions, then at a
 *       known instant Tc a runaway job ({@code etl:stock-sync}) overwrites 40 items' quantities
 *       with 0 (audited as BULK_UPDATE) and, interleaved with good transactions after it, inserts 5
 *       bogus ones (audited as its INSERTs);
 *   <li>"recovered": the sandbox's restore ({@link SandboxDatabases#materialize}) of "current" as
 *       it was before the corruption, taken back to the restore point {@code findCorruption}
 *       proposes (so the good transaction between that point and Tc is gone from it too).
 * </ul>
 *
 * The recovered database must end with the pre-corruption rows plus every good later transaction
 * exactly once, quantities included; the corrupt ones skipped and listed; also when the replay is
 * killed midway and retried, with and without its last heartbeat. Two tests instead leave the
 * recovered database to the sandbox's restore of the corrupted one (finding 8 of issue 10): the
 * overwritten items must come back from it, and the check after the replay must name exactly the
 * rows still wrong.
 */
class ReplaySandboxTest {
  private static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setHeartbeatTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();
  private static final String BAD_ACTOR = "etl:stock-sync";
  private static final int CORRUPTED_ITEMS = 40;

  /**
   * What the replay reads and writes: the Inventory entry of the project's catalog, as a run gets
   * it.
   */
  static final DataRecoverySpec INVENTORY =
      CatalogFixture.load().services().get("inventory").database().dataRecovery();

  private SandboxDatabases databases;
  private SandboxLocator locator;
  private String curName;
  private String recInstance;
  private DatabaseTarget current;
  private DatabaseTarget recovered;
  private final AtomicInteger killAfterBatches = new AtomicInteger(0);
  private final AtomicInteger batchesThisAttempt = new AtomicInteger(0);
  private final List<TestActivityEnvironment> envs = new ArrayList<>();

  // the scenario, filled by buildScenario()
  private Instant corruptionAt;
  private Instant lastG1;
  private Map<Long, Integer> preCorruptionQuantities;
  private Set<String> preCorruptionReferences;
  private final List<long[]> goodAfterCorruption = new ArrayList<>(); // {id, itemId, delta}
  private final List<Long> bogusIds = new ArrayList<>();

  @BeforeEach
  void databases() throws Exception {
    SandboxEnv env = SandboxEnv.get();
    databases = SandboxDatabases.fromEnvironment(env.all());
    locator = new SandboxLocator(databases);
    String suffix =
        Long.toString(System.currentTimeMillis(), 36)
            + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    curName = "replay_cur_" + suffix;
    recInstance = "replay-rec-" + suffix;
    current = new DatabaseTarget("eu-west-1", "replay-cur-" + suffix, null, null, curName);
    recovered = new DatabaseTarget("eu-west-1", recInstance, null, null, "inventory");
    createFromTemplate(curName, env.get("DR_DB_NAME", "inventory"));
  }

  @AfterEach
  void dropDatabases() throws SQLException {
    envs.forEach(TestActivityEnvironment::close);
    try (Connection c = databases.connect("postgres");
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS \"" + curName + "\" WITH (FORCE)");
    }
    databases.drop(recInstance);
  }

  @Test
  void findsTheCorruptionAndReplaysEveryGoodLaterTransactionOnce() throws Exception {
    buildScenario();
    ReplayActivities replay = stub(null);

    CorruptionEvidence evidence = replay.findCorruption(INVENTORY, current, null, null);

    assertTrue(evidence.found(), evidence.summary());
    assertEquals(corruptionAt, evidence.first().createdAt(), evidence.summary());
    assertEquals(BAD_ACTOR, evidence.first().actor());
    assertEquals("BULK_UPDATE", evidence.first().action());
    assertEquals("action BULK_UPDATE", evidence.first().matched());
    assertEquals(
        List.of(BAD_ACTOR),
        evidence.actors(),
        "the seeded people and the service are not suspects");
    Instant restorePoint = evidence.lastGoodInstant();
    assertTrue(
        restorePoint.isBefore(corruptionAt) && restorePoint.isAfter(lastG1),
        restorePoint.toString());
    assertEquals(restorePoint, restorePoint.truncatedTo(ChronoUnit.SECONDS));

    restoreRecovered(restorePoint);
    assertFalse(
        hasReference(recovered, "TXN-G1-021"),
        "the restore point is before the last good transaction");

    ReplayPlan plan =
        replay.plan(INVENTORY, current, restorePoint, CorruptionRule.withActors(evidence.actors()));

    int later = 1 + goodAfterCorruption.size() + bogusIds.size();
    assertEquals(later, plan.transactions(), plan.summary());
    assertEquals(later - bogusIds.size(), plan.toApply(), plan.summary());
    assertEquals("TXN-G1-021", plan.first().reference());
    assertEquals(goodAfterCorruption.get(goodAfterCorruption.size() - 1)[0], plan.last().id());
    assertEquals(bogusIds, plan.skip().stream().map(s -> s.transaction().id()).toList());
    for (SkippedTransaction s : plan.skip()) {
      assertTrue(s.reason().contains(BAD_ACTOR) && s.reason().contains("audit_log #"), s.reason());
    }
    assertEquals(1, plan.suspiciousOtherEntries(), "the BULK_UPDATE of inventory_items");
    assertTrue(
        plan.auditEntriesByActor().get(BAD_ACTOR) >= bogusIds.size() + 1,
        plan.auditEntriesByActor().toString());

    ReplayProgress done = replay.apply(INVENTORY, current, recovered, plan, 7);

    assertEquals(later - bogusIds.size(), done.applied(), done.summary());
    assertEquals(0, done.alreadyPresent(), done.summary());
    assertEquals(bogusIds, done.skipped().stream().map(s -> s.transaction().id()).toList());
    assertTrue(done.conflicts().isEmpty(), done.conflicts().toString());
    assertRecoveredIsCorrect(plan);

    // Run again: nothing moves.
    ReplayProgress again = replay.apply(INVENTORY, current, recovered, plan, 50);
    assertEquals(done.applied(), again.applied(), again.summary());
    assertRecoveredIsCorrect(plan);
  }

  @Test
  void aReplayKilledMidwayAndRetriedAppliesEachTransactionOnce() throws Exception {
    buildScenario();
    CorruptionEvidence evidence =
        stub(null).findCorruption(INVENTORY, current, null, CorruptionRule.DEFAULT);
    restoreRecovered(evidence.lastGoodInstant());
    ReplayPlan plan =
        stub(null)
            .plan(
                INVENTORY,
                current,
                evidence.lastGoodInstant(),
                CorruptionRule.withActors(evidence.actors()));

    // Attempt 1: the worker dies after the 3rd batch committed, before its heartbeat.
    List<ReplayCheckpoint> heartbeats = new ArrayList<>();
    killAfterBatches.set(3);
    RuntimeException died =
        assertThrows(
            RuntimeException.class,
            () -> stub(heartbeats).apply(INVENTORY, current, recovered, plan, 5));
    assertTrue(chain(died).contains("worker died"), chain(died));
    assertEquals(
        14,
        replayedCount(plan),
        "3 batches of 5 committed: 15 transactions, one of them bogus (ETL-1)");
    assertFalse(heartbeats.isEmpty());
    ReplayCheckpoint last = heartbeats.get(heartbeats.size() - 1);
    assertTrue(last.batches() <= 2, "the 3rd batch's heartbeat never went out: " + last);

    // Attempt 2 resumes from that heartbeat, redoes the 3rd batch (finds it there) and dies again.
    batchesThisAttempt.set(0);
    killAfterBatches.set(4);
    List<ReplayCheckpoint> heartbeats2 = new ArrayList<>();
    TestActivityEnvironment env2 = environment(heartbeats2);
    env2.setHeartbeatDetails(last);
    assertThrows(
        RuntimeException.class,
        () ->
            env2.newActivityStub(ReplayActivities.class, OPTIONS)
                .apply(INVENTORY, current, recovered, plan, 5));
    assertTrue(
        heartbeats2.get(0).batches() == last.batches() + 1,
        "resumed after the heartbeat: " + heartbeats2);
    assertTrue(replayedCount(plan) > 15);
    assertPreCorruptionRowsIntact();

    // Attempt 3: its heartbeat was lost: starts over, finds everything so far already applied.
    batchesThisAttempt.set(0);
    killAfterBatches.set(0);
    ReplayProgress done = stub(null).apply(INVENTORY, current, recovered, plan, 5);

    int good = 1 + goodAfterCorruption.size();
    assertEquals(good, done.applied(), done.summary());
    assertEquals(
        0,
        done.alreadyPresent(),
        "applied by this replay's earlier attempts, not before it: " + done.summary());
    assertEquals(bogusIds.size(), done.skipped().size());
    assertRecoveredIsCorrect(plan);
  }

  @Test
  void transactionsAlreadyInTheTargetAreCountedAndOnesItCannotTakeAreListed() throws Exception {
    buildScenario();
    CorruptionEvidence evidence = stub(null).findCorruption(INVENTORY, current, null, null);
    restoreRecovered(evidence.lastGoodInstant());
    ReplayPlan plan =
        stub(null)
            .plan(
                INVENTORY,
                current,
                evidence.lastGoodInstant(),
                CorruptionRule.withActors(evidence.actors()));
    long[] first = goodAfterCorruption.get(0);
    long[] second = goodAfterCorruption.get(1);
    try (Connection c = locator.open(recovered)) {
      // someone already re-entered the first one by hand; the second's id was taken by a new write
      insertTransaction(
          c,
          first[0],
          first[1],
          (int) first[2],
          corruptionAt.plusSeconds(3),
          "TXN-G2-001",
          "ops:alice");
      insertTransaction(
          c, second[0], second[1], 1, Instant.now(), "TXN-NEW-1", "inventory-service");
    }

    ReplayProgress done = stub(null).apply(INVENTORY, current, recovered, plan, 10);

    assertEquals(1, done.alreadyPresent(), done.summary());
    assertEquals(1, done.conflicts().size(), done.summary());
    assertEquals(second[0], done.conflicts().get(0).transaction().id());
    assertTrue(
        done.conflicts().get(0).reason().contains("TXN-NEW-1"), done.conflicts().get(0).reason());
    assertEquals(goodAfterCorruption.size() - 2 + 1, done.applied(), done.summary());
  }

  /**
   * Finding 8, as reported: a direct {@code UPDATE inventory_items SET quantity = 0} with a
   * BULK_UPDATE audit row, good transactions after it (some taking stock out of the zeroed items),
   * and the recovered database made by the sandbox's restore of the corrupted one. The overwritten
   * items come back from the restore point, the replay adds the good transactions: no zeroed item,
   * no negative one, every quantity as it should be, and the check after the replay finds nothing
   * wrong.
   */
  @Test
  void aDirectOverwriteOfItemsIsUndoneByTheRestoreAndTheCheckAfterTheReplayFindsNothingWrong()
      throws Exception {
    buildScenario(false);
    // the reported shape: most of the overwritten items still at 0, one taken below 0 by a later
    // sale
    assertTrue(
        count(current, "SELECT count(*) FROM inventory_items WHERE quantity = 0")
            > CORRUPTED_ITEMS / 2);
    assertTrue(count(current, "SELECT count(*) FROM inventory_items WHERE quantity < 0") >= 1);
    ReplayActivities replay = stub(null);
    CorruptionEvidence evidence = replay.findCorruption(INVENTORY, current, null, null);
    restoreRecovered(evidence.lastGoodInstant());
    assertEquals(
        0,
        count(recovered, "SELECT count(*) FROM inventory_items WHERE quantity = 0"),
        "the restore brings the overwritten items back as of the restore point");
    ReplayPlan plan =
        replay.plan(
            INVENTORY,
            current,
            evidence.lastGoodInstant(),
            CorruptionRule.withActors(evidence.actors()));

    replay.apply(INVENTORY, current, recovered, plan, 25);
    RecoveryVerification verified = replay.verify(INVENTORY, current, recovered, plan);

    assertEquals(
        0,
        count(recovered, "SELECT count(*) FROM inventory_items WHERE quantity = 0"),
        "zeroed items");
    assertEquals(
        0,
        count(recovered, "SELECT count(*) FROM inventory_items WHERE quantity < 0"),
        "negative items");
    assertRecoveredIsCorrect(plan);
    assertTrue(verified.passed(), verified.summary());
    assertEquals(0, verified.total());
    assertEquals(List.of(), verified.rows());
  }

  /**
   * What the recovery cannot put right is named row by row: a good transaction whose id a new write
   * took in the recovered database (and the item it should have moved), a corrupt transaction
   * someone copied in by hand, and an item with negative stock.
   */
  @Test
  void theCheckAfterTheReplayNamesExactlyTheRowsStillWrong() throws Exception {
    buildScenario(false);
    ReplayActivities replay = stub(null);
    CorruptionEvidence evidence = replay.findCorruption(INVENTORY, current, null, null);
    restoreRecovered(evidence.lastGoodInstant());
    ReplayPlan plan =
        replay.plan(
            INVENTORY,
            current,
            evidence.lastGoodInstant(),
            CorruptionRule.withActors(evidence.actors()));
    long[] taken = goodAfterCorruption.get(1);
    long negativeItem = 150;
    try (Connection c = locator.open(recovered)) {
      insertTransaction(c, taken[0], 199, 1, Instant.now(), "TXN-NEW-1", "inventory-service");
      insertTransaction(c, 90_001, 77, 500, Instant.now(), "ETL-1", "ops:alice");
      c.createStatement()
          .executeUpdate("UPDATE inventory_items SET quantity = -4 WHERE id = " + negativeItem);
    }

    replay.apply(INVENTORY, current, recovered, plan, 10);
    RecoveryVerification verified = replay.verify(INVENTORY, current, recovered, plan);

    assertFalse(verified.passed(), verified.summary());
    assertEquals(
        List.of(
            "inventory_items #"
                + taken[1]
                + ": quantity misses "
                + signed((int) taken[2])
                + " of 1 transaction(s) not "
                + "replayed: [TXN-G2-002]",
            "inventory_items #" + negativeItem + ": quantity -4 is negative",
            "inventory_transactions #" + taken[0] + ": good transaction TXN-G2-002",
            "inventory_transactions #90001: transaction ETL-1 is the corruption"),
        verified.rows().stream()
            .map(
                r ->
                    r.describe().startsWith("inventory_transactions")
                        ? r.describe().replaceAll(" \\(.*", "")
                        : r.describe())
            .toList(),
        verified.summary());
    assertEquals(4, verified.total());
    assertTrue(
        verified.summary().startsWith("4 row(s) of " + recInstance + " still wrong"),
        verified.summary());
  }

  private long count(DatabaseTarget db, String sql) throws SQLException {
    try (Connection c = locator.open(db);
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String signed(int n) {
    return n >= 0 ? "+" + n : Integer.toString(n);
  }

  // ---------------------------------------------------------------------------------------------

  private void buildScenario() throws Exception {
    buildScenario(true);
  }

  /**
   * @param cloneBeforeCorruption true: the recovered database is cloned before the overwrite (the
   *     restore's own behaviour is not under test); false: it is left to the sandbox's restore of
   *     the corrupted database, as {@code dr recover-data} gets it
   */
  private void buildScenario(boolean cloneBeforeCorruption) throws Exception {
    Instant tb;
    try (Connection c = databases.connect(curName)) {
      try (ResultSet rs =
          c.createStatement()
              .executeQuery("SELECT max(transaction_date) FROM inventory_transactions")) {
        rs.next();
        tb =
            rs.getObject(1, OffsetDateTime.class)
                .toInstant()
                .truncatedTo(ChronoUnit.SECONDS)
                .plusSeconds(1);
      }
      long id = 3000;
      for (int k = 1; k <= 20; k++) {
        insertTransaction(
            c,
            ++id,
            1 + (k * 11) % 200,
            k % 9 - 4,
            tb.plusSeconds(3L * k),
            ref("G1", k),
            "inventory-service");
      }
      lastG1 = tb.plusSeconds(60);
      // between the proposed restore point (tb+65 s) and the corruption (tb+65.8 s)
      insertTransaction(c, ++id, 7, 3, tb.plusMillis(65_300), ref("G1", 21), "inventory-service");
      preCorruptionQuantities = quantities(c);
      preCorruptionReferences = references(c);
    }
    // The recovered instance: the sandbox restore of the database as it was before the corruption.
    if (cloneBeforeCorruption) databases.materialize(recInstance, curName, null);

    corruptionAt = tb.plusMillis(65_800);
    try (Connection c = databases.connect(curName)) {
      c.setAutoCommit(false);
      try (PreparedStatement st =
          c.prepareStatement(
              "UPDATE inventory_items SET quantity = 0, updated_at = ? WHERE id <= ?")) {
        st.setTimestamp(1, Timestamp.from(corruptionAt));
        st.setInt(2, CORRUPTED_ITEMS);
        assertEquals(CORRUPTED_ITEMS, st.executeUpdate());
      }
      audit(
          c,
          corruptionAt,
          BAD_ACTOR,
          "BULK_UPDATE",
          "inventory_items",
          null,
          "{\"rows\": 40, \"statement\": \"UPDATE inventory_items SET quantity = 0 WHERE id <="
              + " 40\"}");
      c.commit();
      c.setAutoCommit(true);
      long id = 3021;
      int good = 0;
      int bogus = 0;
      for (int k = 1; k <= 65; k++) {
        Instant at = corruptionAt.plusSeconds(1L + k);
        if (k % 13 == 5) {
          insertTransaction(
              c, ++id, 1 + k % CORRUPTED_ITEMS, 500, at, "ETL-" + (++bogus), BAD_ACTOR);
          bogusIds.add(id);
        } else {
          int delta = k % 11 - 5;
          long item = 1 + (k * 17) % 200;
          insertTransaction(c, ++id, item, delta, at, ref("G2", ++good), "inventory-service");
          goodAfterCorruption.add(new long[] {id, item, delta});
        }
      }
    }
    assertEquals(5, bogusIds.size());
  }

  private void restoreRecovered(Instant point) throws SQLException {
    databases.materialize(recInstance, curName, point);
  }

  /**
   * Pre-corruption rows plus every good later transaction once; quantities to match; none of the
   * bogus.
   */
  private void assertRecoveredIsCorrect(ReplayPlan plan) throws SQLException {
    try (Connection c = locator.open(recovered)) {
      Set<String> expected = new java.util.TreeSet<>(preCorruptionReferences);
      for (int k = 1; k <= goodAfterCorruption.size(); k++) expected.add(ref("G2", k));
      assertEquals(expected, references(c));
      try (ResultSet rs =
          c.createStatement()
              .executeQuery(
                  "SELECT count(*), count(DISTINCT reference) FROM inventory_transactions")) {
        rs.next();
        assertEquals(expected.size(), rs.getLong(1));
        assertEquals(expected.size(), rs.getLong(2));
      }
      Map<Long, Integer> want = new TreeMap<>(preCorruptionQuantities);
      for (long[] g : goodAfterCorruption) want.merge(g[1], (int) g[2], Integer::sum);
      assertEquals(want, quantities(c));
      assertEquals(goodAfterCorruption.size() + 1, replayedCount(plan));
      try (ResultSet rs =
          c.createStatement()
              .executeQuery(
                  "SELECT count(*) FROM audit_log WHERE action = 'REPLAY' GROUP BY row_id HAVING"
                      + " count(*) > 1")) {
        assertFalse(rs.next(), "a transaction replayed twice");
      }
    }
  }

  private void assertPreCorruptionRowsIntact() throws SQLException {
    try (Connection c = locator.open(recovered);
        ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT count(*) FROM inventory_items WHERE quantity = 0")) {
      rs.next();
      assertTrue(
          rs.getLong(1) < CORRUPTED_ITEMS, "the overwrite did not reach the recovered database");
    }
  }

  private long replayedCount(ReplayPlan plan) throws SQLException {
    try (Connection c = locator.open(recovered);
        PreparedStatement st =
            c.prepareStatement(
                "SELECT count(*) FROM audit_log WHERE actor = ? AND action = 'REPLAY' AND"
                    + " details->>'replay_id' = ?")) {
      st.setString(1, ReplayActivitiesImpl.REPLAY_ACTOR);
      st.setString(2, plan.replayId());
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private boolean hasReference(DatabaseTarget db, String reference) throws SQLException {
    try (Connection c = locator.open(db);
        PreparedStatement st =
            c.prepareStatement("SELECT 1 FROM inventory_transactions WHERE reference = ?")) {
      st.setString(1, reference);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static String ref(String group, int k) {
    return "TXN-" + group + "-" + String.format("%03d", k);
  }

  /** As the application does: the row, its stock update and its audit entry, in one transaction. */
  private static void insertTransaction(
      Connection c, long id, long item, int delta, Instant at, String reference, String actor)
      throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (PreparedStatement ins =
            c.prepareStatement(
                "INSERT INTO inventory_transactions (id, item_id, quantity_delta, transaction_date,"
                    + " reference) VALUES (?, ?, ?, ?, ?)");
        PreparedStatement upd =
            c.prepareStatement(
                "UPDATE inventory_items SET quantity = quantity + ?, updated_at ="
                    + " greatest(updated_at, ?) WHERE id = ?")) {
      ins.setLong(1, id);
      ins.setLong(2, item);
      ins.setInt(3, delta);
      ins.setTimestamp(4, Timestamp.from(at));
      ins.setString(5, reference);
      ins.executeUpdate();
      upd.setInt(1, delta);
      upd.setTimestamp(2, Timestamp.from(at));
      upd.setLong(3, item);
      assertEquals(1, upd.executeUpdate());
      audit(
          c,
          at,
          actor,
          "INSERT",
          "inventory_transactions",
          id,
          "{\"item_id\": "
              + item
              + ", \"quantity_delta\": "
              + delta
              + ", \"reference\": \""
              + reference
              + "\"}");
      c.commit();
    } finally {
      c.setAutoCommit(auto);
    }
  }

  private static void audit(
      Connection c,
      Instant at,
      String actor,
      String action,
      String table,
      Long rowId,
      String details)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO audit_log (created_at, actor, action, table_name, "
                + "row_id, details) VALUES (?, ?, ?, ?, ?, ?::jsonb)")) {
      st.setTimestamp(1, Timestamp.from(at));
      st.setString(2, actor);
      st.setString(3, action);
      st.setString(4, table);
      st.setObject(5, rowId);
      st.setString(6, details);
      st.executeUpdate();
    }
  }

  private static Map<Long, Integer> quantities(Connection c) throws SQLException {
    Map<Long, Integer> out = new TreeMap<>();
    try (ResultSet rs =
        c.createStatement().executeQuery("SELECT id, quantity FROM inventory_items")) {
      while (rs.next()) out.put(rs.getLong(1), rs.getInt(2));
    }
    return out;
  }

  private static Set<String> references(Connection c) throws SQLException {
    Set<String> out = new java.util.TreeSet<>();
    try (ResultSet rs =
        c.createStatement().executeQuery("SELECT reference FROM inventory_transactions")) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }

  private ReplayActivities stub(List<ReplayCheckpoint> heartbeats) {
    return environment(heartbeats).newActivityStub(ReplayActivities.class, OPTIONS);
  }

  private TestActivityEnvironment environment(List<ReplayCheckpoint> heartbeats) {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    envs.add(env);
    if (heartbeats != null)
      env.setActivityHeartbeatListener(ReplayCheckpoint.class, heartbeats::add);
    env.registerActivitiesImplementations(
        new ReplayActivitiesImpl(
            locator,
            (batch, lastId) -> {
              int n = batchesThisAttempt.incrementAndGet();
              if (killAfterBatches.get() > 0 && n >= killAfterBatches.get()) {
                throw new IllegalStateException(
                    "worker died after batch " + batch + " (id " + lastId + ")");
              }
            }));
    return env;
  }

  private static String chain(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable x = t; x != null; x = x.getCause()) sb.append(x).append(" <- ");
    return sb.toString();
  }

  private void createFromTemplate(String name, String template) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = databases.connect("postgres");
          Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE \"" + name + "\" TEMPLATE \"" + template + "\"");
        return;
      } catch (SQLException e) {
        if (!"55006".equals(e.getSQLState()) || attempt >= 20) throw e;
        Thread.sleep(250L * attempt);
      }
    }
  }
}
