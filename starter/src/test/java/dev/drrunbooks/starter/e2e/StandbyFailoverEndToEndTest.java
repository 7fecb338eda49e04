package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.ledger.LedgerReceipt;
import dev.drrunbooks.activities.sql.QueryOutcome;
import dev.drrunbooks.sandbox.SandboxDatabases;
import dev.drrunbooks.standby.StandbyFailoverOutcome;
import dev.drrunbooks.standby.StandbyFailoverResult;
import dev.drrunbooks.standby.StandbyFailoverWorkflow;
import dev.drrunbooks.standby.StandbyFailoverWorkflowImpl;
import dev.drrunbooks.starter.DrCli;
import dev.drrunbooks.starter.ExitCodes;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Issue 17's warm-standby failover end to end on the sandbox: Payments' cross-region read replica
 * is created, {@code dr standby-failover --service payments --no-wait} starts the run, two of
 * sre-oncall approve its promote-standby gate with {@code dr approve} (as {@code
 * DR_OPERATOR=sre-alice} and {@code sre-bob}: a {@code dr} process each, since the operator's
 * identity comes from the environment), and the run promotes the replica, moves the CNAME
 * payments-db.mycomputer.internal to it and runs Payments' integrity check on its data.
 *
 * <p>What the sandbox models for it (deploy/local/moto_server_additions.py, 9.; sandbox/README.md):
 * the replica's ReplicaLag is 0 a minute ("caught up"), the replica is placed in the DR region's
 * subnet group, and the promoted replica gets its own PostgreSQL database, a clone of {@code
 * payments} at the promotion, on which the check runs.
 *
 * <p>Puts the world back, whatever happened: the run ended, the replica (promoted or not) deleted
 * and its database dropped, the CNAME at the primary's endpoint with TTL 60, as seeded. No other
 * starter test uses the replica or the CNAME; Payments' primary and its database {@code payments}
 * are read here and by concurrent fleet validations, which clone {@code payments} too (a clone of a
 * busy template is retried, SandboxDatabases). Under {@link SandboxLocks#PAYMENTS_STANDBY}.
 */
@ResourceLock(SandboxLocks.PAYMENTS_STANDBY)
class StandbyFailoverEndToEndTest {
  private static final String PRIMARY_REGION = "eu-west-1";
  private static final String DR_REGION = "eu-central-1";
  private static final String PRIMARY = "mycomputer-payments-db";
  private static final String REPLICA = "mycomputer-payments-db-replica";
  private static final String POINTER = "payments-db.mycomputer.internal";
  private static final String ZONE = "mycomputer.internal";
  private static final long POINTER_TTL = 60;
  private static SandboxWorker worker;
  private static SandboxDatabases databases;

  @BeforeAll
  static void start() {
    worker = new SandboxWorker();
    databases = SandboxDatabases.fromEnvironment(worker.env.all());
  }

  @AfterAll
  static void stop() {
    worker.close();
  }

  @Test
  void twoOncallApprovalsPromoteTheReplicaMoveThePointerAndCheckItsData() throws Exception {
    String primaryEndpoint = endpointOf(worker.aws.rds(PRIMARY_REGION), PRIMARY);
    deleteReplica(); // a leftover of an interrupted earlier run
    assertEquals(primaryEndpoint, pointer().resourceRecords().get(0).value(), "as seeded");
    String workflowId = null;
    try {
      // The standby as an operator makes it: the instantiate's audit finds it missing, its apply
      // creates it from the catalog and waits until it replicates.
      CliRun audit =
          CliRun.of(worker.connectionArgs(), "standby-instantiate", "--service", "payments");
      assertTrue(audit.out().contains("MISSING"), audit.toString());
      CliRun instantiated =
          CliRun.of(
              worker.connectionArgs(), "standby-instantiate", "--service", "payments", "--apply");
      assertEquals(0, instantiated.exitCode(), instantiated.toString());
      assertTrue(instantiated.out().contains("CREATED"), instantiated.toString());
      CliRun again =
          CliRun.of(
              worker.connectionArgs(), "standby-instantiate", "--service", "payments", "--apply");
      assertEquals(0, again.exitCode(), again.toString());
      assertTrue(again.out().contains("COMPLIANT"), "a second apply changes nothing: " + again);

      CliRun started =
          CliRun.of(
              worker.connectionArgs(), "standby-failover", "--service", "payments", "--no-wait");
      assertEquals(0, started.exitCode(), started.toString());
      workflowId = LedgerRows.workflowIdOf(started);
      awaitGate(workflowId);

      String first = approveAs("sre-alice", workflowId);
      assertTrue(first.contains("APPROVAL_COUNTED"), first);
      approveAs("sre-bob", workflowId);

      CliRun watched = CliRun.of(worker.connectionArgs(), "watch", workflowId);
      assertEquals(0, watched.exitCode(), watched.toString());
      StandbyFailoverResult result =
          worker
              .client()
              .newUntypedWorkflowStub(workflowId)
              .getResult(30, TimeUnit.SECONDS, StandbyFailoverResult.class);
      System.out.println("standby failover: " + result.summary());
      System.out.println("  RTO: " + result.rto());
      System.out.println("  RPO: " + result.rpo());

      assertEquals(StandbyFailoverOutcome.PROMOTED, result.outcome(), result.summary());
      String replicaEndpoint = endpointOf(worker.aws.rds(DR_REGION), REPLICA);
      assertEquals(replicaEndpoint, result.endpoint());
      ResourceRecordSet moved = pointer();
      assertEquals(replicaEndpoint, moved.resourceRecords().get(0).value(), moved.toString());
      assertEquals(POINTER_TTL, moved.ttl(), "the pointer's TTL is kept");

      assertNotNull(result.checks(), result.summary());
      assertTrue(result.checks().passed(), result.checks().summary());
      assertEquals(
          List.of("balances-match-ledger"),
          result.checks().outcomes().stream().map(QueryOutcome::name).toList(),
          "the integrity check, and not the one comparing with the source");
      assertTrue(
          databases.exists(SandboxDatabases.cloneName(REPLICA)),
          "the promoted replica has its own database, where the check ran");

      assertNotNull(result.rto().achieved(), result.rto().toString());
      assertFalse(result.rto().breached(), result.rto().toString());
      assertEquals(Duration.ZERO, result.rpo().achieved(), "ReplicaLag 0: " + result.rpo());
      assertFalse(result.rpo().breached(), result.rpo().toString());

      // The replicate-back finds the old primary in the way: the suite's primary is shared, so it
      // is not replaced here (StandbyReplicateWorkflowTest and RdsOldPrimaryActivitiesSandboxTest
      // cover the replacement); nothing may change.
      CliRun back =
          CliRun.of(worker.connectionArgs(), "standby-replicate", "--service", "payments");
      assertEquals(ExitCodes.OUTCOME_NOT_SUCCESS, back.exitCode(), back.toString());
      assertTrue(back.out().contains("OLD_PRIMARY_IN_THE_WAY"), back.toString());
      assertTrue(back.out().contains("--replace-old-primary"), back.toString());
      assertEquals(
          primaryEndpoint,
          endpointOf(worker.aws.rds(PRIMARY_REGION), PRIMARY),
          "the old primary is as it was");

      LedgerReceipt receipt = LedgerRows.receipt(worker.client(), workflowId);
      assertTrue(receipt.recorded(), receipt.detail());
      assertEquals(List.of("standby-failover"), LedgerRows.procedures(workflowId));
      assertEquals(
          List.of(
              StandbyFailoverWorkflowImpl.GATE_STEP
                  + " APPROVED operator:sre-alice true dr approve (update)",
              StandbyFailoverWorkflowImpl.GATE_STEP
                  + " APPROVED operator:sre-bob true dr approve (update)"),
          LedgerRows.approvals(workflowId));
    } finally {
      endIfRunning(workflowId);
      deleteReplica();
      putPointerBack(primaryEndpoint);
    }
    assertFalse(
        databases.exists(SandboxDatabases.cloneName(REPLICA)), "the replica's database is gone");
  }

  /** {@code dr approve} in a process of its own, whose DR_OPERATOR is {@code operator}. */
  private static String approveAs(String operator, String workflowId)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add(DrCli.class.getName());
    command.addAll(
        List.of(
            "approve",
            workflowId,
            "--step",
            StandbyFailoverWorkflowImpl.GATE_STEP,
            "--why",
            "e2e: the primary region is lost"));
    command.addAll(List.of(worker.connectionArgs()));
    Path log = Files.createTempFile("dr-approve", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // As the in-process client: the test JVM's environment, payload encryption off.
    pb.environment().keySet().removeIf(k -> k.startsWith("DR_CODEC_"));
    pb.environment().put("DR_OPERATOR", operator);
    Process p = pb.start();
    boolean ended = p.waitFor(60, TimeUnit.SECONDS);
    if (!ended) p.destroyForcibly().waitFor();
    String out = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    assertTrue(ended, "dr approve as " + operator + " did not end in 60 s:\n" + out);
    assertEquals(0, p.exitValue(), "dr approve as " + operator + ":\n" + out);
    return out;
  }

  private static void awaitGate(String workflowId) throws InterruptedException {
    StandbyFailoverWorkflow run =
        worker.client().newWorkflowStub(StandbyFailoverWorkflow.class, workflowId);
    for (int i = 0; i < 300; i++) {
      if (run.status().waitingFor() != null) return;
      Thread.sleep(100);
    }
    throw new AssertionError("the run never reached its gate: " + run.status());
  }

  private static void endIfRunning(String workflowId) {
    if (workflowId == null) return;
    WorkflowStub run = worker.client().newUntypedWorkflowStub(workflowId);
    if (run.describe().getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
      run.terminate("e2e clean-up");
  }

  /** The replica, promoted or not, and its database (moto addition 8 deletes either cleanly). */
  private static void deleteReplica() throws Exception {
    RdsClient dr = worker.aws.rds(DR_REGION);
    try {
      dr.deleteDBInstance(r -> r.dbInstanceIdentifier(REPLICA).skipFinalSnapshot(true));
    } catch (DbInstanceNotFoundException gone) {
      // never created, or already deleted
    }
    databases.drop(REPLICA);
  }

  private static String endpointOf(RdsClient rds, String instance) {
    return rds.describeDBInstances(r -> r.dbInstanceIdentifier(instance))
        .dbInstances()
        .get(0)
        .endpoint()
        .address();
  }

  private static ResourceRecordSet pointer() {
    Route53Client r53 = worker.aws.route53();
    return r53
        .listResourceRecordSets(r -> r.hostedZoneId(zoneId()).startRecordName(POINTER))
        .resourceRecordSets()
        .stream()
        .filter(s -> s.name().equals(POINTER + ".") && s.type() == RRType.CNAME)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no CNAME " + POINTER + " (seeded)"));
  }

  private static void putPointerBack(String primaryEndpoint) {
    worker
        .aws
        .route53()
        .changeResourceRecordSets(
            r ->
                r.hostedZoneId(zoneId())
                    .changeBatch(
                        b ->
                            b.comment("e2e: the seeded database pointer back")
                                .changes(
                                    c ->
                                        c.action(ChangeAction.UPSERT)
                                            .resourceRecordSet(
                                                s ->
                                                    s.name(POINTER)
                                                        .type(RRType.CNAME)
                                                        .ttl(POINTER_TTL)
                                                        .resourceRecords(
                                                            v -> v.value(primaryEndpoint))))));
  }

  private static String zoneId() {
    return worker.aws.route53().listHostedZonesByName(r -> r.dnsName(ZONE)).hostedZones().stream()
        .filter(z -> z.name().equals(ZONE + "."))
        .findFirst()
        .orElseThrow()
        .id()
        .replace("/hostedzone/", "");
  }
}
