package dev.drrunbooks.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.sql.DatabaseTarget;
import dev.drrunbooks.activities.sql.QueryOutcome;
import dev.drrunbooks.catalog.Expectation;
import dev.drrunbooks.catalog.ValidationQuery;
import dev.drrunbooks.testing.SandboxEnv;
import io.temporal.failure.ApplicationFailure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, finding 7: validation SQL cannot change the database it checks, against the sandbox's
 * real PostgreSQL. A second statement never reaches the server; a write inside the one query is
 * refused by the READ ONLY transaction; nothing the query does makes a later check's transaction
 * writable.
 */
class ReadOnlyValidationSandboxTest {
  private final ValidationQueryRunner runner = new ValidationQueryRunner(Duration.ofSeconds(2));
  private final String table =
      "dr_test_ro_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private SandboxEnv env;
  private Connection db;

  @BeforeEach
  void connect() throws SQLException {
    env = SandboxEnv.get();
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
    db.createStatement().execute("DROP TABLE IF EXISTS " + table);
    db.close();
  }

  private static ValidationQuery check(String sql) {
    return new ValidationQuery("sneaky", sql, new Expectation(1L, null, null));
  }

  private boolean tableExists() throws SQLException {
    try (ResultSet rs =
        db.createStatement().executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private long zeroedItems() throws SQLException {
    try (ResultSet rs =
        db.createStatement()
            .executeQuery("SELECT count(*) FROM inventory_items WHERE quantity = 0")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void theReportedMultiStatementCheckIsRefusedByTheActivityAndCreatesNoTable() throws SQLException {
    String sql = "select 1; commit; create table " + table + " as select 1; select 1";
    DataValidationActivitiesImpl validation =
        new DataValidationActivitiesImpl(
            new RdsEndpointLocator(CredentialsSource.environment(env.all())));
    DatabaseTarget target =
        new DatabaseTarget(
            "eu-west-1",
            "mycomputer-inventory-db",
            env.require("DR_DB_HOST"),
            Integer.parseInt(env.require("DR_DB_PORT")),
            env.require("DR_DB_NAME"));

    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class, () -> validation.validate(target, null, List.of(check(sql))));

    assertTrue(e.isNonRetryable());
    assertEquals("InvalidInput", e.getType());
    assertEquals(
        "validation query 'sneaky' refused: it holds 4 statements separated by ';' (select | commit"
            + " | create | select); a check must be exactly one SELECT, WITH or VALUES query that"
            + " answers one number: "
            + sql,
        e.getOriginalMessage());
    assertFalse(tableExists());
  }

  @Test
  void theRunnerRefusesEveryQueryBeforeSendingAny() throws SQLException {
    List<ValidationQuery> queries =
        List.of(
            check("select length(set_config('application_name', 'ran-first', false))"),
            check("select 1; commit; create table " + table + " as select 1; select 1"));

    assertThrows(SingleQueryGuard.RefusedQuery.class, () -> runner.run(db, null, queries));

    assertFalse(tableExists());
    try (ResultSet rs = db.createStatement().executeQuery("SHOW application_name")) {
      rs.next();
      assertFalse(
          "ran-first".equals(rs.getString(1)),
          "the first query ran although the second was refused");
    }
  }

  @Test
  void aSingleWritingStatementIsRefusedAndChangesNothing() throws SQLException {
    long zeroed = zeroedItems();
    for (String sql :
        List.of(
            "update inventory_items set quantity = 0",
            "create table " + table + " as select 1",
            "commit",
            "set default_transaction_read_only = off")) {
      assertThrows(
          SingleQueryGuard.RefusedQuery.class,
          () -> runner.run(db, null, List.of(check(sql))),
          sql);
    }
    assertEquals(zeroed, zeroedItems());
    assertFalse(tableExists());
  }

  @Test
  void aWriteInsideTheOneQueryIsRefusedByTheReadOnlyTransaction() throws SQLException {
    long zeroed = zeroedItems();
    List<QueryOutcome> outcomes =
        runner.run(
            db,
            null,
            List.of(
                check(
                    "with u as (update inventory_items set quantity = 0 returning 1) select"
                        + " count(*) from u"),
                check("select 1 as one into " + table)));

    for (QueryOutcome o : outcomes) {
      assertFalse(o.pass(), o.toString());
      assertTrue(o.error().startsWith("SQLSTATE 25006"), o.error()); // read_only_sql_transaction
    }
    assertEquals(zeroed, zeroedItems());
    assertFalse(tableExists());
  }

  @Test
  void theQueryCannotMakeItsOwnOrALaterTransactionWritable() throws SQLException {
    QueryOutcome own =
        runner
            .run(
                db,
                null,
                List.of(check("select length(set_config('transaction_read_only', 'off', true))")))
            .get(0);
    assertTrue(
        own.error().startsWith("SQLSTATE 25001"), own.error()); // "must be set before any query"

    // A session default the query changes does not reach the next check: each sets READ ONLY
    // itself.
    List<QueryOutcome> outcomes =
        runner.run(
            db,
            null,
            List.of(
                check("select length(set_config('default_transaction_read_only', 'off', false))"),
                check("select 1 as one into " + table)));
    assertNull(outcomes.get(0).error(), outcomes.get(0).toString());
    assertTrue(outcomes.get(1).error().startsWith("SQLSTATE 25006"), outcomes.get(1).error());
    assertFalse(tableExists());
  }
}
