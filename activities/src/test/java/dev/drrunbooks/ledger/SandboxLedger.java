package dev.drrunbooks.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drrunbooks.testing.SandboxEnv;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The sandbox's ledger database ({@code DR_LEDGER_*} in its env file), and what tests read and
 * delete in it: rows of one workflow id at a time, so tests never touch each other's. Shared with
 * the starter's end-to-end tests (activities' test-jar).
 */
public final class SandboxLedger {
  private SandboxLedger() {}

  /** What a test reads from a query's rows. */
  @FunctionalInterface
  public interface Rows<T> {
    T read(ResultSet rs) throws SQLException;
  }

  public static LedgerSettings settings() {
    return LedgerSettings.fromEnvironment(SandboxEnv.get().all())
        .orElseThrow(() -> new IllegalStateException("the sandbox env file has no ledger"));
  }

  static Connection connect() throws SQLException {
    SandboxEnv env = SandboxEnv.get();
    return DriverManager.getConnection(
        env.require("DR_LEDGER_JDBC_URL"),
        env.require("DR_LEDGER_USER"),
        env.require("DR_LEDGER_PASSWORD"));
  }

  /** The ledger's schema, migrated as the worker does (a no-op once it is current). */
  public static MigrateResult migrate() {
    LedgerSettings settings = settings();
    return LedgerSchema.migrate(LedgerDataSource.of(settings, LedgerLogin.of(settings, null)));
  }

  /** {@code sql} with one text parameter (a run's workflow id), read by {@code rows}. */
  public static <T> T select(String sql, String parameter, Rows<T> rows) throws SQLException {
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, parameter);
      try (ResultSet rs = ps.executeQuery()) {
        return rows.read(rs);
      }
    }
  }

  /** Rows of {@code table} (in dr_ledger) for the run. */
  public static long count(String table, String workflowId) throws SQLException {
    return select(
        "SELECT count(*) FROM dr_ledger." + table + " WHERE workflow_id = ?",
        workflowId,
        rs -> {
          rs.next();
          return rs.getLong(1);
        });
  }

  /**
   * One row of {@link LedgerEvidence#drill}'s run, with its two objectives, three steps and two
   * approvals: none written twice, none missing.
   */
  static void assertDrillRecordedOnce(String workflowId) throws SQLException {
    assertEquals(1, count("runs", workflowId), "run rows");
    assertEquals(2, count("run_objectives", workflowId), "objective rows");
    assertEquals(3, count("run_steps", workflowId), "step rows");
    assertEquals(2, count("run_approvals", workflowId), "approval rows");
  }

  /** The run and, by cascade, its objectives, steps and approvals. */
  public static void delete(String workflowId) throws SQLException {
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement("DELETE FROM dr_ledger.runs WHERE workflow_id = ?")) {
      ps.setString(1, workflowId);
      ps.executeUpdate();
    }
  }
}
