package dev.drrunbooks.readiness;

import dev.drrunbooks.activities.catalog.CatalogActivities;
import dev.drrunbooks.activities.ecs.EcsActivities;
import dev.drrunbooks.activities.ledger.LastPassingRun;
import dev.drrunbooks.activities.ledger.LedgerQueryActivities;
import dev.drrunbooks.activities.rds.AuroraGlobalActivities;
import dev.drrunbooks.activities.rds.GlobalClusterState;
import dev.drrunbooks.activities.rds.RdsRestoreActivities;
import dev.drrunbooks.activities.rds.RdsSnapshotActivities;
import dev.drrunbooks.activities.rds.RdsStandbyActivities;
import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.activities.rds.ReplicaState;
import dev.drrunbooks.activities.route53.Route53Activities;
import dev.drrunbooks.backuppolicy.BackupPolicy;
import dev.drrunbooks.backuppolicy.BackupPolicyInput;
import dev.drrunbooks.backuppolicy.BackupPolicyResult;
import dev.drrunbooks.backuppolicy.BackupPolicyWorkflow;
import dev.drrunbooks.backuppolicy.S3Activities;
import dev.drrunbooks.catalog.BucketSpec;
import dev.drrunbooks.catalog.RecoveryStrategy;
import dev.drrunbooks.catalog.ScheduleSpec;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.failover.CloudWatchActivities;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.AwsAccount;
import dev.drrunbooks.model.CurrentDetails;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.Phases;
import dev.drrunbooks.model.ServiceLookup;
import dev.drrunbooks.model.Timeline;
import dev.drrunbooks.runbook.RunSummary;
import dev.drrunbooks.standby.Standby;
import dev.drrunbooks.standby.StandbyLagAllowance;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

public class ReadinessEvaluationWorkflowImpl implements ReadinessEvaluationWorkflow {
  /** How far back the ledger's measured steps count for the forecast. */
  static final Duration FORECAST_WINDOW = Duration.ofDays(365);

  /** What the run refuses in its input before it does anything (the starter checks them too). */
  public static final ReadinessInputRules RULES = new ReadinessInputRules();

  /**
   * Version 1: each replicated bucket's rule and its CloudWatch ReplicationLatency are checked
   * against the RPO, and the predicted RPO is the worst of the database's and the buckets'. Runs
   * recorded before it replay without those calls.
   */
  static final String S3_REPLICATION_CHANGE = "readiness-s3-replication-latency";

  static final int S3_REPLICATION = 1;

  /**
   * Version 1: a replica-strategy service's standby read replica is checked (replicating, its
   * ReplicaLag within the RPO), and its lag, when measured, is the database's part of the predicted
   * RPO. Runs recorded before it replay without those calls.
   */
  static final String STANDBY_REPLICA_CHANGE = "readiness-standby-replica";

  /**
   * Version 1: an aurora-global service's secondary cluster is checked the same way (a replicating
   * secondary, its AuroraGlobalDBReplicationLag within the RPO), its lag the database's part of the
   * predicted RPO. Runs recorded before it replay without those calls.
   */
  static final String STANDBY_AURORA_CHANGE = "readiness-standby-aurora-global";

  /**
   * Version 1: a standby's lag bounded where the RPO is accepted as unmet ({@link #lagAllowance}).
   */
  static final String STANDBY_LAG_BOUND_CHANGE = "readiness-standby-lag-bound";

  /** How far back a ReplicaLag datapoint counts (RDS publishes one a minute). */
  static final Duration STANDBY_LAG_WINDOW = Duration.ofMinutes(5);

  private final CatalogActivities catalog = ActivityDefaults.shortCallStub(CatalogActivities.class);
  private final RecoveryPointChecks recoveryPoints =
      new RecoveryPointChecks(
          ActivityDefaults.shortCallStub(RdsRestoreActivities.class),
          ActivityDefaults.shortCallStub(RdsSnapshotActivities.class));
  private final StandbyChecks standby =
      new StandbyChecks(
          ActivityDefaults.shortCallStub(EcsActivities.class),
          ActivityDefaults.shortCallStub(Route53Activities.class),
          ActivityDefaults.shortCallStub(CloudWatchActivities.class));
  private final ReplicationLatencyCheck replication =
      new ReplicationLatencyCheck(
          ActivityDefaults.shortCallStub(S3Activities.class),
          ActivityDefaults.shortCallStub(CloudWatchActivities.class));
  private final RdsStandbyActivities replicas =
      ActivityDefaults.shortCallStub(RdsStandbyActivities.class);
  private final AuroraGlobalActivities aurora =
      ActivityDefaults.shortCallStub(AuroraGlobalActivities.class);
  private final LedgerQueryActivities ledger =
      ActivityDefaults.shortCallStub(LedgerQueryActivities.class);
  private final Timeline timeline = new Timeline();
  private final Phases phases = new Phases();
  private String current;
  private int version = Workflow.DEFAULT_VERSION;

  @Override
  public ReadinessResult evaluate(ReadinessInput input) {
    ReadinessInput in = input == null ? new ReadinessInput(null) : input;
    RULES.checkInput(in, Timeline.now());
    version = Workflow.getVersion(S3_REPLICATION_CHANGE, Workflow.DEFAULT_VERSION, S3_REPLICATION);
    String selector = in.selector();
    phases.tag(ReadinessEvaluation.KEY, selector);
    phases.enter("resolve");
    List<ServiceDefinition> services = ServiceLookup.resolveAll(catalog, timeline, selector);
    phases.enter("policy");
    BackupPolicyResult audit = audit(selector);
    phases.enter("evidence");
    Instant now = Timeline.now();
    Evidence evidence = evidence(now);
    phases.enter("check");
    List<ServiceReadiness> found = new ArrayList<>();
    for (ServiceDefinition service : services) {
      current = service.key();
      ServiceReadiness checked =
          AwsAccount.in(service.accountId(), () -> evaluate(service, audit, now));
      found.add(withEvidence(service, checked, evidence, now));
      // The UI's Current Details: no history command, so no version.
      CurrentDetails.progress(ReadinessDetails.checking(found, services.size()));
    }
    current = null;
    phases.enter("done");
    ReadinessResult result = ReadinessResult.of(now, found, timeline.entries());
    CurrentDetails.progress(ReadinessDetails.done(result));
    return result;
  }

  @Override
  public String status() {
    return current == null ? phases.current() : phases.current() + ": " + current;
  }

  /**
   * The backup policy, audited by a BackupPolicy child (the same checks as {@code dr
   * backup-policy}).
   */
  private BackupPolicyResult audit(String selector) {
    BackupPolicyWorkflow child =
        Workflow.newChildWorkflowStub(
            BackupPolicyWorkflow.class,
            RunSummary.of(BackupPolicy.PROCEDURE, selector, null)
                .on(ChildWorkflowOptions.newBuilder())
                .setWorkflowId(Workflow.getInfo().getWorkflowId() + "-backup-policy")
                .build());
    try {
      return timeline.step(
          "audit the backup policy of " + selector,
          () -> child.run(new BackupPolicyInput(selector, false)),
          BackupPolicyResult::summary);
    } catch (ChildWorkflowFailure e) {
      return null;
    }
  }

  private ServiceReadiness evaluate(
      ServiceDefinition service, BackupPolicyResult audit, Instant now) {
    String key = service.key();
    Duration rpo = service.spec().objectives().rpo();
    List<ReadinessCheck> checks = new ArrayList<>();
    if (audit != null) checks.addAll(PolicyReadiness.of(key, audit));
    else
      checks.add(
          ReadinessCheck.unknown(
              key, "backup policy", "audited", "the audit failed: see its run in the timeline"));
    Duration drRecoveryPointAge = null;
    RecoveryPoint[] dr = new RecoveryPoint[1];
    if (service.spec().database() != null) {
      String expected = "newer than RPO " + Ages.of(rpo);
      checks.add(
          guarded(
              key,
              "recovery point in " + service.regions().primary(),
              expected,
              () -> RecoveryPointChecks.check(key, recoveryPoints.primary(service), rpo, now)));
      checks.add(
          guarded(
              key,
              "recovery point in " + service.regions().dr(),
              expected,
              () -> {
                dr[0] = recoveryPoints.dr(service);
                return RecoveryPointChecks.check(key, dr[0], rpo, now);
              }));
      if (dr[0] != null && dr[0].at() != null) {
        // A recovery point a moment "after" now (the clocks of AWS and the worker differ) is now.
        Duration age = Duration.between(dr[0].at(), now);
        drRecoveryPointAge = age.isNegative() ? Duration.ZERO : age;
      }
    }
    List<ReplicationLag> buckets = new ArrayList<>();
    if (version >= S3_REPLICATION) {
      for (BucketSpec bucket : service.buckets()) {
        if (bucket.replication() == null) continue;
        ReplicationLag lag = replication.check(key, bucket, rpo, now);
        buckets.add(lag);
        checks.add(lag.check());
      }
    }
    StandbyReplicaCheck standbyReplica = null;
    if (service.spec().recoveryOrDefault().strategyOrDefault() == RecoveryStrategy.REPLICA
        && Workflow.getVersion(STANDBY_REPLICA_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1) {
      standbyReplica = standbyReplica(service, rpo);
      checks.add(standbyReplica.check());
    } else if (service.spec().recoveryOrDefault().strategyOrDefault()
            == RecoveryStrategy.AURORA_GLOBAL
        && Workflow.getVersion(STANDBY_AURORA_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1) {
      standbyReplica = auroraSecondary(service, rpo);
      checks.add(standbyReplica.check());
    }
    PredictedRpo predictedRpo =
        PredictedRpo.of(
            service.regions().dr(),
            service.spec().database() != null,
            dr[0],
            drRecoveryPointAge,
            buckets,
            standbyReplica);
    if (service.spec().ecs() != null)
      checks.add(
          guarded(
              key,
              "ECS service in " + service.regions().dr(),
              "ACTIVE on the stable task definition",
              () -> standby.drService(service)));
    if (service.dns() != null) {
      try {
        checks.addAll(standby.dns(service));
      } catch (ActivityFailure e) {
        checks.add(
            ReadinessCheck.unknown(
                key, "DNS record " + service.dns().name(), "readable", Failures.rootMessage(e)));
      }
    }
    return new ServiceReadiness(
        key,
        service.spec().objectives(),
        checks,
        predictedRpo.worst(),
        null,
        null,
        predictedRpo.basis());
  }

  /** What the ledger holds: a year of measured steps, the newest passing runs, the schedules. */
  private record Evidence(
      List<StepSample> samples,
      List<LastPassingRun> lastPassing,
      Map<String, ScheduleSpec> schedules) {}

  private Evidence evidence(Instant now) {
    List<StepSample> samples =
        timeline.step(
            "read a year of measured steps from the ledger",
            () -> ledger.stepSamples(now.minus(FORECAST_WINDOW)),
            list -> list.size() + " sample(s)");
    List<LastPassingRun> last =
        timeline.step(
            "read the newest passing drills and backup validations",
            () -> ledger.lastPassing(EvidenceFreshness.PROCEDURES),
            list -> list.size() + " run(s)");
    return new Evidence(samples, last, catalog.schedules());
  }

  /** The service's checks with the freshness of its evidence, and its RTO forecast. */
  private static ServiceReadiness withEvidence(
      ServiceDefinition service, ServiceReadiness checked, Evidence evidence, Instant now) {
    List<ReadinessCheck> checks = new ArrayList<>(checked.checks());
    checks.addAll(
        EvidenceFreshness.checks(service.key(), evidence.schedules(), evidence.lastPassing(), now));
    RtoForecast rto =
        RtoForecast.of(
            service.key(),
            service.spec().objectives().rto(),
            RecoveryPath.of(service.spec()),
            evidence.samples());
    return new ServiceReadiness(
        checked.service(),
        checked.objectives(),
        checks,
        checked.predictedRpo(),
        rto,
        MonthlyDuration.trend(evidence.samples(), StepKind.RDS_RESTORE, service.key()),
        checked.predictedRpoBasis());
  }

  /** The service's standby replica and its lag; unknown when they could not be read. */
  private StandbyReplicaCheck standbyReplica(ServiceDefinition service, Duration rpo) {
    Standby standby = Standby.of(service);
    String label = "standby replica " + standby.replicaLabel();
    try {
      ReplicaState state =
          replicas.describeReplica(standby.replicaRegion(), standby.replicaInstance());
      ReplicaLag lag =
          state.found()
              ? replicas.replicaLagSeconds(
                  standby.replicaRegion(), standby.replicaInstance(), STANDBY_LAG_WINDOW)
              : null;
      return StandbyReplicaCheck.of(service.key(), standby, state, lag, lagAllowance(service));
    } catch (ActivityFailure e) {
      return new StandbyReplicaCheck(
          ReadinessCheck.unknown(service.key(), label, "readable", Failures.rootMessage(e)),
          null,
          label);
    }
  }

  /**
   * The lag the service's standby may have. Version 1 of {@link #STANDBY_LAG_BOUND_CHANGE} bounds
   * an RPO the catalog accepts as unmet by what a point-in-time restore would lose; runs before it
   * passed any measured lag. Asked only for such a service, so no other history changes.
   */
  private static StandbyLagAllowance lagAllowance(ServiceDefinition service) {
    var unmet = service.spec().recoveryOrDefault().knowinglyUnmet();
    boolean accepted = unmet != null && unmet.rpo() != null;
    boolean bounded =
        !accepted
            || Workflow.getVersion(STANDBY_LAG_BOUND_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    return StandbyLagAllowance.of(service.spec(), bounded);
  }

  /** The service's Aurora secondary cluster and its lag; unknown when they could not be read. */
  private StandbyReplicaCheck auroraSecondary(ServiceDefinition service, Duration rpo) {
    Standby standby = Standby.ofAnyStandby(service);
    String label = StandbyReplicaCheck.auroraLabel(standby);
    try {
      GlobalClusterState state =
          aurora.describeGlobalCluster(standby.replicaRegion(), standby.globalCluster());
      ReplicaLag lag =
          StandbyReplicaCheck.auroraProblem(standby, state) == null
              ? aurora.replicationLag(
                  standby.replicaRegion(), standby.replicaInstance(), STANDBY_LAG_WINDOW)
              : null;
      return StandbyReplicaCheck.ofAuroraSecondary(
          service.key(), standby, state, lag, lagAllowance(service));
    } catch (ActivityFailure e) {
      return new StandbyReplicaCheck(
          ReadinessCheck.unknown(service.key(), label, "readable", Failures.rootMessage(e)),
          null,
          label,
          StandbyReplicaCheck.AURORA_LAG);
    }
  }

  /** The check, or unknown with the reason when reading it failed. */
  private static ReadinessCheck guarded(
      String service, String check, String expected, Supplier<ReadinessCheck> read) {
    try {
      return read.get();
    } catch (ActivityFailure e) {
      return ReadinessCheck.unknown(service, check, expected, Failures.rootMessage(e));
    }
  }
}
