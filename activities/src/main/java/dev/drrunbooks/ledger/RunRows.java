package dev.drrunbooks.ledger;

import dev.drrunbooks.activities.ledger.ApprovalRecord;
import dev.drrunbooks.activities.ledger.EndedRunEvidence;
import dev.drrunbooks.activities.rds.InstanceSize;
import dev.drrunbooks.readiness.StepKind;
import dev.drrunbooks.report.ObjectiveRow;
import dev.drrunbooks.report.ReportStep;
import dev.drrunbooks.report.RunReport;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * One run as the ledger's rows (schema {@value LedgerSchema#SCHEMA}, {@code
 * db/ledger/V1__evidence_ledger.sql}, {@code V2__run_approvals_identity.sql} and {@code
 * V3__run_steps_instance_size.sql}), written on the caller's connection and transaction.
 */
final class RunRows {
  private static final String INSERT_RUN =
      "INSERT INTO dr_ledger.runs (workflow_id, run_id, workflow_type, procedure, title, services,"
          + " started_at, ended_at, outcome, passed, breached, summary, run_link, report)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))"
          + " ON CONFLICT (workflow_id) DO NOTHING";
  private static final String INSERT_OBJECTIVE =
      "INSERT INTO dr_ledger.run_objectives (workflow_id, service, rto_objective_seconds,"
          + " rto_achieved_seconds, rto_breached, rpo_objective_seconds, rpo_achieved_seconds,"
          + " rpo_breached, basis, passed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_STEP =
      "INSERT INTO dr_ledger.run_steps (workflow_id, seq, service, step, started_at, ended_at,"
          + " seconds, outcome, detail, instance_class, allocated_storage_gib)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /**
   * Keyed by (workflow_id, seq): written again, a run's decisions stay as the first write left
   * them.
   */
  private static final String INSERT_APPROVAL =
      "INSERT INTO dr_ledger.run_approvals (workflow_id, seq, step, who, verified, named, channel,"
          + " decided_at, decision, why) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (workflow_id, seq) DO NOTHING";

  private RunRows() {}

  /**
   * The run's row, unless the ledger already has one for its workflow id (an earlier attempt, or a
   * concurrent one, committed it: that one waits for the other's transaction, then writes nothing).
   *
   * @return true when this call inserted it
   */
  static boolean insertRun(Connection c, EndedRunEvidence run, String reportJson)
      throws SQLException {
    RunReport r = run.report();
    try (PreparedStatement ps = c.prepareStatement(INSERT_RUN)) {
      ps.setString(1, run.workflowId());
      ps.setString(2, run.runId());
      ps.setString(3, run.workflowType());
      ps.setString(4, r.procedure());
      ps.setString(5, r.title());
      ps.setArray(6, c.createArrayOf("text", r.services().toArray()));
      setTime(ps, 7, r.start());
      setTime(ps, 8, r.end());
      ps.setString(9, r.outcome());
      ps.setBoolean(10, r.passed());
      ps.setBoolean(11, r.breached());
      ps.setString(12, r.summary());
      ps.setString(13, r.runLink());
      ps.setString(14, reportJson);
      return ps.executeUpdate() == 1;
    }
  }

  /** One row per service's objectives (services are unique: {@link MalformedEvidence}). */
  static void insertObjectives(Connection c, String workflowId, List<ObjectiveRow> objectives)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT_OBJECTIVE)) {
      for (ObjectiveRow o : objectives) {
        ps.setString(1, workflowId);
        ps.setString(2, o.service());
        ps.setBigDecimal(3, seconds(o.rtoObjective()));
        ps.setBigDecimal(4, seconds(o.rtoAchieved()));
        ps.setBoolean(5, o.rtoBreached());
        ps.setBigDecimal(6, seconds(o.rpoObjective()));
        ps.setBigDecimal(7, seconds(o.rpoAchieved()));
        ps.setBoolean(8, o.rpoBreached());
        ps.setString(9, o.basis());
        ps.setObject(10, o.passed(), Types.BOOLEAN);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** One row per timeline step, {@code seq} from 1 in the report's order. */
  static void insertSteps(Connection c, String workflowId, List<ReportStep> timeline)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT_STEP)) {
      int seq = 0;
      for (ReportStep s : timeline) {
        ps.setString(1, workflowId);
        ps.setInt(2, ++seq);
        ps.setString(3, s.service());
        ps.setString(4, s.step());
        setTime(ps, 5, s.start());
        setTime(ps, 6, s.end());
        ps.setBigDecimal(7, s.start() == null || s.end() == null ? null : seconds(s.took()));
        ps.setString(8, s.outcome() == null ? null : s.outcome().name());
        ps.setString(9, s.detail());
        Optional<InstanceSize> size = restoredSize(s);
        ps.setString(10, size.map(InstanceSize::instanceClass).orElse(null));
        ps.setObject(
            11, size.map(InstanceSize::allocatedStorageGib).orElse(null), java.sql.Types.INTEGER);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** One row per gate decision, {@code seq} from 1 in the order the run decided them. */
  static void insertApprovals(Connection c, String workflowId, List<ApprovalRecord> approvals)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT_APPROVAL)) {
      int seq = 0;
      for (ApprovalRecord a : approvals) {
        ps.setString(1, workflowId);
        ps.setInt(2, ++seq);
        ps.setString(3, a.step());
        ps.setString(4, a.who());
        ps.setBoolean(5, a.verified());
        ps.setString(6, a.named());
        ps.setString(7, a.channel());
        setTime(ps, 8, a.at());
        ps.setString(9, a.decision());
        ps.setString(10, a.why());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Seconds to the millisecond; null stays null (not measured). */
  static BigDecimal seconds(Duration d) {
    return d == null ? null : BigDecimal.valueOf(d.toMillis(), 3);
  }

  private static void setTime(PreparedStatement ps, int index, Instant t) throws SQLException {
    if (t == null) ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    else ps.setObject(index, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
  }

  /** What a DB restore's wait step restored, from the end of its detail; else empty. */
  static Optional<InstanceSize> restoredSize(ReportStep s) {
    if (StepKind.of(s.step()).orElse(null) != StepKind.RDS_RESTORE) return Optional.empty();
    return InstanceSize.in(s.detail());
  }
}
