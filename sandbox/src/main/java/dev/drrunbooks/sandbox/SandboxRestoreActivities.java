package dev.drrunbooks.sandbox;

import dev.drrunbooks.activities.rds.CopyProtectionRequest;
import dev.drrunbooks.activities.rds.CopySettings;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.PlacementCheck;
import dev.drrunbooks.activities.rds.PointInTimeRestoreRequest;
import dev.drrunbooks.activities.rds.RdsRestoreActivities;
import dev.drrunbooks.activities.rds.RestorableWindow;
import dev.drrunbooks.activities.rds.RestoreExpectation;
import dev.drrunbooks.activities.rds.RestoreSource;
import dev.drrunbooks.activities.rds.RestoreSourceQuery;
import dev.drrunbooks.activities.rds.SnapshotRestoreRequest;
import dev.drrunbooks.aws.rds.RdsRestoreActivitiesImpl;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.ServiceSpec;
import dev.drrunbooks.model.Ownership;
import io.temporal.failure.ApplicationFailure;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * {@link RdsRestoreActivities} for the sandbox: the real activities against the AWS emulator, plus
 * a database for each restored instance on the sandbox's PostgreSQL ({@link SandboxDatabases}),
 * since the emulator's restored instance has no data. After a restore succeeds, the clone of the
 * source's database is made as of the restore point; after a delete succeeds, the clone is dropped.
 * Registered instead of {@link RdsRestoreActivitiesImpl} when {@code DR_SANDBOX_DATABASES=true}
 * (same activity names).
 *
 * <p>Source database of a restore: the clone of the source instance when it has one (a restore of a
 * restored instance), else {@code instanceToDatabase} (the catalog's database.instance to
 * database.name). A restore from the retained automated backups of a deleted instance still names
 * that instance, so it gets the same clone as of the restore point. For a snapshot restore the
 * source instance is the snapshot's instance. An instance with neither gets no clone (logged), and
 * validation of it then falls back to the catalog's database name.
 *
 * <p>The restorable window is reported as AWS would for an instance that has existed for its whole
 * retention period (latest minus retention days): the sandbox's databases hold history from before
 * the emulator created its instances at seeding, and a restore to "two hours ago" must be possible
 * there.
 */
public final class SandboxRestoreActivities implements RdsRestoreActivities {
  private static final Logger log = LoggerFactory.getLogger(SandboxRestoreActivities.class);

  private final RdsRestoreActivitiesImpl delegate;
  private final SandboxDatabases databases;
  private final Map<String, String> instanceToDatabase;
  private final Duration provisioningTime;

  public SandboxRestoreActivities(
      RdsRestoreActivitiesImpl delegate,
      SandboxDatabases databases,
      Map<String, String> instanceToDatabase) {
    this(delegate, databases, instanceToDatabase, Duration.ZERO);
  }

  /**
   * @param provisioningTime how long a restored instance stays "creating" (moto makes it available
   *     at once; RDS takes minutes): DR_SANDBOX_RESTORE_SECONDS, so waits, heartbeats and worker
   *     restarts can be seen in the sandbox
   */
  public SandboxRestoreActivities(
      RdsRestoreActivitiesImpl delegate,
      SandboxDatabases databases,
      Map<String, String> instanceToDatabase,
      Duration provisioningTime) {
    this.delegate = delegate;
    this.databases = databases;
    this.instanceToDatabase = Map.copyOf(instanceToDatabase);
    this.provisioningTime = provisioningTime;
  }

  /** DR_SANDBOX_RESTORE_SECONDS from the environment, zero when unset. */
  public static Duration provisioningTime(Map<String, String> env) {
    String seconds = env.getOrDefault("DR_SANDBOX_RESTORE_SECONDS", "0").trim();
    try {
      return Duration.ofSeconds(Long.parseLong(seconds));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "DR_SANDBOX_RESTORE_SECONDS: '" + seconds + "' is not a whole number of seconds");
    }
  }

  /** The catalog's RDS instance id to database name, for every service with a database. */
  public static Map<String, String> instanceToDatabase(Catalog catalog) {
    Map<String, String> map = new LinkedHashMap<>();
    for (ServiceSpec s : catalog.services().values()) {
      if (s.database() != null && s.database().instance() != null && s.database().name() != null) {
        map.put(s.database().instance(), s.database().name());
      }
    }
    return map;
  }

  @Override
  public RestorableWindow restorableWindow(String region, String instanceId) {
    return delegate.restorableWindow(region, instanceId, false);
  }

  /**
   * A live instance's window as {@link #restorableWindow}; a deleted one's from its retained
   * automated backups.
   */
  @Override
  public RestoreSource findRestoreSource(RestoreSourceQuery query) {
    return delegate.findRestoreSource(query, false);
  }

  @Override
  public InstanceInfo describeInstance(String region, String instanceId) {
    return delegate.describeInstance(region, instanceId);
  }

  @Override
  public InstanceInfo restoreToPointInTime(PointInTimeRestoreRequest request) {
    InstanceInfo restored = delegate.restoreToPointInTime(request);
    materialize(restored.instanceId(), request.sourceInstanceId(), request.restoreTime());
    return restored;
  }

  @Override
  public InstanceInfo restoreFromSnapshot(SnapshotRestoreRequest request) {
    InstanceInfo restored = delegate.restoreFromSnapshot(request);
    materialize(
        restored.instanceId(), request.snapshot().instanceId(), request.snapshot().createdAt());
    return restored;
  }

  @Override
  public InstanceInfo awaitInstanceAvailable(String region, String instanceId, Instant deadline) {
    if (provisioningTime.isZero())
      return delegate.awaitInstanceAvailable(region, instanceId, deadline);
    return delegate.awaitInstanceAvailable(
        region, instanceId, deadline, this::emulatedStatus, this::emulatedExpectation);
  }

  @Override
  public InstanceInfo pollInstanceAvailable(String region, String instanceId, Instant deadline) {
    if (provisioningTime.isZero())
      return delegate.pollInstanceAvailable(region, instanceId, deadline);
    return delegate.pollInstanceAvailable(
        region, instanceId, deadline, this::emulatedStatus, this::emulatedExpectation);
  }

  @Override
  public InstanceInfo pollRestoredInstanceAvailable(
      String region,
      String instanceId,
      String instanceClass,
      Instant deadline,
      Instant restoreAnsweredAt) {
    // Always the emulated expectation: without emulated provisioning moto's instance is available
    // at once, and the class's default (minutes) would put the deferred first describe minutes out.
    return delegate.pollRestoredInstanceAvailable(
        region,
        instanceId,
        instanceClass,
        deadline,
        restoreAnsweredAt,
        this::emulatedStatus,
        this::emulatedExpectation);
  }

  /** "creating" until the emulated provisioning time has passed since moto created it. */
  private String emulatedStatus(DBInstance db) {
    Instant created = db.instanceCreateTime();
    boolean provisioning =
        created != null && Instant.now().isBefore(created.plus(provisioningTime));
    return provisioning && "available".equals(db.dbInstanceStatus())
        ? "creating"
        : db.dbInstanceStatus();
  }

  /**
   * The emulated provisioning time, exact, whatever the ledger measured: moto's instances have no
   * real class, and the ledger's durations of sandbox restores are when each wait noticed the end,
   * an upper bound. A cadence fed its own upper bounds would look later each time for a restore
   * shorter than the CLI's first 30 s (its one look before 30 s sits above the median); real
   * restores take minutes, where a dense window absorbs that bias. The spread stands for the wait
   * beginning a moment after moto created the instance.
   */
  private RestoreExpectation emulatedExpectation(RestoreExpectation ignored) {
    return RestoreExpectation.around(
        provisioningTime, 0.9, 1.1, "the sandbox's emulated provisioning time");
  }

  @Override
  public String verifyPlacement(PlacementCheck check) {
    return delegate.verifyPlacement(check);
  }

  @Override
  public CopySettings protectRestoredCopy(CopyProtectionRequest request) {
    return delegate.protectRestoredCopy(request);
  }

  @Override
  public String deleteOwnedInstance(String region, String instanceId, Ownership owner) {
    String outcome =
        delegate.deleteOwnedInstance(
            region, instanceId, owner); // refuses before anything is dropped
    try {
      databases.drop(instanceId);
    } catch (SQLException e) {
      throw ApplicationFailure.newFailure(
          "sandbox: dropping the database of RDS instance "
              + instanceId
              + " ("
              + SandboxDatabases.cloneName(instanceId)
              + ") failed: "
              + e.getMessage(),
          "SandboxDatabase");
    }
    return outcome;
  }

  private void materialize(String instanceId, String sourceInstanceId, Instant restorePoint) {
    try {
      String source = sourceDatabase(sourceInstanceId);
      if (source == null) {
        log.warn(
            "sandbox: no database for RDS instance {} (source {} is not in the catalog and has no"
                + " clone): restored instance {} gets none",
            instanceId,
            sourceInstanceId,
            instanceId);
        return;
      }
      String clone = databases.materialize(instanceId, source, restorePoint);
      log.info(
          "sandbox: RDS instance {} is database {} (clone of {} as of {})",
          instanceId,
          clone,
          source,
          restorePoint);
    } catch (SQLException e) {
      if ("3D000".equals(e.getSQLState())) {
        throw ApplicationFailure.newNonRetryableFailure(
            "sandbox: " + e.getMessage(), "SandboxDatabase");
      }
      throw ApplicationFailure.newFailure(
          "sandbox: making the database of RDS instance "
              + instanceId
              + " failed: "
              + (e.getSQLState() == null ? "" : "SQLSTATE " + e.getSQLState() + ": ")
              + e.getMessage(),
          "SandboxDatabase");
    }
  }

  private String sourceDatabase(String sourceInstanceId) throws SQLException {
    if (sourceInstanceId == null) return null;
    String clone = SandboxDatabases.cloneName(sourceInstanceId);
    if (databases.exists(clone)) return clone;
    return instanceToDatabase.get(sourceInstanceId);
  }
}
