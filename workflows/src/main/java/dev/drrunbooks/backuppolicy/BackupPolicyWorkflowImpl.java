package dev.drrunbooks.backuppolicy;

import dev.drrunbooks.activities.catalog.CatalogActivities;
import dev.drrunbooks.activities.rds.BackupSettings;
import dev.drrunbooks.activities.rds.RdsBackupActivities;
import dev.drrunbooks.catalog.BackupSpec;
import dev.drrunbooks.catalog.BucketSpec;
import dev.drrunbooks.catalog.ReplicationSpec;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.AwsAccount;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.Phases;
import dev.drrunbooks.model.ServiceLookup;
import dev.drrunbooks.model.Timeline;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

public class BackupPolicyWorkflowImpl implements BackupPolicyWorkflow {
  static final String VERSIONING_ENABLED = "Enabled";

  /** What the run refuses in its input before it does anything (the starter checks them too). */
  public static final BackupPolicyInputRules RULES = new BackupPolicyInputRules();

  /**
   * Version 1: each RDS setting stands alone (a refused window fails only its check, naming the
   * maintenance window), automated backups replicated to the DR region are checked, and the S3
   * replication rule is compared whole. Runs recorded before it replay on the old path.
   */
  static final String WHOLE_POLICY_CHANGE = "backup-policy-whole-policy";

  static final int WHOLE_POLICY = 1;

  private final CatalogActivities catalog = ActivityDefaults.shortCallStub(CatalogActivities.class);
  private final RdsBackupActivities rds = ActivityDefaults.shortCallStub(RdsBackupActivities.class);
  private final S3Activities s3 = ActivityDefaults.shortCallStub(S3Activities.class);

  private final Timeline timeline = new Timeline();
  private final DrBackupReplicationCheck drBackups = new DrBackupReplicationCheck(rds, timeline);
  private final List<PolicyCheck> checks = new ArrayList<>();
  private final Phases phases = new Phases();
  private String currentService;
  private int version = Workflow.DEFAULT_VERSION;

  @Override
  public BackupPolicyResult run(BackupPolicyInput input) {
    BackupPolicyInput in = input == null ? new BackupPolicyInput(null, null) : input;
    String selector = in.selector();
    RULES.checkInput(in, Timeline.now());
    version = Workflow.getVersion(WHOLE_POLICY_CHANGE, Workflow.DEFAULT_VERSION, WHOLE_POLICY);
    phases.tag("backup-policy", selector);
    phases.enter("resolve");
    List<ServiceDefinition> services = ServiceLookup.resolveAll(catalog, timeline, selector);
    RULES.checkServices(in, services);

    boolean apply = in.applyChanges();
    phases.enter(apply ? "apply" : "audit");
    for (ServiceDefinition service : services) {
      currentService = service.key();
      // Each service's checks act in its own AWS account (a header only: no command changes).
      AwsAccount.in(
          service.accountId(),
          () -> {
            checks.addAll(databaseChecks(service, apply));
            if (version >= WHOLE_POLICY
                && service.spec().database().backup().drReplication() != null) {
              checks.add(drBackups.check(service, apply));
            }
            for (BucketSpec bucket : service.buckets()) {
              checks.addAll(bucketChecks(service.key(), bucket, apply));
            }
            return null;
          });
    }
    currentService = null;
    phases.enter("done");
    return BackupPolicyResult.of(
        apply, services.stream().map(ServiceDefinition::key).toList(), checks, timeline.entries());
  }

  @Override
  public BackupPolicyStatus status() {
    return new BackupPolicyStatus(phases.current(), currentService, checks.size());
  }

  /** Retention, window and IAM auth: one describe, and when asked one modify for all three. */
  private List<PolicyCheck> databaseChecks(ServiceDefinition service, boolean apply) {
    String region = service.regions().primary();
    String instance = service.spec().database().instance();
    BackupSpec policy = service.spec().database().backup();
    String resource = "rds:" + instance;
    Instant start = Timeline.now();

    BackupSettings before;
    try {
      before = rds.describeBackupSettings(region, instance);
    } catch (ActivityFailure e) {
      String why = Failures.rootMessage(e);
      timeline.record("check " + resource, start, Outcome.FAILED, why);
      return List.of(
          PolicyCheck.unreadable(service.key(), resource, "backup-settings", "readable", why));
    }
    List<PolicyCheck> found = rdsChecks(service.key(), resource, policy, before);
    List<PolicyCheck> offPolicy = found.stream().filter(PolicyCheck::offPolicy).toList();
    if (!apply || offPolicy.isEmpty()) {
      timeline.record(
          "check " + resource, start, Outcome.SUCCEEDED, offPolicy.size() + " off policy");
      return version >= WHOLE_POLICY ? withWindowConflict(found, policy, before) : found;
    }
    try {
      BackupSettings after = rds.applyBackupSettings(region, instance, policy);
      List<PolicyCheck> now = rdsChecks(service.key(), resource, policy, after);
      Map<String, String> refused = version >= WHOLE_POLICY ? after.refused() : Map.of();
      List<PolicyCheck> result = new ArrayList<>();
      for (int i = 0; i < found.size(); i++) {
        PolicyCheck check = found.get(i);
        String why = refused.get(check.check());
        result.add(
            !check.offPolicy()
                ? check
                : why != null ? check.failed(why) : check.changedTo(now.get(i).found()));
      }
      timeline.record(
          "enforce " + resource,
          start,
          refused.isEmpty() ? Outcome.SUCCEEDED : Outcome.FAILED,
          "modified "
              + (offPolicy.size() - refused.size())
              + " setting(s)"
              + (refused.isEmpty()
                  ? ""
                  : "; RDS refused " + String.join(", ", new TreeSet<>(refused.keySet())))
              + (after.otherPendingChanges() == null || after.otherPendingChanges().isEmpty()
                  ? ""
                  : "; not applied, left for the next maintenance window: "
                      + String.join(", ", after.otherPendingChanges())));
      return result;
    } catch (ActivityFailure e) {
      String why = Failures.rootMessage(e);
      timeline.record("enforce " + resource, start, Outcome.FAILED, why);
      return found.stream().map(c -> c.offPolicy() ? c.failed(why) : c).toList();
    }
  }

  /**
   * An audit names the conflict an apply would meet: a policy window over the instance's
   * maintenance window.
   */
  private static List<PolicyCheck> withWindowConflict(
      List<PolicyCheck> checks, BackupSpec policy, BackupSettings s) {
    String conflict = BackupWindowConflict.describe(policy.window(), s.maintenanceWindow());
    if (conflict == null) return checks;
    return checks.stream()
        .map(
            c ->
                c.check().equals(BackupSettings.WINDOW) && c.offPolicy()
                    ? c.withDetail("RDS will refuse it: " + conflict)
                    : c)
        .toList();
  }

  private static List<PolicyCheck> rdsChecks(
      String service, String resource, BackupSpec policy, BackupSettings s) {
    String retention =
        s.pendingRetentionDays() == null
            ? String.valueOf(s.retentionDays())
            : s.pendingRetentionDays() + " (pending: next maintenance window)";
    return List.of(
        PolicyCheck.audited(
            service,
            resource,
            BackupSettings.RETENTION,
            String.valueOf(policy.retentionDays()),
            s.pendingRetentionDays() != null
                    && s.pendingRetentionDays().equals(policy.retentionDays())
                ? String.valueOf(policy.retentionDays())
                : retention),
        PolicyCheck.audited(service, resource, BackupSettings.WINDOW, policy.window(), s.window()),
        PolicyCheck.audited(
            service,
            resource,
            BackupSettings.IAM_AUTH,
            String.valueOf(policy.iamDatabaseAuthentication()),
            String.valueOf(s.iamDatabaseAuthentication())));
  }

  /** Replica versioning first: S3 refuses a replication rule to an unversioned destination. */
  private List<PolicyCheck> bucketChecks(String service, BucketSpec bucket, boolean apply) {
    List<PolicyCheck> result = new ArrayList<>();
    Instant start = Timeline.now();
    ReplicationSpec replication = bucket.replication();
    PolicyCheck replicaVersioning = null;
    if (replication != null) {
      replicaVersioning =
          versioningCheck(
              service, replication.destinationRegion(), replication.destinationBucket(), apply);
      result.add(replicaVersioning);
    }
    PolicyCheck sourceVersioning = null;
    if (Boolean.TRUE.equals(bucket.versioning())) {
      sourceVersioning = versioningCheck(service, bucket.region(), bucket.name(), apply);
      result.add(sourceVersioning);
    }
    if (replication != null) {
      result.add(
          replicationCheck(
              service, bucket, replication, apply, replicaVersioning, sourceVersioning));
    }
    long failed = result.stream().filter(c -> c.action() == PolicyAction.FAILED).count();
    timeline.record(
        (apply ? "enforce " : "check ") + "s3:" + bucket.name(),
        start,
        failed > 0 ? Outcome.FAILED : Outcome.SUCCEEDED,
        result.stream().filter(c -> c.action() != PolicyAction.COMPLIANT).count()
            + " not compliant before, "
            + failed
            + " failed");
    return result;
  }

  private PolicyCheck versioningCheck(String service, String region, String bucket, boolean apply) {
    String resource = "s3:" + bucket;
    return observeAndEnforce(
        service,
        resource,
        "versioning",
        VERSIONING_ENABLED,
        () -> s3.versioningStatus(region, bucket),
        apply,
        () -> s3.enableVersioning(region, bucket));
  }

  private PolicyCheck replicationCheck(
      String service,
      BucketSpec bucket,
      ReplicationSpec spec,
      boolean apply,
      PolicyCheck replicaVersioning,
      PolicyCheck sourceVersioning) {
    boolean whole = version >= WHOLE_POLICY;
    String expected =
        whole ? expectedRule(spec).describe() : expectedRule(spec).describeDestination();
    Supplier<String> read =
        () -> {
          ReplicationRuleState state =
              s3.replicationRule(bucket.region(), bucket.name(), spec.ruleId());
          return state == null
              ? "no rule " + spec.ruleId()
              : whole ? state.describe() : state.describeDestination();
        };
    String resource = "s3:" + bucket.name();
    Runnable change =
        () -> {
          for (PolicyCheck prerequisite : new PolicyCheck[] {replicaVersioning, sourceVersioning}) {
            if (prerequisite != null && prerequisite.action() == PolicyAction.FAILED) {
              throw ApplicationFailure.newNonRetryableFailure(
                  "not attempted: versioning of "
                      + prerequisite.resource()
                      + " is "
                      + prerequisite.found()
                      + " and S3 requires it Enabled on both buckets",
                  "Prerequisite");
            }
          }
          s3.putReplicationRule(bucket.region(), bucket.name(), spec);
        };
    return observeAndEnforce(
        service, resource, "replication-rule " + spec.ruleId(), expected, read, apply, change);
  }

  static ReplicationRuleState expectedRule(ReplicationSpec spec) {
    return new ReplicationRuleState(
        spec.ruleId(),
        "Enabled",
        spec.role(),
        spec.destinationBucketArn(),
        spec.storageClass(),
        (int) spec.replicationTime().toMinutes(),
        spec.priorityOrDefault(),
        ReplicationRuleState.prefixFilter(spec.prefixOrWholeBucket()),
        spec.replicatesDeleteMarkers() ? "Enabled" : "Disabled",
        ReplicationRuleState.ENABLED);
  }

  /** Reads a setting; when asked and off policy, changes it and reads it back. */
  private PolicyCheck observeAndEnforce(
      String service,
      String resource,
      String check,
      String expected,
      Supplier<String> read,
      boolean apply,
      Runnable change) {
    PolicyCheck audited;
    try {
      audited = PolicyCheck.audited(service, resource, check, expected, read.get());
    } catch (ActivityFailure e) {
      return PolicyCheck.unreadable(service, resource, check, expected, Failures.rootMessage(e));
    }
    if (!apply || !audited.offPolicy()) return audited;
    try {
      change.run();
      return audited.changedTo(read.get());
    } catch (ActivityFailure | ApplicationFailure e) {
      return audited.failed(Failures.rootMessage(e));
    }
  }
}
