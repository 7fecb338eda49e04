package dev.drrunbooks.sql;

import dev.drrunbooks.activities.sql.DatabaseTarget;
import io.temporal.failure.ApplicationFailure;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * How reaching a database fails, the same for every activity that reads or writes one: a database
 * that does not exist (SQLSTATE 3D000) is final ({@code DatabaseNotFound}); anything else on
 * connecting or closing is retried ({@code DatabaseUnreachable}). Messages say where (host, port,
 * database), never credentials.
 */
public final class DatabaseFailures {
  private DatabaseFailures() {}

  /**
   * A new connection to {@code db} the caller closes.
   *
   * @param role what the database is to the activity, for messages: "target", "source", "recovered"
   */
  public static Connection open(DatabaseLocator locator, DatabaseTarget db, String role) {
    try {
      return locator.open(db);
    } catch (SQLException e) {
      String where = locator.describe(db);
      if ("3D000".equals(e.getSQLState())) {
        throw ApplicationFailure.newNonRetryableFailure(
            "the " + role + " database does not exist: " + where + ": " + describe(e),
            "DatabaseNotFound");
      }
      throw ApplicationFailure.newFailure(
          "cannot reach the " + role + " database " + where + ": " + describe(e),
          "DatabaseUnreachable");
    }
  }

  /** Closing failed after the work was done: retried, as the work is repeatable. */
  public static RuntimeException closeFailed(
      DatabaseLocator locator, DatabaseTarget db, SQLException e) {
    return ApplicationFailure.newFailure(
        "closing the connection to " + locator.describe(db) + " failed: " + describe(e),
        "DatabaseUnreachable");
  }

  /** {@code SQLSTATE 42P01: relation "x" does not exist}. */
  public static String describe(SQLException e) {
    return (e.getSQLState() == null ? "" : "SQLSTATE " + e.getSQLState() + ": ") + e.getMessage();
  }
}
