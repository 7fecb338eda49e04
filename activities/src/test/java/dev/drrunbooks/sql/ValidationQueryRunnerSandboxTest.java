package dev.drrunbooks.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.sql.QueryOutcome;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.catalog.Expectation;
import dev.drrunbooks.catalog.ValidationQuery;
import dev.drrunbooks.testing.SandboxEnv;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The catalog's validation queries over JDBC against the sandbox's seeded inventory database. */
class ValidationQueryRunnerSandboxTest {
  private final ValidationQueryRunner runner = new ValidationQueryRunner(Duration.ofSeconds(2));
  private Connection db;

  @BeforeEach
  void connect() throws SQLException {
    SandboxEnv env = SandboxEnv.get();
    DatabaseCredentials login = DatabaseCredentials.fromEnvironment(env.all());
    db =
        DriverManager.getConnection(
            "jdbc:postgresql://"
                + env.require("DR_DB_HOST")
                + ":"
                + env.require("DR_DB_PORT")
                + "/"
                + env.require("DR_DB_NAME"),
            login.user(),
            login.password());
  }

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  @Test
  void theSeededDatabaseHoldsSeveralHoursOfActivity() throws SQLException {
    try (ResultSet rs =
        db.createStatement()
            .executeQuery(
                "SELECT count(*), extract(epoch FROM max(transaction_date) - min(transaction_date))"
                    + " / 3600 FROM inventory_transactions")) {
      rs.next();
      assertTrue(rs.getLong(1) >= 1000, "transactions: " + rs.getLong(1));
      assertTrue(rs.getDouble(2) >= 3, "hours of activity: " + rs.getDouble(2));
    }
    try (ResultSet rs = db.createStatement().executeQuery("SELECT count(*) FROM audit_log")) {
      rs.next();
      assertTrue(rs.getLong(1) >= 1000, "audit rows: " + rs.getLong(1));
    }
  }

  @Test
  void theCatalogsInventoryChecksPassOnTheSeededData() {
    List<ValidationQuery> queries =
        CatalogFixture.load().services().get("inventory").validationQueries();

    List<QueryOutcome> outcomes = runner.run(db, db, queries);

    assertEquals(queries.size(), outcomes.size());
    for (QueryOutcome o : outcomes) {
      assertTrue(o.pass(), o.toString());
      assertNull(o.error(), o.toString());
    }
    QueryOutcome matchesSource =
        outcomes.stream()
            .filter(o -> o.name().equals("items-match-source"))
            .findFirst()
            .orElseThrow();
    assertEquals(matchesSource.found(), matchesSource.sourceValue());
  }

  @Test
  void anExpectationNotMetFailsWithTheEvidence() {
    QueryOutcome o =
        runner
            .run(
                db,
                null,
                List.of(
                    new ValidationQuery(
                        "too-many",
                        "SELECT COUNT(*) FROM inventory_items",
                        new Expectation(null, 1_000_000L, null))))
            .get(0);
    assertFalse(o.pass());
    assertEquals(">= 1000000", o.expected());
    assertTrue(o.found() > 0);
  }

  @Test
  void aQueryCannotWriteWhatItChecks() throws SQLException {
    QueryOutcome o =
        runner
            .run(
                db,
                null,
                List.of(
                    new ValidationQuery(
                        "sneaky-write",
                        "WITH d AS (DELETE FROM audit_log RETURNING 1) SELECT count(*) FROM d",
                        new Expectation(0L, null, null))))
            .get(0);
    assertFalse(o.pass());
    assertTrue(o.error().startsWith("SQLSTATE 25006"), o.error());
    try (ResultSet rs = db.createStatement().executeQuery("SELECT count(*) FROM audit_log")) {
      rs.next();
      assertTrue(rs.getLong(1) > 0);
    }
  }

  @Test
  void aSlowQueryIsCutOffByTheStatementTimeout() {
    QueryOutcome o =
        runner
            .run(
                db,
                null,
                List.of(
                    new ValidationQuery(
                        "slow",
                        "SELECT count(*) FROM pg_sleep(5)",
                        new Expectation(1L, null, null))))
            .get(0);
    assertFalse(o.pass());
    assertTrue(o.error().startsWith("SQLSTATE 57014"), o.error());
  }
}
