package dev.drrunbooks.backuppolicy;

import dev.drrunbooks.activities.catalog.CatalogActivities;
import dev.drrunbooks.activities.rds.BackupSettings;
import dev.drrunbooks.activities.rds.DrBackupReplication;
import dev.drrunbooks.activities.rds.RdsBackupActivities;
import dev.drrunbooks.catalog.BackupSpec;
import dev.drrunbooks.catalog.BucketSpec;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.DrBackupReplicationSpec;
import dev.drrunbooks.catalog.ReplicationSpec;
import dev.drrunbooks.catalog.ScheduleSpec;
import dev.drrunbooks.catalog.ServiceDefinition;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory stand-in for RDS, S3 and the catalog, for workflow-logic tests only: it keeps the
 * state the activities would read and change, and records every change made.
 */
public final class FakeAwsWorld implements RdsBackupActivities, S3Activities, CatalogActivities {
  final Map<String, BackupSettings> instances = new ConcurrentHashMap<>();
  final Map<String, String> versioning = new ConcurrentHashMap<>();
  final Map<String, ReplicationRuleState> rules = new ConcurrentHashMap<>();

  /** Replicated automated backups by "sourceRegion/instance/drRegion". */
  final Map<String, DrBackupReplication> drBackups = new ConcurrentHashMap<>();

  final List<String> changes = Collections.synchronizedList(new ArrayList<>());
  private volatile Catalog catalog;

  /**
   * Every catalog resource compliant except, as in the sandbox, the Inventory instance and its
   * buckets.
   */
  /** Runs before each instance's backup settings are read, e.g. to hold the run in a step. */
  public volatile Runnable beforeDescribe = () -> {};

  public static FakeAwsWorld likeTheSandbox(Catalog catalog) {
    FakeAwsWorld world = new FakeAwsWorld(catalog);
    for (String key : catalog.serviceKeys()) {
      ServiceDefinition s = catalog.definitionOf(key);
      BackupSpec policy = s.spec().database().backup();
      world.instances.put(
          s.regions().primary() + "/" + s.spec().database().instance(),
          new BackupSettings(
              s.spec().database().instance(),
              "available",
              policy.retentionDays(),
              null,
              policy.window(),
              policy.iamDatabaseAuthentication()));
      DrBackupReplicationSpec dr = policy.drReplication();
      if (dr != null && Boolean.TRUE.equals(dr.enabled())) {
        world.drBackups.put(
            s.regions().primary() + "/" + s.spec().database().instance() + "/" + s.regions().dr(),
            new DrBackupReplication(
                s.regions().dr(),
                "replicating",
                dr.retentionDays(),
                dr.kmsKeyId(),
                "arn:aws:rds:" + s.regions().dr() + ":123456789012:auto-backup:ab-" + s.key()));
      }
      for (BucketSpec b : s.buckets()) {
        world.versioning.put(b.region() + "/" + b.name(), "Enabled");
        ReplicationSpec r = b.replication();
        world.versioning.put(r.destinationRegion() + "/" + r.destinationBucket(), "Enabled");
        world.rules.put(
            b.region() + "/" + b.name() + "/" + r.ruleId(),
            BackupPolicyWorkflowImpl.expectedRule(r));
      }
    }
    world.instances.put(
        "eu-west-1/mycomputer-inventory-db",
        new BackupSettings("mycomputer-inventory-db", "available", 7, null, "22:00-22:30", false));
    world.versioning.put("eu-west-1/mycomputer-assets", "Off");
    world.versioning.put("eu-central-1/mycomputer-assets-dr", "Off");
    world.rules.remove("eu-west-1/mycomputer-assets/ReplicateAll");
    return world;
  }

  private FakeAwsWorld(Catalog catalog) {
    this.catalog = catalog;
  }

  /** Resolves services from another catalog from now on; the AWS state stays as it is. */
  void useCatalog(Catalog other) {
    this.catalog = other;
  }

  @Override
  public Map<String, ScheduleSpec> schedules() {
    return catalog.schedules();
  }

  @Override
  public List<ServiceDefinition> resolveServices(String selector) {
    if ("all".equals(selector))
      return catalog.serviceKeys().stream().map(catalog::definitionOf).toList();
    if (!catalog.services().containsKey(selector)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "'"
              + selector
              + "' is not in the catalog test.yaml; known services: "
              + String.join(", ", catalog.serviceKeys())
              + " (or 'all')",
          "UnknownService");
    }
    return List.of(catalog.definitionOf(selector));
  }

  @Override
  public BackupSettings describeBackupSettings(String region, String instanceId) {
    beforeDescribe.run();
    BackupSettings s = instances.get(region + "/" + instanceId);
    if (s == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "RDS instance '" + instanceId + "' not found in " + region, "RdsInstanceNotFound");
    }
    return s;
  }

  /**
   * As RDS does: a backup window over the maintenance window is refused, the other settings still
   * set.
   */
  @Override
  public BackupSettings applyBackupSettings(String region, String instanceId, BackupSpec policy) {
    BackupSettings before = describeBackupSettings(region, instanceId);
    changes.add("modify-db-instance " + instanceId);
    String conflict = BackupWindowConflict.describe(policy.window(), before.maintenanceWindow());
    String window = conflict == null ? policy.window() : before.window();
    BackupSettings after =
        new BackupSettings(
            instanceId,
            "modifying",
            policy.retentionDays(),
            null,
            window,
            policy.iamDatabaseAuthentication(),
            List.of(),
            before.maintenanceWindow(),
            null);
    instances.put(region + "/" + instanceId, after);
    return conflict == null
        ? after
        : after.withRefused(
            Map.of(
                BackupSettings.WINDOW,
                "RDS refused it: The backup window and maintenance window "
                    + "must not overlap; "
                    + conflict));
  }

  @Override
  public DrBackupReplication drBackupReplication(
      String sourceRegion, String instanceId, String drRegion) {
    describeBackupSettings(sourceRegion, instanceId);
    return drBackups.get(sourceRegion + "/" + instanceId + "/" + drRegion);
  }

  @Override
  public DrBackupReplication startDrBackupReplication(
      String sourceRegion, String instanceId, String drRegion, DrBackupReplicationSpec spec) {
    DrBackupReplication current = drBackupReplication(sourceRegion, instanceId, drRegion);
    if (current != null) return current;
    changes.add(
        "start-db-instance-automated-backups-replication " + instanceId + " to " + drRegion);
    DrBackupReplication started =
        new DrBackupReplication(
            drRegion,
            "pending",
            spec.retentionDays(),
            spec.kmsKeyId(),
            "arn:aws:rds:" + drRegion + ":123456789012:auto-backup:ab-" + instanceId);
    drBackups.put(sourceRegion + "/" + instanceId + "/" + drRegion, started);
    return started;
  }

  @Override
  public DrBackupReplication stopDrBackupReplication(
      String sourceRegion, String instanceId, String drRegion) {
    if (drBackups.remove(sourceRegion + "/" + instanceId + "/" + drRegion) != null) {
      changes.add(
          "stop-db-instance-automated-backups-replication " + instanceId + " to " + drRegion);
    }
    return null;
  }

  /** The runbook's rule for the spec, as S3 reports it once the policy wrote it. */
  public static ReplicationRuleState policyRule(ReplicationSpec spec) {
    return BackupPolicyWorkflowImpl.expectedRule(spec);
  }

  /** Sets the bucket's rule as S3 would report it; null: the bucket has no such rule. */
  public void rule(String region, String bucket, String ruleId, ReplicationRuleState state) {
    if (state == null) rules.remove(region + "/" + bucket + "/" + ruleId);
    else rules.put(region + "/" + bucket + "/" + ruleId, state);
  }

  @Override
  public String versioningStatus(String region, String bucket) {
    String status = versioning.get(region + "/" + bucket);
    if (status == null)
      throw ApplicationFailure.newNonRetryableFailure("NoSuchBucket " + bucket, "AwsNoSuchBucket");
    return status;
  }

  @Override
  public void enableVersioning(String region, String bucket) {
    versioningStatus(region, bucket);
    changes.add("put-bucket-versioning " + bucket);
    versioning.put(region + "/" + bucket, "Enabled");
  }

  @Override
  public ReplicationRuleState replicationRule(String region, String bucket, String ruleId) {
    return rules.get(region + "/" + bucket + "/" + ruleId);
  }

  @Override
  public void putReplicationRule(String region, String bucket, ReplicationSpec rule) {
    changes.add("put-bucket-replication " + bucket);
    rules.put(
        region + "/" + bucket + "/" + rule.ruleId(), BackupPolicyWorkflowImpl.expectedRule(rule));
  }
}
