package dev.drrunbooks.ledger;

import dev.drrunbooks.testing.SandboxEnv;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * The sandbox's ledger database ({@code DR_LEDGER_*} in its env file), and what tests read and
 * delete in it: rows of one workflow id at a time, so tests never touch each other's.
 */
final class SandboxLedger {
  private SandboxLedger() {}

  static Map<String, String> env() {
    return SandboxEnv.get().all();
  }

  static LedgerSettings settings() {
    return LedgerSettings.fromEnvironment(env())
        .orElseThrow(() -> new IllegalStateException("the sandbox env file has no ledger"));
  }

  static Connection connect() throws SQLException {
    SandboxEnv env = SandboxEnv.get();
    return DriverManager.getConnection(
        env.require("DR_LEDGER_JDBC_URL"),
        env.require("DR_LEDGER_USER"),
        env.require("DR_LEDGER_PASSWORD"));
  }

  /** Rows of {@code table} (in dr_ledger) for the run. */
  static long count(String table, String workflowId) throws SQLException {
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*) FROM dr_ledger." + table + " WHERE workflow_id = ?")) {
      ps.setString(1, workflowId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The run and, by cascade, its objectives, steps and approvals. */
  static void delete(String workflowId) throws SQLException {
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement("DELETE FROM dr_ledger.runs WHERE workflow_id = ?")) {
      ps.setString(1, workflowId);
      ps.executeUpdate();
    }
  }
}
