package dev.drrunbooks.aws.rds;

import static dev.drrunbooks.aws.rds.RdsSupport.require;

import dev.drrunbooks.activities.rds.AuroraClusterState;
import dev.drrunbooks.activities.rds.AuroraGlobalSecondaryActivities;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.SecondaryClusterRequest;
import dev.drrunbooks.activities.rds.SecondaryReaderRequest;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.AwsFailures;
import dev.drrunbooks.aws.StatusPoller;
import dev.drrunbooks.model.Ownership;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.CreateDbClusterRequest;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterMember;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbClusterAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbClusterQuotaExceededException;
import software.amazon.awssdk.services.rds.model.DbInstanceAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.GlobalCluster;
import software.amazon.awssdk.services.rds.model.GlobalClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.InstanceQuotaExceededException;
import software.amazon.awssdk.services.rds.model.StorageQuotaExceededException;

/**
 * Adds an Aurora global database's missing secondary cluster and its reader (issue 17): each create
 * described first and idempotent by name, tagged with the run and kept as the standby; the wait
 * until the cluster is available, one describe per activity attempt.
 */
public class AuroraGlobalSecondaryActivitiesImpl implements AuroraGlobalSecondaryActivities {
  private static final Logger log =
      LoggerFactory.getLogger(AuroraGlobalSecondaryActivitiesImpl.class);

  /** A cluster or instance of this run's under the name, but not where the run asked for it. */
  static final String CONFLICT = "ClusterConflict";

  /** The primary cluster lists no writer instance: there is no class to give the reader. */
  static final String NO_WRITER = "AuroraWriterNotFound";

  /**
   * DBCluster Status values a cluster never becomes available from by waiting
   * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/accessing-monitoring.html#Aurora.Status).
   */
  static final Set<String> CLUSTER_FAILED_STATES =
      Set.of(
          "deleting",
          "failed",
          "cloning-failed",
          "migration-failed",
          "inaccessible-encryption-credentials",
          "incompatible-network",
          "incompatible-parameters",
          "incompatible-restore");

  private final AuroraClusters clusters;
  private final RdsSupport instances;
  private final StatusPoller poller;
  private final Clock clock;

  public AuroraGlobalSecondaryActivitiesImpl(AwsClients aws) {
    this(aws::rds, Polling.DEFAULT, Clock.systemUTC());
  }

  /**
   * @param rds the RDS client of a region (tests pass a scripted one)
   * @param polling the backoff between the availability wait's polls
   */
  public AuroraGlobalSecondaryActivitiesImpl(
      Function<String, RdsClient> rds, Polling polling, Clock clock) {
    this.clusters = new AuroraClusters(rds);
    this.instances = new RdsSupport(rds);
    this.poller = new StatusPoller(polling, clock);
    this.clock = clock;
  }

  @Override
  public AuroraClusterState describeCluster(String region, String clusterId) {
    require(region, "region");
    require(clusterId, "clusterId");
    return clusters
        .find(region, clusterId)
        .map(c -> clusters.state(region, c))
        .orElseGet(() -> AuroraClusterState.notFound(region, clusterId));
  }

  @Override
  public AuroraClusterState createSecondaryCluster(SecondaryClusterRequest req) {
    require(req, "request");
    require(req.region(), "region");
    require(req.clusterId(), "clusterId");
    require(req.globalClusterId(), "globalClusterId");
    require(req.owner(), "owner");
    RdsRestoreActivitiesImpl.requireKnownRegion("region", req.region());
    if (isBlank(req.subnetGroup()))
      throw RdsSupport.invalidInput(
          "subnetGroup is required: a secondary cluster created without a DB subnet group in "
              + req.region()
              + " is placed outside the application's VPC");
    String region = req.region();
    GlobalCluster global = global(region, req.globalClusterId());
    boolean encrypted = Boolean.TRUE.equals(global.storageEncrypted());
    if (encrypted && isBlank(req.kmsKeyId()))
      throw RdsSupport.invalidInput(
          "kmsKeyId is required: Aurora global cluster '"
              + req.globalClusterId()
              + "' is encrypted, and its secondary in "
              + region
              + " needs a KMS key of that region (a key belongs to one region)");

    Optional<DBCluster> existing = clusters.find(region, req.clusterId());
    if (existing.isPresent()) return adoptCluster(region, existing.get(), req, global);

    Map<String, String> tags =
        RdsTags.owned(req.owner(), Ownership.KEPT_TAG, Ownership.KEPT_STANDBY);
    // No MasterUsername or password: a secondary cluster takes the primary's through replication.
    CreateDbClusterRequest.Builder call =
        CreateDbClusterRequest.builder()
            .dbClusterIdentifier(req.clusterId())
            .globalClusterIdentifier(req.globalClusterId())
            .engine(global.engine())
            .engineVersion(global.engineVersion())
            .dbSubnetGroupName(req.subnetGroup())
            .tags(RdsTags.toTags(tags));
    if (!req.securityGroupIds().isEmpty()) call.vpcSecurityGroupIds(req.securityGroupIds());
    // A secondary of an encrypted global cluster is encrypted with a key of its own region
    // (KmsKeyId in
    // https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html);
    // the catalog's key is not sent for an unencrypted one.
    if (encrypted) call.storageEncrypted(true).kmsKeyId(req.kmsKeyId());
    String attempted =
        "create-db-cluster "
            + req.clusterId()
            + " --global-cluster-identifier "
            + req.globalClusterId()
            + " in "
            + region;
    try {
      DBCluster created = clusters.client(region).createDBCluster(call.build()).dbCluster();
      log.info(
          "{}: {} (engine {} {}, subnet group {}, encrypted {})",
          attempted,
          created.status(),
          global.engine(),
          global.engineVersion(),
          req.subnetGroup(),
          encrypted);
      return AuroraClusters.state(
          region,
          created,
          created.hasTagList() && !created.tagList().isEmpty()
              ? RdsTags.toMap(created.tagList())
              : tags);
    } catch (DbClusterAlreadyExistsException e) {
      return adoptCluster(
          region,
          clusters
              .find(region, req.clusterId())
              .orElseThrow(() -> AwsFailures.translate(e, attempted)),
          req,
          global);
    } catch (DbClusterQuotaExceededException | StorageQuotaExceededException e) {
      throw RdsRestoreActivitiesImpl.quota(e, "secondary cluster " + req.clusterId());
    } catch (SdkException e) {
      throw AwsFailures.translate(e, attempted);
    }
  }

  private GlobalCluster global(String region, String globalClusterId) {
    try {
      return clusters
          .client(region)
          .describeGlobalClusters(r -> r.globalClusterIdentifier(globalClusterId))
          .globalClusters()
          .stream()
          // moto 5.2.5 without addition 11 lists every global cluster whatever was asked
          .filter(g -> globalClusterId.equalsIgnoreCase(g.globalClusterIdentifier()))
          .findFirst()
          .orElseThrow(() -> GlobalClusters.notFound(region, globalClusterId));
    } catch (GlobalClusterNotFoundException e) {
      throw GlobalClusters.notFound(region, globalClusterId);
    } catch (SdkException e) {
      throw AwsFailures.translate(
          e, "describe-global-clusters " + globalClusterId + " in " + region);
    }
  }

  /**
   * A cluster already under the name: this run's secondary of the same global cluster, or refused.
   */
  private AuroraClusterState adoptCluster(
      String region, DBCluster c, SecondaryClusterRequest req, GlobalCluster global) {
    AuroraClusterState found = clusters.state(region, c);
    if (!req.owner().owns(found.tags()))
      throw RdsSupport.existsNotOwned(
          "RDS cluster", found.clusterId(), region, found.tags(), req.owner());
    boolean member =
        req.globalClusterId().equalsIgnoreCase(found.globalClusterId())
            || (global.hasGlobalClusterMembers()
                && global.globalClusterMembers().stream()
                    .anyMatch(m -> found.arn().equals(m.dbClusterArn())));
    if (!member)
      throw ApplicationFailure.newNonRetryableFailure(
          "RDS cluster '"
              + found.clusterId()
              + "' in "
              + region
              + " already exists, created by this run, but is not in Aurora global cluster '"
              + req.globalClusterId()
              + "' ("
              + found.describe()
              + "; tags "
              + RdsTags.describe(found.tags())
              + "): the run asked for two different clusters under one name",
          CONFLICT);
    log.info(
        "secondary cluster {} in {} of {} already exists and belongs to this run ({}): returning"
            + " it",
        found.clusterId(),
        region,
        req.globalClusterId(),
        found.status());
    return found;
  }

  @Override
  public AuroraClusterState pollClusterAvailable(
      String region, String clusterId, java.time.Instant deadline) {
    require(region, "region");
    require(clusterId, "clusterId");
    Optional<DBCluster> seen =
        poller.pollOnce(
            "Aurora cluster '" + clusterId + "' in " + region,
            () -> clusters.find(region, clusterId),
            c -> c.map(DBCluster::status).orElse("not listed yet"),
            "available",
            CLUSTER_FAILED_STATES,
            "RdsBadState",
            deadline,
            poller.backoff());
    return clusters.state(region, seen.orElseThrow());
  }

  @Override
  public InstanceInfo createReader(SecondaryReaderRequest req) {
    require(req, "request");
    require(req.region(), "region");
    require(req.instanceId(), "instanceId");
    require(req.clusterId(), "clusterId");
    require(req.primaryRegion(), "primaryRegion");
    require(req.primaryClusterId(), "primaryClusterId");
    require(req.owner(), "owner");
    String region = req.region();
    Optional<DBInstance> existing = instances.findInstance(region, req.instanceId());
    if (existing.isPresent()) return adoptReader(region, existing.get(), req);

    DBCluster secondary =
        clusters
            .find(region, req.clusterId())
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "RDS cluster '" + req.clusterId() + "' not found in " + region,
                        "RdsClusterNotFound"));
    String instanceClass = writerClass(req.primaryRegion(), req.primaryClusterId());
    Map<String, String> tags =
        RdsTags.owned(req.owner(), Ownership.KEPT_TAG, Ownership.KEPT_STANDBY);
    String attempted =
        "create-db-instance "
            + req.instanceId()
            + " --db-cluster-identifier "
            + req.clusterId()
            + " in "
            + region;
    try {
      DBInstance created =
          instances
              .client(region)
              .createDBInstance(
                  r ->
                      r.dbInstanceIdentifier(req.instanceId())
                          .dbClusterIdentifier(req.clusterId())
                          .engine(secondary.engine())
                          .dbInstanceClass(instanceClass)
                          .tags(RdsTags.toTags(tags)))
              .dbInstance();
      log.info("{}: {} (class {})", attempted, created.dbInstanceStatus(), instanceClass);
      return RdsRestoreActivitiesImpl.toInfo(
              region,
              created,
              created.hasTagList() && !created.tagList().isEmpty()
                  ? RdsTags.toMap(created.tagList())
                  : tags)
          .answeredAt(clock.instant());
    } catch (DbInstanceAlreadyExistsException e) {
      return adoptReader(region, instances.instance(region, req.instanceId()), req);
    } catch (InstanceQuotaExceededException | StorageQuotaExceededException e) {
      throw RdsRestoreActivitiesImpl.quota(e, "reader " + req.instanceId() + " in " + region);
    } catch (SdkException e) {
      throw AwsFailures.translate(e, attempted);
    }
  }

  @Override
  public InstanceInfo pollReaderAvailable(
      String region, String instanceId, java.time.Instant deadline) {
    require(region, "region");
    require(instanceId, "instanceId");
    Optional<DBInstance> seen =
        poller.pollOnce(
            "reader '" + instanceId + "' in " + region,
            () -> instances.findInstance(region, instanceId),
            i -> i.map(DBInstance::dbInstanceStatus).orElse("not listed yet"),
            "available",
            RdsRestoreActivitiesImpl.FAILED_STATES,
            "RdsBadState",
            deadline,
            poller.backoff());
    DBInstance reader = seen.orElseThrow();
    return RdsRestoreActivitiesImpl.toInfo(
            region, reader, reader.hasTagList() ? RdsTags.toMap(reader.tagList()) : Map.of())
        .answeredAt(clock.instant());
  }

  /** The DBInstanceClass of the primary cluster's writer instance (IsClusterWriter). */
  private String writerClass(String region, String clusterId) {
    DBCluster primary =
        clusters
            .find(region, clusterId)
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "primary RDS cluster '" + clusterId + "' not found in " + region,
                        "RdsClusterNotFound"));
    String writer =
        primary.hasDbClusterMembers()
            ? primary.dbClusterMembers().stream()
                .filter(m -> Boolean.TRUE.equals(m.isClusterWriter()))
                .map(DBClusterMember::dbInstanceIdentifier)
                .findFirst()
                .orElse(null)
            : null;
    if (writer == null)
      throw ApplicationFailure.newNonRetryableFailure(
          "primary RDS cluster '"
              + clusterId
              + "' in "
              + region
              + " lists no writer instance (DBClusterMembers "
              + (primary.hasDbClusterMembers() ? primary.dbClusterMembers().size() : 0)
              + "): the secondary's reader takes the writer's class, and there is none to read",
          NO_WRITER);
    return instances.instance(region, writer).dbInstanceClass();
  }

  /** An instance already under the name: this run's reader in the same cluster, or refused. */
  private InstanceInfo adoptReader(String region, DBInstance db, SecondaryReaderRequest req) {
    Map<String, String> tags = instances.tags(region, db);
    String id = db.dbInstanceIdentifier();
    if (!req.owner().owns(tags))
      throw RdsSupport.existsNotOwned("RDS instance", id, region, tags, req.owner());
    if (!req.clusterId().equalsIgnoreCase(db.dbClusterIdentifier()))
      throw ApplicationFailure.newNonRetryableFailure(
          "RDS instance '"
              + id
              + "' in "
              + region
              + " already exists, created by this run, but in "
              + (db.dbClusterIdentifier() == null
                  ? "no cluster"
                  : "cluster " + db.dbClusterIdentifier())
              + ", not "
              + req.clusterId()
              + " (its tags are "
              + RdsTags.describe(tags)
              + ")",
          CONFLICT);
    log.info(
        "reader {} in {} of cluster {} already exists and belongs to this run ({}): returning it",
        id,
        region,
        req.clusterId(),
        db.dbInstanceStatus());
    return RdsRestoreActivitiesImpl.toInfo(region, db, tags);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
