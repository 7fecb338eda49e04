package dev.drrunbooks.sandbox.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.sql.DatabaseTarget;
import dev.drrunbooks.activities.sql.QueryOutcome;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.activities.sql.replay.CorruptionEvidence;
import dev.drrunbooks.activities.sql.replay.CorruptionRule;
import dev.drrunbooks.activities.sql.replay.RecoveryVerification;
import dev.drrunbooks.activities.sql.replay.ReplayActivities;
import dev.drrunbooks.activities.sql.replay.ReplayPlan;
import dev.drrunbooks.activities.sql.replay.ReplayProgress;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.catalog.DataRecoverySpec;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.catalog.ValidationQuery;
import dev.drrunbooks.sandbox.SandboxDatabases;
import dev.drrunbooks.sandbox.SandboxLocator;
import dev.drrunbooks.sql.DataValidationActivitiesImpl;
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
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The second service: Payments' corrupted-data recovery on the sandbox's seeded {@code payments}
 * database, driven only by its catalog entry ({@code services.payments.database.dataRecovery}):
 * other tables and columns than Inventory's, bigint amounts, ledger columns the catalog does not
 * name, an audit trail whose entity is a label. A runaway FX revaluation job zeroes 30 balances
 * (audited as BULK_UPDATE) and books 5 bogus entries among 35 good ones; the recovered database,
 * restored by the sandbox to the restore point found in the audit trail, must after the replay hold
 * exactly the good entries (every column, by checksum), balances to match, and pass the catalog's
 * integrity checks.
 */
class PaymentsRecoverySandboxTest {
  private static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setHeartbeatTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();
  private static final ServiceDefinition PAYMENTS = CatalogFixture.load().definitionOf("payments");
  private static final DataRecoverySpec DECLARED = PAYMENTS.spec().database().dataRecovery();
  private static final String BAD_ACTOR = "batch:fx-revaluation";

  /**
   * Every column of every entry, in id order: what "the ledger is right" means, memo and currency
   * included.
   */
  private static final String LEDGER_CHECKSUM =
      "SELECT md5(coalesce(string_agg(e::text, '|' ORDER BY entry_id), '')) "
          + "FROM payment_entries e WHERE payment_ref NOT LIKE 'FX-%'";

  private SandboxDatabases databases;
  private SandboxLocator locator;
  private String curName;
  private String recInstance;
  private DatabaseTarget current;
  private DatabaseTarget recovered;
  private final List<TestActivityEnvironment> envs = new ArrayList<>();
  private Instant corruptionAt;
  private Map<Long, Long> preCorruptionBalances;
  private final List<long[]> goodAfter = new ArrayList<>(); // {entryId, accountId, amount}
  private final List<Long> bogusIds = new ArrayList<>();

  @BeforeEach
  void databases() throws Exception {
    databases = SandboxDatabases.fromEnvironment(SandboxEnv.get().all());
    locator = new SandboxLocator(databases);
    String suffix =
        Long.toString(System.currentTimeMillis(), 36)
            + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    curName = "payments_cur_" + suffix;
    recInstance = "payments-rec-" + suffix;
    current = new DatabaseTarget("eu-west-1", "payments-cur-" + suffix, null, null, curName);
    recovered =
        new DatabaseTarget("eu-west-1", recInstance, null, null, PAYMENTS.spec().database().name());
    createFromTemplate(curName, PAYMENTS.spec().database().name());
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
  void aCorruptedLedgerIsRecoveredFromItsCatalogEntryAndIsRightAfterTheReplay() throws Exception {
    buildScenario();
    ReplayActivities replay = stub();

    CorruptionEvidence evidence = replay.findCorruption(DECLARED, current, null, null);
    assertTrue(evidence.found(), evidence.summary());
    assertEquals(corruptionAt, evidence.first().createdAt(), evidence.summary());
    assertEquals("BULK_UPDATE", evidence.first().action());
    assertEquals(
        List.of(BAD_ACTOR), evidence.actors(), "the people reviewing accounts are not suspects");
    assertTrue(evidence.summary().contains("payment_audit"), evidence.summary());

    databases.materialize(recInstance, curName, evidence.lastGoodInstant());
    assertEquals(
        0,
        count(recovered, "SELECT count(*) FROM accounts WHERE balance_cents = 0"),
        "the restore brings the zeroed balances back as of the restore point");
    String expectedChecksum = scalar(current, LEDGER_CHECKSUM);

    ReplayPlan plan =
        replay.plan(
            DECLARED,
            current,
            evidence.lastGoodInstant(),
            CorruptionRule.withActors(evidence.actors()));
    int later = 1 + goodAfter.size() + bogusIds.size();
    assertEquals(later, plan.transactions(), plan.summary());
    assertEquals(later - bogusIds.size(), plan.toApply(), plan.summary());
    assertEquals(bogusIds, plan.skip().stream().map(s -> s.transaction().id()).toList());
    assertTrue(
        plan.skip().get(0).reason().startsWith("payment_audit #"), plan.skip().get(0).reason());
    assertEquals(1, plan.suspiciousOtherEntries(), "the BULK_UPDATE of accounts");

    ReplayProgress done = replay.apply(DECLARED, current, recovered, plan, 8);
    assertEquals(later - bogusIds.size(), done.applied(), done.summary());
    assertTrue(done.conflicts().isEmpty(), done.conflicts().toString());
    RecoveryVerification verified = replay.verify(DECLARED, current, recovered, plan);
    assertTrue(verified.passed(), verified.summary());

    assertLedgerAndBalancesRight(expectedChecksum);
    List<ValidationQuery> checks = new ArrayList<>(PAYMENTS.spec().validationQueries());
    checks.addAll(DECLARED.checks());
    ValidationReport integrity =
        new DataValidationActivitiesImpl(locator).validate(recovered, current, checks);
    assertTrue(integrity.passed(), integrity.summary() + ": " + integrity.outcomes());
    assertEquals(
        List.of(
            "balances-match-ledger",
            "accounts-match-source",
            "rows-accounts",
            "rows-payment_entries",
            "rows-payment_audit"),
        integrity.outcomes().stream().map(QueryOutcome::name).toList());
    assertEquals(
        later - bogusIds.size(),
        count(
            recovered,
            "SELECT count(*) FROM payment_audit WHERE principal = '"
                + ReplayActivitiesImpl.REPLAY_ACTOR
                + "' AND operation = 'REPLAY' AND entity = 'payment_entry' "
                + "AND client_ip IS NULL AND payload->>'replay_id' = '"
                + plan.replayId()
                + "'"),
        "one audit entry each");

    ReplayProgress again = replay.apply(DECLARED, current, recovered, plan, 50);
    assertEquals(done.applied(), again.applied(), "a second run moves nothing: " + again.summary());
    assertLedgerAndBalancesRight(expectedChecksum);
  }

  /** Row counts, the checksum of every entry's every column, and each balance as it should be. */
  private void assertLedgerAndBalancesRight(String expectedChecksum) throws SQLException {
    assertEquals(
        expectedChecksum, scalar(recovered, LEDGER_CHECKSUM), "the good entries, every column");
    assertEquals(
        0, count(recovered, "SELECT count(*) FROM payment_entries WHERE payment_ref LIKE 'FX-%'"));
    assertEquals(
        count(current, "SELECT count(*) FROM payment_entries") - bogusIds.size(),
        count(recovered, "SELECT count(*) FROM payment_entries"));
    Map<Long, Long> want = new TreeMap<>(preCorruptionBalances);
    for (long[] g : goodAfter) want.merge(g[1], g[2], Long::sum);
    assertEquals(want, balances(recovered));
  }

  // ---------------------------------------------------------------------------------------------

  private void buildScenario() throws SQLException {
    Instant tb;
    try (Connection c = databases.connect(curName)) {
      try (ResultSet rs =
          c.createStatement().executeQuery("SELECT max(booked_at) FROM payment_entries")) {
        rs.next();
        tb =
            rs.getObject(1, OffsetDateTime.class)
                .toInstant()
                .truncatedTo(ChronoUnit.SECONDS)
                .plusSeconds(1);
      }
      long id = 502_000;
      for (int k = 1; k <= 15; k++) {
        book(
            c,
            ++id,
            10_001 + (k * 13) % 100,
            100L * (k % 7) - 250,
            tb.plusSeconds(3L * k),
            "PAY-G1-" + k,
            "payments-service");
      }
      // between the restore point the audit trail gives (tb+65 s) and the corruption (tb+65.8 s)
      book(c, ++id, 10_042, 12_345, tb.plusMillis(65_300), "PAY-G1-16", "payments-service");
      preCorruptionBalances = balances(c);
    }
    corruptionAt = tb.plusMillis(65_800);
    try (Connection c = databases.connect(curName)) {
      c.setAutoCommit(false);
      assertEquals(
          30,
          c.createStatement()
              .executeUpdate("UPDATE accounts SET balance_cents = 0 WHERE account_id <= 10030"));
      audit(c, corruptionAt, BAD_ACTOR, "BULK_UPDATE", "account", null, "{\"rows\": 30}");
      c.commit();
      c.setAutoCommit(true);
      long id = 502_016;
      int good = 0;
      for (int k = 1; k <= 40; k++) {
        Instant at = corruptionAt.plusSeconds(1L + k);
        if (k % 8 == 3) {
          book(c, ++id, 10_001 + k % 30, 9_999_999, at, "FX-" + k, BAD_ACTOR);
          bogusIds.add(id);
        } else {
          long account = 10_001 + (k * 17) % 100;
          long amount = (k % 11 - 5) * 1_001L;
          book(c, ++id, account, amount, at, "PAY-G2-" + (++good), "payments-service");
          goodAfter.add(new long[] {id, account, amount});
        }
      }
    }
    assertEquals(5, bogusIds.size());
  }

  /**
   * As the payments service does: the entry, its balance and its audit entry, in one transaction.
   */
  private static void book(
      Connection c, long id, long account, long amount, Instant at, String ref, String principal)
      throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (PreparedStatement ins =
            c.prepareStatement(
                "INSERT INTO payment_entries (entry_id, payment_ref, booked_at, "
                    + "account_id, amount_cents, currency, memo) VALUES (?, ?, ?, ?, ?, 'EUR', ?)");
        PreparedStatement upd =
            c.prepareStatement(
                "UPDATE accounts SET balance_cents = balance_cents + ? WHERE account_id = ?")) {
      ins.setLong(1, id);
      ins.setString(2, ref);
      ins.setTimestamp(3, Timestamp.from(at));
      ins.setLong(4, account);
      ins.setLong(5, amount);
      ins.setString(6, ref.startsWith("FX-") ? "fx revaluation" : "card payment " + ref);
      ins.executeUpdate();
      upd.setLong(1, amount);
      upd.setLong(2, account);
      assertEquals(1, upd.executeUpdate());
      audit(c, at, principal, "CREATE", "payment_entry", id, "{\"payment_ref\": \"" + ref + "\"}");
      c.commit();
    } finally {
      c.setAutoCommit(auto);
    }
  }

  private static void audit(
      Connection c,
      Instant at,
      String principal,
      String operation,
      String entity,
      Long entityId,
      String payload)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO payment_audit (occurred_at, principal, operation, "
                + "entity, entity_id, payload) VALUES (?, ?, ?, ?, ?, ?::jsonb)")) {
      st.setTimestamp(1, Timestamp.from(at));
      st.setString(2, principal);
      st.setString(3, operation);
      st.setString(4, entity);
      st.setObject(5, entityId);
      st.setString(6, payload);
      st.executeUpdate();
    }
  }

  private Map<Long, Long> balances(DatabaseTarget db) throws SQLException {
    try (Connection c = locator.open(db)) {
      return balances(c);
    }
  }

  private static Map<Long, Long> balances(Connection c) throws SQLException {
    Map<Long, Long> out = new TreeMap<>();
    try (ResultSet rs =
        c.createStatement().executeQuery("SELECT account_id, balance_cents FROM accounts")) {
      while (rs.next()) out.put(rs.getLong(1), rs.getLong(2));
    }
    return out;
  }

  private long count(DatabaseTarget db, String sql) throws SQLException {
    return Long.parseLong(scalar(db, sql));
  }

  private String scalar(DatabaseTarget db, String sql) throws SQLException {
    try (Connection c = locator.open(db);
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private ReplayActivities stub() {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    envs.add(env);
    env.registerActivitiesImplementations(new ReplayActivitiesImpl(locator));
    return env.newActivityStub(ReplayActivities.class, OPTIONS);
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
