package dev.drrunbooks.sandbox;

import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.Promotion;
import dev.drrunbooks.activities.rds.RdsStandbyActivities;
import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.activities.rds.ReplicaRequest;
import dev.drrunbooks.activities.rds.ReplicaState;
import dev.drrunbooks.aws.rds.RdsStandbyActivitiesImpl;
import io.temporal.failure.ApplicationFailure;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RdsStandbyActivities} for the sandbox: the real activities against the AWS emulator, plus
 * a database of its own on the sandbox's PostgreSQL ({@link SandboxDatabases}) for a read replica
 * once it is promoted, since the emulator's replica has no data. Registered instead of {@link
 * RdsStandbyActivitiesImpl} when {@code DR_SANDBOX_DATABASES=true} (same activity names).
 *
 * <p>Why at the promotion and not at the creation: an RDS read replica serves its source's data as
 * replicated, and the emulator reports its ReplicaLag as 0 (moto_server_additions.py, 9.: "caught
 * up"). So while it is a replica, {@link SandboxLocator} reads it from its source's database (it
 * has no clone of its own; the target names the service's database), which is exactly a replica
 * with no lag. At the promotion "the read replica becomes a standalone DB instance"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html): from then on
 * it has its own data, a clone of the source's database as of the promotion ({@code CREATE DATABASE
 * rds_<replica> TEMPLATE source}, retried while the source has other sessions). A clone made at the
 * creation would miss every write to the source between creation and promotion while its lag said
 * 0.
 *
 * <p>The promoted instance is deleted as restored ones are, through {@link
 * SandboxRestoreActivities#deleteOwnedInstance}, which drops the clone of the same name.
 */
public final class SandboxStandbyActivities implements RdsStandbyActivities {
  private static final Logger log = LoggerFactory.getLogger(SandboxStandbyActivities.class);

  private final RdsStandbyActivitiesImpl delegate;
  private final SandboxDatabases databases;
  private final Map<String, String> instanceToDatabase;

  /**
   * @param instanceToDatabase the catalog's database.instance to database.name ({@link
   *     SandboxRestoreActivities#instanceToDatabase}): where a catalog primary's data is
   */
  public SandboxStandbyActivities(
      RdsStandbyActivitiesImpl delegate,
      SandboxDatabases databases,
      Map<String, String> instanceToDatabase) {
    this.delegate = delegate;
    this.databases = databases;
    this.instanceToDatabase = Map.copyOf(instanceToDatabase);
  }

  @Override
  public ReplicaState describeReplica(String region, String instanceId) {
    return delegate.describeReplica(region, instanceId);
  }

  @Override
  public InstanceInfo createReplica(ReplicaRequest request) {
    return delegate.createReplica(request);
  }

  /**
   * The real promotion, then the promoted instance's own database. Whatever the outcome (promoting,
   * already promoted, under way): each means the instance is, or is becoming, standalone, and a
   * retry after a lost answer must still find its clone made. An existing clone is kept.
   */
  @Override
  public Promotion promoteReplica(
      String region, String instanceId, String expectedSourceArn, int backupRetentionDays) {
    Promotion promotion =
        delegate.promoteReplica(region, instanceId, expectedSourceArn, backupRetentionDays);
    ownDatabase(instanceId, promotion.formerSource());
    return promotion;
  }

  @Override
  public InstanceInfo pollPromoted(String region, String instanceId, Instant deadline) {
    return delegate.pollPromoted(region, instanceId, deadline);
  }

  @Override
  public ReplicaState pollReplicaAvailable(String region, String instanceId, Instant deadline) {
    return delegate.pollReplicaAvailable(region, instanceId, deadline);
  }

  @Override
  public ReplicaLag replicaLagSeconds(String region, String instanceId, Duration window) {
    return delegate.replicaLagSeconds(region, instanceId, window);
  }

  private void ownDatabase(String instanceId, String formerSource) {
    String sourceInstance = instanceOf(formerSource);
    try {
      String source = sourceDatabase(sourceInstance);
      if (source == null) {
        log.warn(
            "sandbox: no database for RDS instance {} (source of promoted replica {}, not in the"
                + " catalog and without a clone): {} gets none",
            sourceInstance,
            instanceId,
            instanceId);
        return;
      }
      String clone = databases.materialize(instanceId, source, null);
      log.info(
          "sandbox: promoted RDS replica {} is database {} (clone of {} at the promotion)",
          instanceId,
          clone,
          source);
    } catch (SQLException e) {
      throw ApplicationFailure.newFailure(
          "sandbox: making the database of promoted RDS replica "
              + instanceId
              + " failed: "
              + (e.getSQLState() == null ? "" : "SQLSTATE " + e.getSQLState() + ": ")
              + e.getMessage(),
          "SandboxDatabase");
    }
  }

  /** The instance id in a source as RDS names it: an ARN across regions, else the bare id. */
  static String instanceOf(String source) {
    if (source == null) return null;
    int db = source.lastIndexOf(":db:");
    return db < 0 ? source : source.substring(db + ":db:".length());
  }

  /** The source's clone when it has one (a replica of a restored instance), else its catalog's. */
  private String sourceDatabase(String sourceInstance) throws SQLException {
    if (sourceInstance == null) return null;
    String clone = SandboxDatabases.cloneName(sourceInstance);
    if (databases.exists(clone)) return clone;
    return instanceToDatabase.get(sourceInstance);
  }
}
