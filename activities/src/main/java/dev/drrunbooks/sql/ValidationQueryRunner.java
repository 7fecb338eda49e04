package dev.drrunbooks.sql;

import dev.drrunbooks.activities.sql.QueryOutcome;
import dev.drrunbooks.catalog.Expectation;
import dev.drrunbooks.catalog.ValidationQuery;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;
import org.postgresql.jdbc.PreferQueryMode;

/**
 * Runs validation queries so they cannot change what they check: each must be exactly one read
 * query ({@link SingleQueryGuard}, checked for all queries before the first is sent), and runs in
 * its own READ ONLY transaction with a statement timeout, rolled back afterwards. Each query must
 * answer one number.
 *
 * <p>The transaction is made read-only by {@code SET TRANSACTION READ ONLY} before the query, every
 * time: the one statement allowed cannot end that transaction ({@code COMMIT} is refused) and
 * cannot make it read-write once it has begun (PostgreSQL: "transaction read-write mode must be set
 * before any query", SQLSTATE 25001); a session default it changes does not reach the next check.
 */
public final class ValidationQueryRunner {
  private final Duration statementTimeout;

  public ValidationQueryRunner(Duration statementTimeout) {
    this.statementTimeout = statementTimeout;
  }

  /**
   * @param source the database restored from, for "within N% of source" expectations; may be null
   */
  public List<QueryOutcome> run(
      Connection target, Connection source, List<ValidationQuery> queries) {
    for (ValidationQuery q : queries) {
      SingleQueryGuard.check(q, standardConformingStrings(target));
      if (source != null) SingleQueryGuard.check(q, standardConformingStrings(source));
    }
    requireExtendedProtocol(target);
    if (source != null) requireExtendedProtocol(source);
    List<QueryOutcome> outcomes = new ArrayList<>();
    for (ValidationQuery q : queries) {
      outcomes.add(runOne(target, source, q));
    }
    return outcomes;
  }

  private QueryOutcome runOne(Connection target, Connection source, ValidationQuery q) {
    Expectation expect = q.expect();
    Long found;
    try {
      found = answer(target, q.sql());
    } catch (SQLException e) {
      return new QueryOutcome(q.name(), q.sql(), expect.describe(), null, null, false, describe(e));
    }
    if (expect.equals() != null) return outcome(q, found, null, found.equals(expect.equals()));
    if (expect.atLeast() != null) return outcome(q, found, null, found >= expect.atLeast());
    if (source == null) {
      return new QueryOutcome(
          q.name(),
          q.sql(),
          expect.describe(),
          found,
          null,
          false,
          "needs the source database's answer and no source database was given");
    }
    long sourceValue;
    try {
      sourceValue = answer(source, q.sql());
    } catch (SQLException e) {
      return new QueryOutcome(
          q.name(), q.sql(), expect.describe(), found, null, false, "on source: " + describe(e));
    }
    double tolerance = Math.abs(sourceValue) * expect.withinPercentOfSource() / 100.0;
    return outcome(q, found, sourceValue, Math.abs(found - sourceValue) <= tolerance);
  }

  private static QueryOutcome outcome(
      ValidationQuery q, long found, Long sourceValue, boolean pass) {
    return new QueryOutcome(
        q.name(), q.sql(), q.expect().describe(), found, sourceValue, pass, null);
  }

  private long answer(Connection c, String sql) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.execute("SET TRANSACTION READ ONLY");
      st.execute("SET LOCAL statement_timeout = " + statementTimeout.toMillis());
      try (ResultSet rs = st.executeQuery(sql)) {
        if (!rs.next()) throw new SQLException("query returned no row; it must return one number");
        Object value = rs.getObject(1);
        if (!(value instanceof Number n)) {
          throw new SQLException(
              "query returned "
                  + (value == null ? "NULL" : value.getClass().getSimpleName())
                  + "; it must return one number");
        }
        if (rs.next())
          throw new SQLException("query returned more than one row; it must return one number");
        return n.longValue();
      }
    } finally {
      c.rollback();
      c.setAutoCommit(autoCommit);
    }
  }

  /**
   * As the server reads string literals; {@code true} (PostgreSQL's default) when the driver cannot
   * say.
   */
  private static boolean standardConformingStrings(Connection c) {
    try {
      return !c.isWrapperFor(BaseConnection.class)
          || c.unwrap(BaseConnection.class).getStandardConformingStrings();
    } catch (SQLException e) {
      return true;
    }
  }

  /**
   * {@code preferQueryMode=simple} would send a query as one simple-protocol message, in which
   * PostgreSQL runs every statement it finds; the extended protocol (the driver's default) holds
   * one.
   */
  private static void requireExtendedProtocol(Connection c) {
    try {
      if (c.isWrapperFor(PGConnection.class)
          && c.unwrap(PGConnection.class).getPreferQueryMode() == PreferQueryMode.SIMPLE) {
        throw new IllegalStateException(
            "the database connection uses preferQueryMode=simple; validation queries need the"
                + " extended query protocol (preferQueryMode=extended, the driver's default)");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read the connection's query mode: " + e.getMessage(), e);
    }
  }

  private static String describe(SQLException e) {
    return (e.getSQLState() == null ? "" : "SQLSTATE " + e.getSQLState() + ": ") + e.getMessage();
  }
}
