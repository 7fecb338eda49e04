package dev.drrunbooks.ledger;

import dev.drrunbooks.activities.ledger.EndedRunEvidence;
import dev.drrunbooks.activities.ledger.LedgerActivities;
import dev.drrunbooks.activities.ledger.LedgerReceipt;
import dev.drrunbooks.aws.AwsClients;
import io.temporal.common.converter.DataConverterException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evidence ledger in PostgreSQL ({@link LedgerSettings}: {@code DR_LEDGER_JDBC_URL} and a
 * login). Each ended run is one transaction: its {@code runs} row, inserted unless one with its
 * workflow id is there, and only then its objectives, steps and gate decisions ({@link RunRows}).
 * So a write retried after it committed, or two at once, leave one run row; the later ones answer
 * "already recorded".
 *
 * <p>Failures: evidence that cannot be stored ({@link MalformedEvidence}) is non-retryable ({@value
 * MalformedEvidence#TYPE}); a ledger that cannot be reached, logged in to or migrated now is
 * retried ({@value LedgerFailures#UNAVAILABLE}). A worker without {@code DR_LEDGER_JDBC_URL}
 * answers {@code recorded=false}, naming the variable, and fails nothing: recoveries never depend
 * on the ledger.
 */
public class LedgerActivitiesImpl implements LedgerActivities {
  private static final Logger log = LoggerFactory.getLogger(LedgerActivitiesImpl.class);

  /** The receipt's detail on a worker without a ledger. */
  public static final String NOT_CONFIGURED =
      "not recorded: this worker has no evidence ledger ("
          + LedgerSettings.URL_ENV
          + " is not set)";

  public static final String RECORDED = "recorded";
  public static final String ALREADY_RECORDED = "already recorded";

  private final LedgerSettings settings;
  private final LedgerLogin login;
  private final LedgerSchema schema;

  /**
   * @param settings empty: no ledger on this worker
   * @param aws for a login kept in Secrets Manager
   */
  public LedgerActivitiesImpl(Optional<LedgerSettings> settings, AwsClients aws) {
    this.settings = settings.orElse(null);
    this.login = this.settings == null ? null : LedgerLogin.of(this.settings, aws);
    this.schema = new LedgerSchema(this::dataSource);
  }

  /**
   * @throws IllegalArgumentException naming the variable when the settings are wrong ({@link
   *     LedgerSettings#fromEnvironment})
   */
  public static LedgerActivitiesImpl fromEnvironment(Map<String, String> env, AwsClients aws) {
    return new LedgerActivitiesImpl(LedgerSettings.fromEnvironment(env), aws);
  }

  /** Where the ledger is, for logs (never a password). */
  public String describe() {
    return describe(Optional.ofNullable(settings));
  }

  /**
   * {@code evidence ledger jdbc:postgresql://host:5432/dr_ledger as dr_admin (DR_LEDGER_USER)}, or
   * {@code no evidence ledger (DR_LEDGER_JDBC_URL unset)}: for the worker's start-up line.
   */
  public static String describe(Optional<LedgerSettings> settings) {
    return settings
        .map(s -> "evidence ledger " + s.describe())
        .orElse("no evidence ledger (" + LedgerSettings.URL_ENV + " unset)");
  }

  /**
   * Migrates the ledger's schema on a thread of its own, so the worker starts polling at once: a
   * ledger that is unreachable now (it may be in the region that failed) is logged as a warning and
   * migrated at the first write instead. Does nothing without a ledger.
   */
  public void migrateInBackground() {
    if (settings == null) return;
    Thread t = new Thread(this::migrateAtStartup, "ledger-schema");
    t.setDaemon(true);
    t.start();
  }

  private void migrateAtStartup() {
    try {
      MigrateResult result = schema.ensureMigrated();
      if (result != null) {
        log.info(
            "{}: schema {} at version {} ({} migration(s) applied now)",
            describe(),
            LedgerSchema.SCHEMA,
            result.targetSchemaVersion,
            result.migrationsExecuted);
      }
    } catch (RuntimeException e) {
      log.warn(
          "{} cannot be migrated at start-up ({}): runs' evidence waits for it, each write"
              + " retried for days, and the first write migrates it",
          describe(),
          LedgerFailures.describe(e));
    }
  }

  @Override
  public LedgerReceipt recordRun(EndedRunEvidence run) {
    if (settings == null) return new LedgerReceipt(false, NOT_CONFIGURED);
    MalformedEvidence.check(run);
    String workflowId = run.workflowId();
    String json;
    try {
      json = ReportJson.write(run.report());
    } catch (DataConverterException e) {
      throw MalformedEvidence.refused(workflowId + ": the report cannot be written as JSON");
    }
    String where = LedgerSettings.withoutParameters(settings.jdbcUrl());
    DataSource ds;
    try {
      schema.ensureMigrated();
      ds = dataSource();
    } catch (IllegalStateException | FlywayException e) {
      throw LedgerFailures.unavailable(workflowId, where, LedgerFailures.describe(e));
    }
    try (Connection c = ds.getConnection()) {
      boolean inserted = write(c, run, json);
      return new LedgerReceipt(true, inserted ? RECORDED : ALREADY_RECORDED);
    } catch (SQLException e) {
      throw LedgerFailures.of(workflowId, where, e);
    }
  }

  /** The run's rows in one transaction; true when this call inserted them. */
  private static boolean write(Connection c, EndedRunEvidence run, String json)
      throws SQLException {
    c.setAutoCommit(false);
    try {
      boolean inserted = RunRows.insertRun(c, run, json);
      if (inserted) {
        RunRows.insertObjectives(c, run.workflowId(), run.report().objectives());
        RunRows.insertSteps(c, run.workflowId(), run.report().timeline());
        RunRows.insertApprovals(c, run.workflowId(), run.approvals());
      }
      c.commit();
      return inserted;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // the connection is lost: the server rolls the transaction back itself
      }
      throw e;
    }
  }

  private DataSource dataSource() {
    return LedgerDataSource.of(settings, login);
  }

  /**
   * The migrated ledger for a read; empty on a worker without one.
   *
   * @param what the read, for the failure's message
   * @throws io.temporal.failure.ApplicationFailure {@value LedgerFailures#UNAVAILABLE} (retried)
   *     when it cannot be reached or migrated now
   */
  Optional<DataSource> forReading(String what) {
    if (settings == null) return Optional.empty();
    try {
      schema.ensureMigrated();
      return Optional.of(dataSource());
    } catch (IllegalStateException | FlywayException e) {
      throw LedgerFailures.unreadable(
          what, LedgerSettings.withoutParameters(settings.jdbcUrl()), LedgerFailures.describe(e));
    }
  }

  /** Where the ledger is, without the URL's parameters: for failures of reads. */
  String where() {
    return settings == null ? "no ledger" : LedgerSettings.withoutParameters(settings.jdbcUrl());
  }
}
