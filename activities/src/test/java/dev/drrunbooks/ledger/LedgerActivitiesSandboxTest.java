package dev.drrunbooks.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.ledger.EndedRunEvidence;
import dev.drrunbooks.activities.ledger.LedgerReceipt;
import dev.drrunbooks.aws.SandboxAws;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ledger on the sandbox's PostgreSQL (database dr_ledger): the schema migrates once, a run is
 * one row with its objectives, steps and approvals however often and however concurrently it is
 * recorded, and evidence the database refuses is final and leaves nothing behind.
 */
class LedgerActivitiesSandboxTest {
  private final List<String> written = new ArrayList<>();
  private final LedgerActivitiesImpl ledger =
      new LedgerActivitiesImpl(Optional.of(SandboxLedger.settings()), SandboxAws.clients());

  @BeforeAll
  static void migrated() {
    SandboxLedger.migrate();
  }

  @AfterEach
  void deleteWhatWasWritten() throws SQLException {
    for (String id : written) SandboxLedger.delete(id);
  }

  private String id(String prefix) {
    String id = LedgerEvidence.uniqueId(prefix);
    written.add(id);
    return id;
  }

  @Test
  void migratingAgainAppliesNothingAndKeepsFlywaysHistoryInTheLedgersSchema() throws Exception {
    MigrateResult again = SandboxLedger.migrate();

    assertEquals(0, again.migrationsExecuted, "nothing left to migrate");
    List<String> tables =
        SandboxLedger.select(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                + " ORDER BY table_name",
            LedgerSchema.SCHEMA,
            rs -> {
              List<String> out = new ArrayList<>();
              while (rs.next()) out.add(rs.getString(1));
              return out;
            });
    assertEquals(
        List.of("flyway_schema_history", "run_approvals", "run_objectives", "run_steps", "runs"),
        tables);
    String versions =
        SandboxLedger.select(
            "SELECT string_agg(version, ',') FROM dr_ledger.flyway_schema_history"
                + " WHERE success AND script LIKE ?",
            "V%",
            rs -> rs.next() ? rs.getString(1) : null);
    assertEquals("1,2,3", versions, "V1, V2 and V3 applied once");
  }

  @Test
  void aRunIsOneRowWithItsObjectivesAndStepsAndItsWholeReport() throws Exception {
    String id = id("write");
    EndedRunEvidence run = LedgerEvidence.drill(id);

    LedgerReceipt receipt = ledger.recordRun(run);

    assertEquals(new LedgerReceipt(true, "recorded"), receipt);
    SandboxLedger.select(
        "SELECT run_id, workflow_type, procedure, services, started_at, ended_at, outcome, passed,"
            + " breached, summary, report::text FROM dr_ledger.runs WHERE workflow_id = ?",
        id,
        rs -> {
          assertTrue(rs.next(), "the run's row");
          assertEquals(run.runId(), rs.getString("run_id"));
          assertEquals("DrDrill", rs.getString("workflow_type"));
          assertEquals("dr-drill", rs.getString("procedure"));
          assertArrayEquals(
              new String[] {"inventory", "payments"},
              (String[]) rs.getArray("services").getArray());
          assertEquals(
              LedgerEvidence.START, rs.getObject("started_at", OffsetDateTime.class).toInstant());
          assertEquals(
              LedgerEvidence.START.plusSeconds(960),
              rs.getObject("ended_at", OffsetDateTime.class).toInstant());
          assertEquals("PASSED", rs.getString("outcome"));
          assertTrue(rs.getBoolean("passed"));
          assertTrue(rs.getBoolean("breached"), "inventory's RPO was missed");
          assertEquals("the drill passed", rs.getString("summary"));
          assertEquals(run.report(), ReportJson.read(rs.getString("report")), "the whole report");
          assertFalse(rs.next());
          return null;
        });
    assertObjectives(id);
    assertSteps(id);
    assertApprovals(id);
  }

  /** Each approval in the order it was decided: who, verified or typed, channel, when, why. */
  private static void assertApprovals(String id) throws SQLException {
    List<String> approvals =
        SandboxLedger.select(
            "SELECT seq, step, decision, who, verified, named, channel, decided_at, why"
                + " FROM dr_ledger.run_approvals WHERE workflow_id = ? ORDER BY seq",
            id,
            rs -> {
              List<String> out = new ArrayList<>();
              while (rs.next())
                out.add(
                    String.join(
                        " | ",
                        String.valueOf(rs.getInt("seq")),
                        rs.getString("step"),
                        rs.getString("decision"),
                        rs.getString("who"),
                        String.valueOf(rs.getBoolean("verified")),
                        rs.getString("named"),
                        rs.getString("channel"),
                        rs.getObject("decided_at", OffsetDateTime.class).toInstant().toString(),
                        rs.getString("why")));
              return out;
            });
    assertEquals(
        List.of(
            "1 | switch-traffic | APPROVED | operator:alice | true | alice | dr approve (update)"
                + " | 2026-11-27T13:31:45.250Z | primary returns 503",
            "2 | switch-traffic | APPROVED | bob | false | bob | signal"
                + " | 2026-11-27T13:32:45.375Z | confirmed by the on-call"),
        approvals);
  }

  private static void assertObjectives(String id) throws SQLException {
    SandboxLedger.select(
        "SELECT service, rto_objective_seconds, rto_achieved_seconds, rto_breached,"
            + " rpo_objective_seconds, rpo_achieved_seconds, rpo_breached, basis, passed"
            + " FROM dr_ledger.run_objectives WHERE workflow_id = ? ORDER BY service",
        id,
        rs -> {
          assertTrue(rs.next());
          assertEquals("inventory", rs.getString("service"));
          assertEquals(0, new BigDecimal("2700").compareTo(rs.getBigDecimal(2)));
          assertEquals(0, new BigDecimal("750.5").compareTo(rs.getBigDecimal(3)));
          assertFalse(rs.getBoolean("rto_breached"));
          assertEquals(0, new BigDecimal("300").compareTo(rs.getBigDecimal(5)));
          assertEquals(0, new BigDecimal("420").compareTo(rs.getBigDecimal(6)));
          assertTrue(rs.getBoolean("rpo_breached"));
          assertEquals("RTO from run start; RPO newest snapshot", rs.getString("basis"));
          assertTrue(rs.getBoolean("passed"));
          assertTrue(rs.next());
          assertEquals("payments", rs.getString("service"));
          assertNull(rs.getBigDecimal("rto_achieved_seconds"), "not measured");
          assertNull(rs.getBigDecimal("rpo_objective_seconds"));
          assertFalse(rs.getBoolean("passed"));
          assertFalse(rs.next());
          return null;
        });
  }

  private static void assertSteps(String id) throws SQLException {
    List<String> steps =
        SandboxLedger.select(
            "SELECT seq, service, step, seconds, outcome, detail FROM dr_ledger.run_steps"
                + " WHERE workflow_id = ? ORDER BY seq",
            id,
            rs -> {
              List<String> out = new ArrayList<>();
              while (rs.next()) {
                BigDecimal seconds = rs.getBigDecimal("seconds");
                out.add(
                    rs.getInt("seq")
                        + " "
                        + rs.getString("service")
                        + " "
                        + rs.getString("step")
                        + " "
                        + (seconds == null ? "-" : seconds.stripTrailingZeros().toPlainString())
                        + " "
                        + rs.getString("outcome")
                        + " "
                        + rs.getString("detail"));
              }
              return out;
            });
    assertEquals(
        List.of(
            "1 inventory restore-db 750.5 SUCCEEDED restore-db took 12m30.5s",
            "2 payments smoke-test - FAILED no answer",
            "3 null cleanup 60 SUCCEEDED null"),
        steps);
  }

  @Test
  void theSameRunRecordedAgainIsOneRowEachAndAnsweredAlreadyRecorded() throws Exception {
    String id = id("again");
    EndedRunEvidence run = LedgerEvidence.drill(id);

    assertEquals(new LedgerReceipt(true, "recorded"), ledger.recordRun(run));
    assertEquals(new LedgerReceipt(true, "already recorded"), ledger.recordRun(run));

    SandboxLedger.assertDrillRecordedOnce(id);
  }

  @Test
  void twoConcurrentWritesOfOneRunLeaveOneRow() throws Exception {
    String id = id("concurrent");
    EndedRunEvidence run = LedgerEvidence.drill(id);
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<LedgerReceipt>> receipts = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        // Each writer has a ledger of its own, as two workers would.
        LedgerActivitiesImpl writer =
            new LedgerActivitiesImpl(Optional.of(SandboxLedger.settings()), null);
        receipts.add(
            pool.submit(
                () -> {
                  together.await(10, TimeUnit.SECONDS);
                  return writer.recordRun(run);
                }));
      }
      List<String> details = new ArrayList<>();
      for (Future<LedgerReceipt> r : receipts) {
        LedgerReceipt receipt = r.get(30, TimeUnit.SECONDS);
        assertTrue(receipt.recorded(), receipt.toString());
        details.add(receipt.detail());
      }
      details.sort(null);
      assertEquals(List.of("already recorded", "recorded"), details);
    } finally {
      pool.shutdownNow();
    }
    SandboxLedger.assertDrillRecordedOnce(id);
  }

  @Test
  void evidenceTheDatabaseRefusesIsFinalAndLeavesNothingBehind() throws Exception {
    String id = id("refused");
    // PostgreSQL's text and jsonb hold no NUL character (SQLSTATE class 22): asking again cannot
    // help, so the write is not retried for days.
    EndedRunEvidence run = LedgerEvidence.of(id, "the drill passed", "bad \u0000 byte");

    ApplicationFailure refused =
        assertThrows(ApplicationFailure.class, () -> ledger.recordRun(run));

    assertEquals("LedgerEvidenceMalformed", refused.getType());
    assertTrue(refused.isNonRetryable());
    assertTrue(refused.getOriginalMessage().contains(id), refused.getOriginalMessage());
    assertEquals(0, SandboxLedger.count("runs", id));
    assertEquals(0, SandboxLedger.count("run_steps", id));
    assertEquals(0, SandboxLedger.count("run_approvals", id));
  }
}
