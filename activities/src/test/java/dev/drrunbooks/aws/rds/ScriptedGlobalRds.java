package dev.drrunbooks.aws.rds;

import dev.drrunbooks.aws.ScriptedSdkClient;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DescribeGlobalClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeGlobalClustersResponse;
import software.amazon.awssdk.services.rds.model.FailoverGlobalClusterRequest;
import software.amazon.awssdk.services.rds.model.FailoverGlobalClusterResponse;
import software.amazon.awssdk.services.rds.model.FailoverState;
import software.amazon.awssdk.services.rds.model.GlobalCluster;
import software.amazon.awssdk.services.rds.model.GlobalClusterMember;
import software.amazon.awssdk.services.rds.model.GlobalClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.InvalidGlobalClusterStateException;
import software.amazon.awssdk.services.rds.model.SwitchoverGlobalClusterRequest;
import software.amazon.awssdk.services.rds.model.SwitchoverGlobalClusterResponse;

/**
 * One Aurora global database as AWS documents what moto does not model
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html):
 * a switchover or failover that takes several describes, FailoverState passing through pending and
 * failing-over while the global cluster is switching-over or failing-over, the writer changing only
 * at the end (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_FailoverState.html);
 * SwitchoverGlobalCluster and FailoverGlobalCluster refused with InvalidGlobalClusterStateFault
 * while an operation is under way or the global cluster is not available
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_SwitchoverGlobalCluster.html,
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_FailoverGlobalCluster.html); and
 * GlobalClusterNotFoundFault for any other identifier. Every describe takes the next look of the
 * script, the last one stays; an accepted change replaces the script with {@link #whenChanged}'s.
 */
final class ScriptedGlobalRds {
  static final String ACCOUNT = "123456789012";

  /**
   * One describe's answer; failoverStatus null is no FailoverState; {@code pendingResync} the
   * member listed with SynchronizationStatus pending-resync (the others connected), {@code removed}
   * one not listed; either null for none.
   */
  record Look(
      String status,
      String writer,
      String failoverStatus,
      String failoverTo,
      Boolean dataLoss,
      String pendingResync,
      String removed) {}

  static Look settled(String writer) {
    return new Look("available", writer, null, null, null, null, null);
  }

  static Look changing(
      String status, String writer, String failoverStatus, String failoverTo, boolean dataLoss) {
    return new Look(status, writer, failoverStatus, failoverTo, dataLoss, null, null);
  }

  /**
   * After a failover allowing data loss: {@code writer} writes, {@code oldPrimary} waits to be
   * rebuilt as a secondary (pending-resync)
   * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html).
   */
  static Look resyncing(String writer, String oldPrimary) {
    return new Look("available", writer, null, null, null, oldPrimary, null);
  }

  /** {@code writer} writes, {@code removed} was removed from the global cluster. */
  static Look without(String writer, String removed) {
    return new Look("available", writer, null, null, null, null, removed);
  }

  static String clusterArn(String region, String id) {
    return "arn:aws:rds:" + region + ":" + ACCOUNT + ":cluster:" + id;
  }

  private final String id;
  private final List<String> members;
  private Deque<Look> script = new ArrayDeque<>();
  private Deque<Look> afterChange = new ArrayDeque<>();
  final List<Object> changes = new CopyOnWriteArrayList<>();
  final AtomicInteger describes = new AtomicInteger();

  /** The next accepted change takes effect but its answer is lost (a connection reset). */
  volatile boolean loseChangeAnswer;

  ScriptedGlobalRds(String id, String... memberArns) {
    this.id = id;
    this.members = List.of(memberArns);
  }

  synchronized ScriptedGlobalRds looks(Look... looks) {
    script = new ArrayDeque<>(List.of(looks));
    return this;
  }

  /** What describes show once RDS has accepted a switchover or failover. */
  synchronized ScriptedGlobalRds whenChanged(Look... looks) {
    afterChange = new ArrayDeque<>(List.of(looks));
    return this;
  }

  RdsClient client(String region) {
    return ScriptedSdkClient.of(
        RdsClient.class,
        "rds",
        (proxy, method, args) -> {
          Object request = args == null || args.length == 0 ? null : args[0];
          if (request instanceof DescribeGlobalClustersRequest r) return describe(r);
          if (request instanceof SwitchoverGlobalClusterRequest r)
            return SwitchoverGlobalClusterResponse.builder()
                .globalCluster(change(r, r.globalClusterIdentifier()))
                .build();
          if (request instanceof FailoverGlobalClusterRequest r)
            return FailoverGlobalClusterResponse.builder()
                .globalCluster(change(r, r.globalClusterIdentifier()))
                .build();
          return ScriptedSdkClient.NOT_SCRIPTED;
        });
  }

  private GlobalCluster cluster(Look look) {
    GlobalCluster.Builder b =
        GlobalCluster.builder()
            .globalClusterIdentifier(id)
            .status(look.status())
            .globalClusterMembers(
                members.stream()
                    .filter(arn -> !arn.equals(look.removed()))
                    .map(
                        arn ->
                            GlobalClusterMember.builder()
                                .dbClusterArn(arn)
                                .isWriter(arn.equals(look.writer()))
                                .synchronizationStatus(
                                    arn.equals(look.pendingResync())
                                        ? "pending-resync"
                                        : "connected")
                                .build())
                    .toList());
    if (look.failoverStatus() != null)
      b.failoverState(
          FailoverState.builder()
              .status(look.failoverStatus())
              .fromDbClusterArn(look.writer())
              .toDbClusterArn(look.failoverTo())
              .isDataLossAllowed(look.dataLoss())
              .build());
    return b.build();
  }

  private synchronized Look current(boolean advance) {
    Look look = script.peek();
    if (advance && script.size() > 1) script.poll();
    return look;
  }

  private DescribeGlobalClustersResponse describe(DescribeGlobalClustersRequest r) {
    describes.incrementAndGet();
    if (!id.equalsIgnoreCase(r.globalClusterIdentifier()))
      throw GlobalClusterNotFoundException.builder()
          .message("Global cluster " + r.globalClusterIdentifier() + " not found")
          .build();
    return DescribeGlobalClustersResponse.builder().globalClusters(cluster(current(true))).build();
  }

  private synchronized GlobalCluster change(Object request, String globalClusterId) {
    changes.add(request);
    if (!id.equalsIgnoreCase(globalClusterId))
      throw GlobalClusterNotFoundException.builder().message("not found").build();
    Look now = current(false);
    if (now.failoverStatus() != null || !"available".equals(now.status()))
      throw InvalidGlobalClusterStateException.builder()
          .statusCode(400)
          .awsErrorDetails(
              AwsErrorDetails.builder()
                  .errorCode("InvalidGlobalClusterStateFault")
                  .errorMessage("Global cluster " + id + " is in " + now.status() + " state")
                  .build())
          .build();
    script = new ArrayDeque<>(afterChange);
    if (loseChangeAnswer) {
      loseChangeAnswer = false;
      throw SdkClientException.create("connection reset (the change was accepted)");
    }
    return cluster(script.peek());
  }
}
