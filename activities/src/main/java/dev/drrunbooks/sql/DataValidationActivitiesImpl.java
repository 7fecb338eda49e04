package dev.drrunbooks.sql;

import dev.drrunbooks.activities.sql.DataValidationActivities;
import dev.drrunbooks.activities.sql.DatabaseTarget;
import dev.drrunbooks.activities.sql.QueryOutcome;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.catalog.ValidationQuery;
import dev.drrunbooks.model.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog's validation queries on a restored database (and its source, for "within N% of
 * source"), each in a READ ONLY transaction with a statement timeout ({@link
 * ValidationQueryRunner}).
 *
 * <p>A query that is not exactly one read query (two statements, {@code COMMIT}, {@code SET}, an
 * {@code UPDATE}...) is refused before any connection is opened: a non-retryable {@code
 * InvalidInput} failure naming the query and why ({@link SingleQueryGuard}).
 *
 * <p>A check that does not pass is evidence in the report, not a failure. A database that cannot be
 * reached (or is lost mid-run) fails the activity with a retryable failure naming host, port and
 * database, never credentials; a database that does not exist fails non-retryably.
 */
public class DataValidationActivitiesImpl implements DataValidationActivities {
  private static final Logger log = LoggerFactory.getLogger(DataValidationActivitiesImpl.class);
  public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);

  private final DatabaseLocator locator;
  private final ValidationQueryRunner runner;

  public DataValidationActivitiesImpl(DatabaseLocator locator) {
    this(locator, DEFAULT_STATEMENT_TIMEOUT);
  }

  public DataValidationActivitiesImpl(DatabaseLocator locator, Duration statementTimeout) {
    this.locator = locator;
    this.runner = new ValidationQueryRunner(statementTimeout);
  }

  @Override
  public ValidationReport validate(
      DatabaseTarget target, DatabaseTarget source, List<ValidationQuery> queries) {
    if (target == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "validate needs a target database; none was given", FailureType.INVALID_INPUT.type());
    }
    List<ValidationQuery> checks = queries == null ? List.of() : queries;
    try {
      checks.forEach(q -> SingleQueryGuard.check(q, true));
    } catch (SingleQueryGuard.RefusedQuery e) {
      throw ApplicationFailure.newNonRetryableFailure(
          e.getMessage(), FailureType.INVALID_INPUT.type());
    }
    try (Connection t = DatabaseFailures.open(locator, target, "target");
        Connection s = source == null ? null : DatabaseFailures.open(locator, source, "source")) {
      List<QueryOutcome> outcomes;
      try {
        outcomes = runner.run(t, s, checks);
      } catch (SingleQueryGuard.RefusedQuery | IllegalStateException e) {
        // refused as the server reads strings (standard_conforming_strings off), or a connection in
        // simple mode
        throw ApplicationFailure.newNonRetryableFailure(
            e.getMessage(), FailureType.INVALID_INPUT.type());
      }
      for (QueryOutcome o : outcomes) {
        // SQLSTATE class 08: the connection itself failed; that is "unreachable", not a failed
        // check.
        if (o.error() != null && o.error().contains("SQLSTATE 08")) {
          throw ApplicationFailure.newFailure(
              "lost the connection to "
                  + locator.describe(target)
                  + " while running '"
                  + o.name()
                  + "': "
                  + o.error(),
              "DatabaseUnreachable");
        }
      }
      ValidationReport report = ValidationReport.of(outcomes);
      log.info(
          "validation of {} ({}): {}",
          target.instanceId(),
          locator.describe(target),
          report.summary());
      return report;
    } catch (SQLException e) {
      // only close() can land here: the checks already ran
      log.warn("closing validation connections: {}", e.getMessage());
      throw ApplicationFailure.newFailure(
          "closing the connection to "
              + locator.describe(target)
              + " failed: "
              + DatabaseFailures.describe(e),
          "DatabaseUnreachable");
    }
  }
}
