package dev.drrunbooks.aws.rds;

import dev.drrunbooks.aws.ScriptedSdkClient;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceResponse;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceReadReplicaRequest;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceReadReplicaResponse;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBInstanceStatusInfo;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.Endpoint;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceStateException;
import software.amazon.awssdk.services.rds.model.PromoteReadReplicaRequest;
import software.amazon.awssdk.services.rds.model.PromoteReadReplicaResponse;

/**
 * RDS read replicas as AWS documents them, for what moto does not model: a promotion that takes
 * several describes (modifying, backing-up, rebooting) and names no source only at its end
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html), the
 * replication state in StatusInfos
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstanceStatusInfo.html), and
 * PromoteReadReplica refusing (InvalidDBInstanceState) an instance that is not an available read
 * replica (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_PromoteReadReplica.html).
 * Each instance has a script of looks: every describe takes the next, the last one stays.
 */
final class ScriptedStandbyRds {
  static final String ACCOUNT = "123456789012";

  /** One describe's answer. */
  record Look(String status, String source, List<DBInstanceStatusInfo> statusInfos) {
    Look(String status, String source) {
      this(status, source, List.of());
    }
  }

  static Look look(String status, String source) {
    return new Look(status, source);
  }

  static String arn(String region, String id) {
    return "arn:aws:rds:" + region + ":" + ACCOUNT + ":db:" + id;
  }

  private final Map<String, Deque<Look>> scripts = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();
  private final Map<String, Boolean> encrypted = new ConcurrentHashMap<>();
  private final Map<String, Deque<Look>> afterPromote = new ConcurrentHashMap<>();
  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<CreateDbInstanceReadReplicaRequest> creates = new CopyOnWriteArrayList<>();
  final AtomicInteger describes = new AtomicInteger();

  /** The next PromoteReadReplica takes effect but its answer is lost (a connection reset). */
  volatile boolean losePromoteResponse;

  /** An instance in {@code region} with these looks, one a describe, and these tags. */
  ScriptedStandbyRds instance(String region, String id, Map<String, String> tagsOf, Look... looks) {
    scripts.put(key(region, id), new ArrayDeque<>(List.of(looks)));
    tags.put(key(region, id), new LinkedHashMap<>(tagsOf));
    return this;
  }

  ScriptedStandbyRds encrypted(String region, String id) {
    encrypted.put(key(region, id), true);
    return this;
  }

  /** What describes show once RDS has accepted a PromoteReadReplica of the instance. */
  ScriptedStandbyRds whenPromoted(String region, String id, Look... looks) {
    afterPromote.put(key(region, id), new ArrayDeque<>(List.of(looks)));
    return this;
  }

  Map<String, String> tagsOf(String region, String id) {
    return Map.copyOf(tags.get(key(region, id)));
  }

  /** The client of {@code region}. */
  RdsClient client(String region) {
    return ScriptedSdkClient.of(
        RdsClient.class,
        "rds",
        (proxy, method, args) -> {
          Object request = args == null || args.length == 0 ? null : args[0];
          if (request instanceof DescribeDbInstancesRequest r) return describe(region, r);
          if (request instanceof CreateDbInstanceReadReplicaRequest r) return create(region, r);
          if (request instanceof PromoteReadReplicaRequest r) return promote(region, r);
          if (request instanceof AddTagsToResourceRequest r) return addTags(region, r);
          return ScriptedSdkClient.NOT_SCRIPTED;
        });
  }

  private static String key(String region, String id) {
    return region + "/" + id;
  }

  private synchronized Look current(String region, String id, boolean advance) {
    Deque<Look> script = scripts.get(key(region, id));
    if (script == null) return null;
    Look look = script.peek();
    if (advance && script.size() > 1) script.poll();
    return look;
  }

  private DBInstance dbInstance(String region, String id, Look look) {
    return DBInstance.builder()
        .dbInstanceIdentifier(id)
        .dbInstanceArn(arn(region, id))
        .dbInstanceStatus(look.status())
        .readReplicaSourceDBInstanceIdentifier(look.source())
        .statusInfos(look.statusInfos())
        .storageEncrypted(encrypted.getOrDefault(key(region, id), false))
        .dbInstanceClass("db.r6g.large")
        .endpoint(Endpoint.builder().address(id + "." + region + ".example").port(5432).build())
        .tagList(RdsTags.toTags(tags.get(key(region, id))))
        .build();
  }

  private DescribeDbInstancesResponse describe(String region, DescribeDbInstancesRequest r) {
    describes.incrementAndGet();
    calls.add("describe " + r.dbInstanceIdentifier());
    Look look = current(region, r.dbInstanceIdentifier(), true);
    if (look == null) throw DbInstanceNotFoundException.builder().message("not found").build();
    return DescribeDbInstancesResponse.builder()
        .dbInstances(dbInstance(region, r.dbInstanceIdentifier(), look))
        .build();
  }

  private CreateDbInstanceReadReplicaResponse create(
      String region, CreateDbInstanceReadReplicaRequest r) {
    calls.add("create " + r.dbInstanceIdentifier());
    creates.add(r);
    instance(
        region,
        r.dbInstanceIdentifier(),
        RdsTags.toMap(r.tags()),
        look("creating", r.sourceDBInstanceIdentifier()));
    return CreateDbInstanceReadReplicaResponse.builder()
        .dbInstance(
            dbInstance(
                region, r.dbInstanceIdentifier(), look("creating", r.sourceDBInstanceIdentifier())))
        .build();
  }

  private synchronized PromoteReadReplicaResponse promote(
      String region, PromoteReadReplicaRequest r) {
    calls.add("promote " + r.dbInstanceIdentifier() + " retention " + r.backupRetentionPeriod());
    String id = r.dbInstanceIdentifier();
    Look now = current(region, id, false);
    if (now == null) throw DbInstanceNotFoundException.builder().message("not found").build();
    if (now.source() == null || !"available".equals(now.status()))
      throw InvalidDbInstanceStateException.builder()
          .message(
              now.source() == null
                  ? "DB Instance is not a read replica."
                  : "Instance " + id + " is not in available state.")
          .build();
    Deque<Look> then = afterPromote.getOrDefault(key(region, id), new ArrayDeque<>());
    scripts.put(key(region, id), new ArrayDeque<>(then));
    if (losePromoteResponse) {
      losePromoteResponse = false;
      throw SdkClientException.create("connection reset (the promotion was accepted)");
    }
    Look answered = then.isEmpty() ? now : then.peek();
    return PromoteReadReplicaResponse.builder()
        .dbInstance(dbInstance(region, id, answered))
        .build();
  }

  private AddTagsToResourceResponse addTags(String region, AddTagsToResourceRequest r) {
    String id = r.resourceName().substring(r.resourceName().lastIndexOf(':') + 1);
    calls.add("tag " + id + " " + RdsTags.toMap(r.tags()));
    tags.get(key(region, id)).putAll(RdsTags.toMap(r.tags()));
    return AddTagsToResourceResponse.builder().build();
  }
}
