package dev.drrunbooks.aws.rds;

import dev.drrunbooks.aws.ScriptedSdkClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.CreateDbClusterRequest;
import software.amazon.awssdk.services.rds.model.CreateDbClusterResponse;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceResponse;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterMember;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.DescribeGlobalClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeGlobalClustersResponse;
import software.amazon.awssdk.services.rds.model.GlobalCluster;
import software.amazon.awssdk.services.rds.model.GlobalClusterMember;
import software.amazon.awssdk.services.rds.model.GlobalClusterNotFoundException;

/**
 * An Aurora global database that a secondary region is added to, as AWS documents it
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-attaching.html):
 * DescribeGlobalClusters gives the engine, version and StorageEncrypted; CreateDBCluster with
 * GlobalClusterIdentifier makes a cluster (and CreateDBInstance an instance) "creating" for {@link
 * #describesUntilAvailable} describes, listed as a reader member of the global cluster;
 * CreateDBInstance adds an instance to a cluster; DescribeDBClusters and DescribeDBInstances answer
 * NotFound faults for unknown names. A primary cluster with a writer instance of {@link
 * #WRITER_CLASS} is there from the start. Every call is recorded; a create's answer can be lost
 * after it took effect.
 */
final class ScriptedSecondaryRds {
  static final String ACCOUNT = "123456789012";
  static final String WRITER_CLASS = "db.r6g.2xlarge";

  private final String globalId;
  private final boolean encrypted;
  private final Map<String, DBCluster> clusters = new ConcurrentHashMap<>();
  private final Map<String, Integer> describesLeft = new ConcurrentHashMap<>();
  private final Map<String, DBInstance> instances = new ConcurrentHashMap<>();
  private final List<String> members = new CopyOnWriteArrayList<>();
  final List<Object> creates = new CopyOnWriteArrayList<>();
  final List<String> calls = new CopyOnWriteArrayList<>();

  /** How many describes a new cluster stays "creating". */
  volatile int describesUntilAvailable = 2;

  /** The next create takes effect but its answer is lost (a connection reset). */
  volatile boolean loseCreateAnswer;

  /** A status the new cluster goes to instead of available (e.g. inaccessible-encryption-...). */
  volatile String failsAs;

  ScriptedSecondaryRds(String globalId, boolean encrypted, String primaryRegion, String primary) {
    this.globalId = globalId;
    this.encrypted = encrypted;
    String writer = primary + "-writer";
    instances.put(
        key(primaryRegion, writer),
        DBInstance.builder()
            .dbInstanceIdentifier(writer)
            .dbClusterIdentifier(primary)
            .dbInstanceClass(WRITER_CLASS)
            .dbInstanceStatus("available")
            .tagList(List.of())
            .build());
    // a reader first: the writer is the member flagged IsClusterWriter, not the first listed
    instances.put(
        key(primaryRegion, primary + "-reader"),
        DBInstance.builder()
            .dbInstanceIdentifier(primary + "-reader")
            .dbClusterIdentifier(primary)
            .dbInstanceClass("db.r6g.large")
            .dbInstanceStatus("available")
            .tagList(List.of())
            .build());
    cluster(
        primaryRegion,
        primary,
        "available",
        Map.of(),
        List.of(
            DBClusterMember.builder()
                .dbInstanceIdentifier(primary + "-reader")
                .isClusterWriter(false)
                .build(),
            DBClusterMember.builder().dbInstanceIdentifier(writer).isClusterWriter(true).build()));
    members.add(clusterArn(primaryRegion, primary));
  }

  static String clusterArn(String region, String id) {
    return "arn:aws:rds:" + region + ":" + ACCOUNT + ":cluster:" + id;
  }

  /** A cluster that is there already (someone's, or a run's), in no global cluster. */
  ScriptedSecondaryRds cluster(
      String region, String id, String status, Map<String, String> tags, List<DBClusterMember> m) {
    clusters.put(
        key(region, id),
        DBCluster.builder()
            .dbClusterIdentifier(id)
            .dbClusterArn(clusterArn(region, id))
            .status(status)
            .engine("aurora-postgresql")
            .dbClusterMembers(m)
            .tagList(RdsTags.toTags(tags))
            .build());
    return this;
  }

  /** An instance that is there already. */
  ScriptedSecondaryRds instance(String region, String id, String clusterId, Map<String, String> t) {
    instances.put(
        key(region, id),
        DBInstance.builder()
            .dbInstanceIdentifier(id)
            .dbClusterIdentifier(clusterId)
            .dbInstanceStatus("creating")
            .tagList(RdsTags.toTags(t))
            .build());
    return this;
  }

  RdsClient client(String region) {
    return ScriptedSdkClient.of(
        RdsClient.class,
        "rds",
        (proxy, method, args) -> {
          Object request = args == null || args.length == 0 ? null : args[0];
          if (request instanceof DescribeGlobalClustersRequest r) return global(r);
          if (request instanceof DescribeDbClustersRequest r) return describe(region, r);
          if (request instanceof DescribeDbInstancesRequest r) return describe(region, r);
          if (request instanceof CreateDbClusterRequest r) return create(region, r);
          if (request instanceof CreateDbInstanceRequest r) return create(region, r);
          return ScriptedSdkClient.NOT_SCRIPTED;
        });
  }

  private DescribeGlobalClustersResponse global(DescribeGlobalClustersRequest r) {
    calls.add("DescribeGlobalClusters " + r.globalClusterIdentifier());
    if (!globalId.equals(r.globalClusterIdentifier()))
      throw GlobalClusterNotFoundException.builder().message("not found").build();
    return DescribeGlobalClustersResponse.builder()
        .globalClusters(
            GlobalCluster.builder()
                .globalClusterIdentifier(globalId)
                .engine("aurora-postgresql")
                .engineVersion("15.4")
                .storageEncrypted(encrypted)
                .status("available")
                .globalClusterMembers(
                    members.stream()
                        .map(
                            arn ->
                                GlobalClusterMember.builder()
                                    .dbClusterArn(arn)
                                    .isWriter(arn.equals(members.get(0)))
                                    .build())
                        .toList())
                .build())
        .build();
  }

  private synchronized DescribeDbClustersResponse describe(
      String region, DescribeDbClustersRequest r) {
    String k = key(region, r.dbClusterIdentifier());
    calls.add("DescribeDBClusters " + k);
    DBCluster c = clusters.get(k);
    if (c == null)
      throw DbClusterNotFoundException.builder()
          .message("DBCluster " + r.dbClusterIdentifier() + " not found")
          .build();
    Integer left = describesLeft.get(k);
    if (left != null) {
      if (left <= 0) {
        c = c.toBuilder().status(failsAs == null ? "available" : failsAs).build();
        clusters.put(k, c);
        describesLeft.remove(k);
      } else describesLeft.put(k, left - 1);
    }
    List<DBClusterMember> m = new ArrayList<>(c.dbClusterMembers());
    instances.entrySet().stream()
        .filter(e -> e.getKey().startsWith(region + "/"))
        .map(Map.Entry::getValue)
        .filter(i -> r.dbClusterIdentifier().equals(i.dbClusterIdentifier()))
        .filter(
            i ->
                m.stream()
                    .noneMatch(x -> x.dbInstanceIdentifier().equals(i.dbInstanceIdentifier())))
        .forEach(
            i ->
                m.add(
                    DBClusterMember.builder()
                        .dbInstanceIdentifier(i.dbInstanceIdentifier())
                        .isClusterWriter(false)
                        .build()));
    return DescribeDbClustersResponse.builder()
        .dbClusters(c.toBuilder().dbClusterMembers(m).build())
        .build();
  }

  private DescribeDbInstancesResponse describe(String region, DescribeDbInstancesRequest r) {
    String k = key(region, r.dbInstanceIdentifier());
    calls.add("DescribeDBInstances " + k);
    DBInstance db = instances.get(k);
    if (db == null)
      throw DbInstanceNotFoundException.builder()
          .message("DBInstance " + r.dbInstanceIdentifier() + " not found")
          .build();
    Integer left = describesLeft.get(k);
    if (left != null) {
      if (left <= 0) {
        db = db.toBuilder().dbInstanceStatus(failsAs == null ? "available" : failsAs).build();
        instances.put(k, db);
        describesLeft.remove(k);
      } else describesLeft.put(k, left - 1);
    }
    return DescribeDbInstancesResponse.builder().dbInstances(db).build();
  }

  private synchronized CreateDbClusterResponse create(String region, CreateDbClusterRequest r) {
    calls.add("CreateDBCluster " + key(region, r.dbClusterIdentifier()));
    creates.add(r);
    String k = key(region, r.dbClusterIdentifier());
    Map<String, String> tags = new LinkedHashMap<>(RdsTags.toMap(r.tags()));
    DBCluster c =
        DBCluster.builder()
            .dbClusterIdentifier(r.dbClusterIdentifier())
            .dbClusterArn(clusterArn(region, r.dbClusterIdentifier()))
            .status("creating")
            .engine(r.engine())
            .engineVersion(r.engineVersion())
            .globalClusterIdentifier(r.globalClusterIdentifier())
            .dbClusterMembers(List.of())
            .tagList(RdsTags.toTags(tags))
            .build();
    clusters.put(k, c);
    describesLeft.put(k, describesUntilAvailable);
    if (globalId.equals(r.globalClusterIdentifier())) members.add(c.dbClusterArn());
    if (loseCreateAnswer) {
      loseCreateAnswer = false;
      throw SdkClientException.create("connection reset (the cluster was created)");
    }
    return CreateDbClusterResponse.builder().dbCluster(c).build();
  }

  private synchronized CreateDbInstanceResponse create(String region, CreateDbInstanceRequest r) {
    calls.add("CreateDBInstance " + key(region, r.dbInstanceIdentifier()));
    creates.add(r);
    DBInstance db =
        DBInstance.builder()
            .dbInstanceIdentifier(r.dbInstanceIdentifier())
            .dbClusterIdentifier(r.dbClusterIdentifier())
            .dbInstanceClass(r.dbInstanceClass())
            .engine(r.engine())
            .dbInstanceStatus("creating")
            .tagList(r.tags())
            .build();
    instances.put(key(region, r.dbInstanceIdentifier()), db);
    describesLeft.put(key(region, r.dbInstanceIdentifier()), describesUntilAvailable);
    if (loseCreateAnswer) {
      loseCreateAnswer = false;
      throw SdkClientException.create("connection reset (the instance was created)");
    }
    return CreateDbInstanceResponse.builder().dbInstance(db).build();
  }

  private static String key(String region, String id) {
    return region + "/" + id;
  }
}
