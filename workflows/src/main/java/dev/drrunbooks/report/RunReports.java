package dev.drrunbooks.report;

import dev.drrunbooks.activities.http.ProbeReport;
import dev.drrunbooks.activities.http.ProbeVerdict;
import dev.drrunbooks.activities.rds.SnapshotInfo;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.backuppolicy.BackupPolicyResult;
import dev.drrunbooks.backuppolicy.PolicyAction;
import dev.drrunbooks.backuppolicy.PolicyCheck;
import dev.drrunbooks.backupvalidation.BackupValidationResult;
import dev.drrunbooks.catalog.Durations;
import dev.drrunbooks.catalog.Objectives;
import dev.drrunbooks.ecsrecovery.EcsRecoveryResult;
import dev.drrunbooks.drill.DrDrillResult;
import dev.drrunbooks.drill.ServiceDrill;
import dev.drrunbooks.evacuation.RegionEvacuationResult;
import dev.drrunbooks.evacuation.ServiceEvacuation;
import dev.drrunbooks.failover.Direction;
import dev.drrunbooks.failover.DnsFailoverResult;
import dev.drrunbooks.failover.FailoverOutcome;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.RecoveryObjectives;
import dev.drrunbooks.pitr.PointInTimeRestoreResult;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreResult;
import java.time.Instant;
import java.util.List;

/** Every procedure's result as a {@link RunReport}: one {@code from} per result type. Pure. */
public final class RunReports {
  private RunReports() {}

  public static RunReport from(BackupPolicyResult r, String workflowId) {
    boolean failed = r.failed() > 0;
    String outcome = failed ? "FAILED" : r.offPolicy() > 0 ? "OFF_POLICY" : "SUCCEEDED";
    RunReport.Builder b = RunReport.builder(workflowId, "backup-policy",
        "Backup policy " + r.mode() + " of " + join(r.services()))
        .outcome(outcome, !failed && r.offPolicy() == 0, r.summary())
        .steps(r.timeline());
    for (PolicyCheck c : nz(r.checks())) {
      boolean pass = c.action() == PolicyAction.COMPLIANT || c.action() == PolicyAction.CHANGED;
      String note = c.action() + (c.after() != null ? ": now " + c.after() : "") + (c.detail() != null ? " (" + c.detail() + ")" : "");
      b.evidence(new EvidenceRow(c.service(), c.check(), c.resource(), c.expected(), c.found(), null, pass, note));
    }
    return b.note(r.compliant() + " compliant, " + r.offPolicy() + " off policy, " + r.changed() + " changed, "
        + r.failed() + " failed").build();
  }

  public static RunReport from(PointInTimeRestoreResult r, String workflowId) {
    boolean valid = r.validation() == null || r.validation().passed();
    RecoveryObjectives o = r.objectives();
    return RunReport.builder(workflowId, "pitr", "Point-in-time restore of " + r.service())
        .outcome(valid ? "SUCCEEDED" : "FAILED", valid, r.summary())
        .service(r.service(), r.timeline(), o == null ? null : o.rto(), o == null ? null : o.rpo(), r.validation(), null)
        .note("Restored " + r.sourceInstance() + " to " + r.restorePoint() + " as " + r.restoredInstance()
            + endpoint(r.endpoint(), r.port()) + "; the instance stays up (it is the recovery)")
        .note(r.window() == null ? null : "Restorable window at the time: " + r.window().earliest() + " .. " + r.window().latest())
        .build();
  }

  public static RunReport from(SnapshotRestoreResult r, String workflowId) {
    boolean valid = r.validation() == null || r.validation().passed();
    RecoveryObjectives o = r.objectives();
    return RunReport.builder(workflowId, "snapshot-restore", "Snapshot restore of " + r.service())
        .outcome(valid ? "SUCCEEDED" : "FAILED", valid, r.summary())
        .service(r.service(), r.timeline(), o == null ? null : o.rto(), o == null ? null : o.rpo(), r.validation(), null)
        .note(r.snapshot() == null ? null : "Snapshot: " + describe(r.snapshot()))
        .note(r.drCopy() == null ? null : "Copied to the DR region first: " + describe(r.drCopy()))
        .note("Restored in " + r.region() + " as " + r.restoredInstance() + endpoint(r.endpoint(), r.port())
            + "; the instance stays up (it is the recovery)")
        .build();
  }

  /** The weekly backup test, without objectives (the result does not carry them). */
  public static RunReport from(BackupValidationResult r, String workflowId) {
    return from(r, workflowId, null);
  }

  /**
   * The weekly backup test; with the service's catalog objectives the restore's duration is set
   * against its RTO (a snapshot restore that cannot finish within the RTO cannot recover in time).
   */
  public static RunReport from(BackupValidationResult r, String workflowId, Objectives objectives) {
    boolean valid = r.validation() == null || r.validation().passed();
    boolean leftBehind = nz(r.cleanup()).stream().anyMatch(c -> c.outcome() == Outcome.FAILED);
    ObjectiveCheck rto = objectives == null ? null
        : ObjectiveCheck.of(objectives.rto(), r.restoreDuration(), "restore duration (from restore request to available)");
    ObjectiveCheck rpo = objectives == null ? null
        : new ObjectiveCheck(objectives.rpo(), null, false, "not measured: a backup test restores a snapshot, not to a point in time");
    RunReport.Builder b = RunReport.builder(workflowId, "backup-validation", "Backup validation of " + r.service())
        .outcome(valid && !leftBehind ? "SUCCEEDED" : "FAILED", valid && !leftBehind, r.summary())
        .service(r.service(), r.timeline(), rto, rpo, r.validation(), null)
        .cleanup(r.service(), r.cleanup())
        .note(r.snapshot() == null ? null : "Backup tested: " + describe(r.snapshot()))
        .note("Validation instance " + r.validationInstance() + ", restored in "
            + (r.restoreDuration() == null ? "unknown time" : Durations.format(r.restoreDuration())));
    return b.build();
  }

  public static RunReport from(DnsFailoverResult r, String workflowId) {
    String procedure = r.direction() == Direction.FAILBACK ? "dns-failback" : "dns-failover";
    boolean passed = r.outcome() == FailoverOutcome.SWITCHED || r.outcome() == FailoverOutcome.ALREADY_DONE
        || r.outcome() == FailoverOutcome.NOT_NEEDED;
    RunReport.Builder b = RunReport.builder(workflowId, procedure,
        (r.direction() == Direction.FAILBACK ? "DNS failback of " : "DNS failover of ") + r.service() + " (" + r.record() + ")")
        .outcome(r.outcome() == null ? "UNKNOWN" : r.outcome().name(), passed, r.summary())
        .service(r.service(), r.timeline(), r.rto(), null, null, null);
    for (ProbeReport p : nz(r.verification())) {
      b.evidence(new EvidenceRow(r.service(), "probe after switch", p.url(), ProbeVerdict.HEALTHY.name(),
          p.verdict() + " (" + p.ok() + "/" + nz(p.samples()).size() + " ok)", null, p.verdict() == ProbeVerdict.HEALTHY,
          "median " + p.medianLatencyMs() + " ms"));
    }
    nz(r.assessment()).forEach(a -> b.note("Assessment: " + a));
    if (r.weightsBefore() != null) b.note("Weights before: " + r.weightsBefore().describe());
    if (r.weightsAfter() != null) b.note("Weights after: " + r.weightsAfter().describe());
    b.note(approval(r.approval()));
    return b.build();
  }

  public static RunReport from(EcsRecoveryResult r, String workflowId) {
    boolean steady = r.after() != null && r.after().steady();
    RunReport.Builder b = RunReport.builder(workflowId, "ecs-recovery",
        "ECS recovery of " + r.service() + " in " + r.region())
        .outcome(steady ? "SUCCEEDED" : "FAILED", steady, r.summary())
        .service(r.service(), r.timeline(), r.rto(), null, null, null);
    if (r.after() != null) {
      b.evidence(new EvidenceRow(r.service(), "steady state", r.cluster() + "/" + r.after().service(),
          "running = desired, 1 deployment", r.after().running() + "/" + r.after().desired() + " running, "
              + r.after().deployments() + " deployment(s)", null, steady, r.after().taskDefinitionArn()));
    }
    if (r.before() != null) b.note("Before: " + r.before().describe());
    if (r.after() != null) b.note("After: " + r.after().describe());
    return b.build();
  }

  public static RunReport from(DrDrillResult r, String workflowId) {
    RunReport.Builder b = RunReport.builder(workflowId, "dr-drill", "DR drill of "
        + join(nz(r.services()).stream().map(ServiceDrill::service).toList()))
        .outcome(r.passed() ? "PASSED" : "FAILED", r.passed(), r.summary())
        .steps(r.timeline());
    for (ServiceDrill s : nz(r.services())) {
      b.service(s.service(), s.steps(), s.objectives() == null ? null : s.objectives().rto(),
          s.objectives() == null ? null : s.objectives().rpo(), s.validation(), s.passed());
      if (s.smoke() != null) {
        b.evidence(new EvidenceRow(s.service(), "smoke test " + s.smoke().url(), null, "HEALTHY",
            s.smoke().verdict().name(), null, s.smoke().verdict().name().equals("HEALTHY"), s.smoke().describe()));
      }
      if (s.failure() != null) b.note(s.service() + ": " + s.failure());
    }
    nz(r.leftovers()).forEach(l -> b.note("LEFT OVER: " + l));
    return b.cleanup(null, r.cleanup()).note("Test environment: stack " + r.stackName()).build();
  }

  public static RunReport from(RegionEvacuationResult r, String workflowId) {
    boolean complete = "COMPLETE".equals(r.outcome());
    RunReport.Builder b = RunReport.builder(workflowId, "region-evacuation", "Region evacuation of "
        + join(nz(r.services()).stream().map(ServiceEvacuation::service).toList()))
        .outcome(r.outcome(), complete, r.summary())
        .steps(r.timeline());
    for (ServiceEvacuation s : nz(r.services())) {
      b.evidence(new EvidenceRow(s.service(), "DR capacity (ECS)", null, "recovered", s.ecs(), null,
          "recovered".equals(s.ecs()), s.ecsDetail()));
      b.evidence(new EvidenceRow(s.service(), "DNS to the DR region", null, "SWITCHED or ALREADY_DONE", s.dns(), null,
          "SWITCHED".equals(s.dns()) || "ALREADY_DONE".equals(s.dns()), s.dnsDetail()));
    }
    b.note(approval(r.approval()));
    b.note("Each service's own RTO is in its child runs' reports: <run>-ecs-<service> and dns-failover-<record>");
    return b.build();
  }

  /**
   * A run that failed returns no result: what is known is its failure message and, for a failed
   * validation, the evidence the failure carries. Its timeline is not available.
   */
  public static RunReport failed(String workflowId, String procedure, String title, Instant start, Instant end,
      String message, ValidationReport evidence) {
    return ended(workflowId, procedure, null, title, "FAILED", start, end, message, evidence);
  }

  /**
   * As {@link #failed}, for any run that ended without a result: FAILED, CANCELED, TERMINATED,
   * TIMED_OUT; {@code service} (may be null) is whose evidence it is.
   */
  public static RunReport ended(String workflowId, String procedure, String service, String title, String outcome,
      Instant start, Instant end, String message, ValidationReport evidence) {
    return RunReport.builder(workflowId, procedure, title)
        .outcome(outcome, false, message)
        .period(start, end)
        .validation(service, evidence)
        .note("A run that ends without a result has no timeline, objectives or clean-up record to report; "
            + "the message above says what cleanup did. The run's history in the Temporal UI has every step.")
        .build();
  }

  private static String approval(GateDecision d) {
    if (d == null) return null;
    return "Approval (" + d.step() + "): " + d.verdict() + (d.who() != null ? " by " + d.who() : "")
        + (d.at() != null ? " at " + d.at() : "") + (d.why() != null ? ": " + d.why() : "");
  }

  private static String describe(SnapshotInfo s) {
    return s.snapshotId() + " of " + s.instanceId() + " in " + s.region() + " (" + s.type() + ", created "
        + s.createdAt() + ")";
  }

  private static String endpoint(String host, Integer port) {
    return host == null ? "" : " at " + host + (port == null ? "" : ":" + port);
  }

  private static String join(List<String> services) {
    return services == null || services.isEmpty() ? "all services" : String.join(", ", services);
  }

  private static <T> List<T> nz(List<T> list) {
    return list == null ? List.of() : list;
  }

}
