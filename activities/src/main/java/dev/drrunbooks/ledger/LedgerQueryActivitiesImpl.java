package dev.drrunbooks.ledger;

import dev.drrunbooks.activities.ledger.AuditedRun;
import dev.drrunbooks.activities.ledger.LastPassingRun;
import dev.drrunbooks.activities.ledger.LedgerQueryActivities;
import dev.drrunbooks.activities.rds.InstanceSize;
import dev.drrunbooks.readiness.StepKind;
import dev.drrunbooks.readiness.StepSample;
import io.temporal.failure.ApplicationFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Readiness's reads of the ledger, in the ledger {@link LedgerActivitiesImpl} writes. A worker
 * without a ledger answers with nothing. Failures to reach it are retried ({@value
 * LedgerFailures#UNAVAILABLE}).
 */
public class LedgerQueryActivitiesImpl implements LedgerQueryActivities {
  /**
   * The steps of succeeded runs' timelines that may be of a kind readiness forecasts (the names
   * {@link StepKind} reads): narrowed here, classified exactly in Java. A step of no service
   * (recorded before steps carried one) counts for its run's first service.
   */
  static final String STEP_SAMPLES =
      "SELECT coalesce(s.service, r.services[1]) AS service, s.step, s.ended_at, s.seconds,"
          + " s.instance_class, s.allocated_storage_gib"
          + " FROM dr_ledger.run_steps s JOIN dr_ledger.runs r USING (workflow_id)"
          + " WHERE s.ended_at >= ? AND s.seconds IS NOT NULL AND s.outcome = 'SUCCEEDED'"
          + " AND (s.step LIKE '%wait until %' OR s.step LIKE 'shift %'"
          + " OR s.step LIKE 'approval: %' OR s.step LIKE 'replay into %')"
          + " ORDER BY s.ended_at, s.workflow_id, s.seq";

  /** The newest passing run per procedure and service. */
  static final String LAST_PASSING =
      "SELECT DISTINCT ON (r.procedure, svc) r.procedure, svc, r.workflow_id, r.ended_at"
          + " FROM dr_ledger.runs r, unnest(r.services) AS svc"
          + " WHERE r.procedure = ANY (?) AND r.passed AND r.ended_at IS NOT NULL"
          + " ORDER BY r.procedure, svc, r.ended_at DESC";

  private final LedgerActivitiesImpl ledger;

  /** Reads the ledger {@code ledger} writes (its settings, login and migrated schema). */
  public LedgerQueryActivitiesImpl(LedgerActivitiesImpl ledger) {
    this.ledger = ledger;
  }

  @Override
  public List<StepSample> stepSamples(Instant since) {
    Optional<DataSource> ds = ledger.forReading("measured steps since " + since);
    if (ds.isEmpty()) return List.of();
    List<StepSample> samples = new ArrayList<>();
    try (Connection c = ds.get().getConnection();
        PreparedStatement q = c.prepareStatement(STEP_SAMPLES)) {
      q.setTimestamp(1, Timestamp.from(since));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          String service = rs.getString("service");
          Optional<StepKind> kind = StepKind.of(rs.getString("step"));
          if (kind.isEmpty() || service == null) continue;
          samples.add(
              new StepSample(
                  kind.get(),
                  service,
                  rs.getTimestamp("ended_at").toInstant(),
                  Duration.ofMillis(Math.round(rs.getDouble("seconds") * 1000)),
                  size(rs)));
        }
      }
      return samples;
    } catch (SQLException e) {
      throw LedgerFailures.unreadable(
          "measured steps since " + since, ledger.where(), LedgerFailures.describe(e));
    }
  }

  @Override
  public List<LastPassingRun> lastPassing(List<String> procedures) {
    Optional<DataSource> ds = ledger.forReading("the newest passing " + procedures);
    if (ds.isEmpty()) return List.of();
    List<LastPassingRun> runs = new ArrayList<>();
    try (Connection c = ds.get().getConnection();
        PreparedStatement q = c.prepareStatement(LAST_PASSING)) {
      q.setArray(1, c.createArrayOf("text", procedures.toArray()));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next())
          runs.add(
              new LastPassingRun(
                  rs.getString("procedure"),
                  rs.getString("svc"),
                  rs.getString("workflow_id"),
                  rs.getTimestamp("ended_at").toInstant()));
      }
      return runs;
    } catch (SQLException e) {
      throw LedgerFailures.unreadable(
          "the newest passing " + procedures, ledger.where(), LedgerFailures.describe(e));
    }
  }

  @Override
  public List<AuditedRun> auditTrail(Instant since, String service) {
    return new AuditTrail(ledger)
        .since(since, service)
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "this worker has no evidence ledger: set "
                        + LedgerSettings.URL_ENV
                        + " and its login (DR_LEDGER_USER and DR_LEDGER_PASSWORD, or"
                        + " DR_LEDGER_SECRET_ID) where the worker runs",
                    NO_LEDGER));
  }

  /** The restored instance's size on a DB restore's row; null on others. */
  private static InstanceSize size(ResultSet rs) throws SQLException {
    String instanceClass = rs.getString("instance_class");
    if (instanceClass == null) return null;
    int gib = rs.getInt("allocated_storage_gib");
    return new InstanceSize(instanceClass, rs.wasNull() ? null : gib);
  }
}
