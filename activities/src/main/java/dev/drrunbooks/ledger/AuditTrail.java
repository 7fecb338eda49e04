package dev.drrunbooks.ledger;

import dev.drrunbooks.activities.ledger.ApprovalRecord;
import dev.drrunbooks.activities.ledger.AuditedRun;
import dev.drrunbooks.activities.ledger.AuditedRun.AuditedObjective;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The audit trail ({@code dr evidence}): every drill, validation and recovery the ledger recorded
 * since a date, for an auditor (ISO 22301, SOC 2), with the decisions at each run's gates.
 * Readiness evaluations are left out: they check, they recover nothing, and there are 48 a day.
 */
final class AuditTrail {
  static final String RUNS =
      "SELECT workflow_id, procedure, title, services, started_at, ended_at, outcome, passed,"
          + " breached, run_link FROM dr_ledger.runs"
          + " WHERE ended_at >= ? AND procedure <> 'readiness'"
          + " AND (?::text IS NULL OR services @> ARRAY[?::text])"
          + " ORDER BY ended_at, workflow_id";

  static final String OBJECTIVES =
      "SELECT workflow_id, service, rto_objective_seconds, rto_achieved_seconds, rto_breached,"
          + " rpo_objective_seconds, rpo_achieved_seconds, rpo_breached FROM"
          + " dr_ledger.run_objectives WHERE workflow_id = ANY (?) ORDER BY workflow_id, service";

  /** Each run's gate decisions, in the order it made them. */
  static final String APPROVALS =
      "SELECT workflow_id, step, decision, who, verified, named, channel, decided_at, why"
          + " FROM dr_ledger.run_approvals WHERE workflow_id = ANY (?) ORDER BY workflow_id, seq";

  /**
   * Runs recorded before the ledger kept approvals have only their timeline's: gates record their
   * decision as a step "approval: STEP" (ApprovalGate). Used for a run without approval rows.
   */
  static final String TIMELINE_APPROVALS =
      "SELECT workflow_id, step, started_at, detail FROM dr_ledger.run_steps"
          + " WHERE workflow_id = ANY (?) AND step LIKE 'approval: %' ORDER BY workflow_id, seq";

  private final LedgerActivitiesImpl ledger;

  AuditTrail(LedgerActivitiesImpl ledger) {
    this.ledger = ledger;
  }

  /**
   * The runs that ended at or after {@code since}, oldest first.
   *
   * @param service only the runs that covered it; null for all
   * @return empty when there is no ledger ({@code DR_LEDGER_JDBC_URL} unset)
   * @throws io.temporal.failure.ApplicationFailure {@value LedgerFailures#UNAVAILABLE} (retried)
   *     saying where and why when the ledger cannot be read
   */
  Optional<List<AuditedRun>> since(Instant since, String service) {
    Optional<DataSource> ds = ledger.forReading("the runs since " + since);
    if (ds.isEmpty()) return Optional.empty();
    try (Connection c = ds.get().getConnection()) {
      Map<String, AuditedRun> runs = runs(c, since, service);
      Array ids = c.createArrayOf("text", runs.keySet().toArray());
      Map<String, List<AuditedObjective>> objectives = objectives(c, ids);
      Map<String, List<ApprovalRecord>> approvals = approvals(c, ids);
      timelineApprovals(c, ids).forEach(approvals::putIfAbsent);
      List<AuditedRun> out = new ArrayList<>();
      for (AuditedRun r : runs.values())
        out.add(
            new AuditedRun(
                r.workflowId(),
                r.procedure(),
                r.title(),
                r.services(),
                r.startedAt(),
                r.endedAt(),
                r.outcome(),
                r.passed(),
                r.breached(),
                objectives.getOrDefault(r.workflowId(), List.of()),
                approvals.getOrDefault(r.workflowId(), List.of()),
                r.runLink()));
      return Optional.of(out);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "the evidence ledger "
              + ledger.where()
              + " cannot be read: "
              + LedgerFailures.describe(e),
          e);
    }
  }

  private static Map<String, AuditedRun> runs(Connection c, Instant since, String service)
      throws SQLException {
    Map<String, AuditedRun> runs = new LinkedHashMap<>();
    try (PreparedStatement q = c.prepareStatement(RUNS)) {
      q.setTimestamp(1, Timestamp.from(since));
      q.setString(2, service);
      q.setString(3, service);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          String id = rs.getString("workflow_id");
          runs.put(
              id,
              new AuditedRun(
                  id,
                  rs.getString("procedure"),
                  rs.getString("title"),
                  Arrays.asList((String[]) rs.getArray("services").getArray()),
                  instant(rs.getTimestamp("started_at")),
                  instant(rs.getTimestamp("ended_at")),
                  rs.getString("outcome"),
                  rs.getBoolean("passed"),
                  rs.getBoolean("breached"),
                  List.of(),
                  List.of(),
                  rs.getString("run_link")));
        }
      }
    }
    return runs;
  }

  private static Map<String, List<AuditedObjective>> objectives(Connection c, Array ids)
      throws SQLException {
    return byRun(
        c,
        OBJECTIVES,
        ids,
        rs ->
            new AuditedObjective(
                rs.getString("service"),
                number(rs, "rto_objective_seconds"),
                number(rs, "rto_achieved_seconds"),
                rs.getBoolean("rto_breached"),
                number(rs, "rpo_objective_seconds"),
                number(rs, "rpo_achieved_seconds"),
                rs.getBoolean("rpo_breached")));
  }

  private static Map<String, List<ApprovalRecord>> approvals(Connection c, Array ids)
      throws SQLException {
    return byRun(
        c,
        APPROVALS,
        ids,
        rs ->
            new ApprovalRecord(
                rs.getString("step"),
                rs.getString("decision"),
                rs.getString("who"),
                rs.getBoolean("verified"),
                rs.getString("named"),
                rs.getString("channel"),
                instant(rs.getTimestamp("decided_at")),
                rs.getString("why")));
  }

  private static Map<String, List<ApprovalRecord>> timelineApprovals(Connection c, Array ids)
      throws SQLException {
    return byRun(
        c,
        TIMELINE_APPROVALS,
        ids,
        rs ->
            ApprovalRecord.fromTimeline(
                rs.getString("step").substring("approval: ".length()),
                instant(rs.getTimestamp("started_at")),
                rs.getString("detail")));
  }

  /** One value read from the current row of a result set. */
  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /**
   * The rows {@code sql} (one parameter: the workflow ids) selects, read by {@code row} and grouped
   * by their {@code workflow_id} column, in the order selected.
   */
  private static <T> Map<String, List<T>> byRun(
      Connection c, String sql, Array ids, RowReader<T> row) throws SQLException {
    Map<String, List<T>> out = new LinkedHashMap<>();
    try (PreparedStatement q = c.prepareStatement(sql)) {
      q.setArray(1, ids);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next())
          out.computeIfAbsent(rs.getString("workflow_id"), k -> new ArrayList<>())
              .add(row.read(rs));
      }
    }
    return out;
  }

  private static Double number(ResultSet rs, String column) throws SQLException {
    java.math.BigDecimal v = rs.getBigDecimal(column);
    return v == null ? null : v.doubleValue();
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
