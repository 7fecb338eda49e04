package dev.drrunbooks.ledger;

import io.temporal.failure.ApplicationFailure;
import java.sql.SQLException;

/**
 * How a write to the ledger fails. The database refusing the data itself (SQLSTATE class 22, a data
 * exception such as a NUL character in text; class 23, a constraint) fails the same way on every
 * attempt: non-retryable, {@value MalformedEvidence#TYPE}. Anything else (unreachable, a login that
 * fails, a lost connection, a migration that did not run) is retried by Temporal, type {@value
 * #UNAVAILABLE}. Messages say where (the URL without its parameters) and the SQLSTATE, never a
 * password.
 */
final class LedgerFailures {
  /** The failure type of a ledger that could not be written now. */
  static final String UNAVAILABLE = "LedgerUnavailable";

  private LedgerFailures() {}

  static ApplicationFailure of(String workflowId, String where, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.startsWith("22") || state.startsWith("23")) {
      return MalformedEvidence.refused(workflowId + ": " + where + " refused it: " + describe(e));
    }
    return unavailable(workflowId, where, describe(e));
  }

  /**
   * What went wrong, from the database's own words where there are some ({@code SQLSTATE 28P01:
   * FATAL: password authentication failed for user "x"}): the innermost SQLException of the cause
   * chain (Flyway wraps it in messages that may repeat the URL), else the message.
   */
  static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        SQLException inner = sql;
        while (inner.getCause() instanceof SQLException next) inner = next;
        return (inner.getSQLState() == null ? "" : "SQLSTATE " + inner.getSQLState() + ": ")
            + inner.getMessage();
      }
    }
    return e.getMessage();
  }

  /**
   * Retried: {@code why} must hold no secret (a login's failure names the secret, not its value).
   */
  static ApplicationFailure unavailable(String workflowId, String where, String why) {
    return ApplicationFailure.newFailure(
        "the evidence ledger " + where + " cannot take the run " + workflowId + " now: " + why,
        UNAVAILABLE);
  }

  /** Retried: a read ({@code what}) the ledger cannot answer now. */
  static ApplicationFailure unreadable(String what, String where, String why) {
    return ApplicationFailure.newFailure(
        "the evidence ledger " + where + " cannot be read now (" + what + "): " + why, UNAVAILABLE);
  }
}
