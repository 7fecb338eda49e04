package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.ledger.LedgerReceipt;
import dev.drrunbooks.activities.sql.QueryOutcome;
import dev.drrunbooks.approval.Approvable;
import dev.drrunbooks.approval.Approval;
import dev.drrunbooks.sandbox.SandboxDatabases;
import dev.drrunbooks.standby.StandbyFailoverOutcome;
import dev.drrunbooks.standby.StandbyFailoverResult;
import dev.drrunbooks.standby.StandbyFailoverWorkflow;
import dev.drrunbooks.standby.StandbyFailoverWorkflowImpl;
import dev.drrunbooks.standby.StandbyReplicateOutcome;
import dev.drrunbooks.standby.StandbyReplicateResult;
import dev.drrunbooks.standby.StandbyReplicateWorkflow;
import dev.drrunbooks.standby.StandbyReplicateWorkflowImpl;
import dev.drrunbooks.standby.StandbyStatus;
import dev.drrunbooks.starter.DrCli;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.testing.AnsweringAs;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Issue 17's warm standby end to end on the sandbox: Payments' cross-region read replica is created
 * ({@code dr standby-instantiate --apply}), {@code dr standby-failover --service payments
 * --no-wait} starts the run, two of sre-oncall approve its promote-standby gate with {@code dr
 * approve} (as {@code DR_OPERATOR=sre-alice} and {@code sre-bob}: a {@code dr} process each, since
 * the operator's identity comes from the environment), and the run promotes the replica, moves the
 * CNAME payments-db.mycomputer.internal to it and runs Payments' integrity check on its data. Then
 * {@code dr standby-replicate} refuses while the old primary holds the name, and with {@code
 * --replace-old-primary} and two approvals of its gate deletes it (final snapshot) and re-creates
 * the standby the other way: a read replica of the promoted one under the old primary's name.
 *
 * <p>What the sandbox models for it (deploy/local/moto_server_additions.py, 8. to 10.;
 * sandbox/README.md): the replicas' ReplicaLag is 0 a minute ("caught up"), a replica is placed in
 * its own region's subnet group, Route 53 batches are whole, and the promoted replica gets its own
 * PostgreSQL database, a clone of {@code payments} at the promotion, on which the check runs.
 *
 * <p>For a while Payments has no primary in eu-west-1 ({@link SandboxLocks#PAYMENTS_PRIMARY}). Puts
 * the world back, whatever happened: the runs ended, the reverse replica, the final snapshot and
 * the retained automated backups deleted and the primary seeded again ({@code deploy/local/sandbox
 * seed}), the standby (promoted or not) deleted and its database dropped, the CNAME at the
 * primary's endpoint with TTL 60, as seeded.
 */
@ResourceLock(SandboxLocks.PAYMENTS_STANDBY)
@ResourceLock(SandboxLocks.PAYMENTS_PRIMARY)
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
    String replicateId = null;
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
      assertTrue(started.out().contains("Follow it: dr watch " + workflowId), started.toString());
      awaitGate(worker.client().newWorkflowStub(StandbyFailoverWorkflow.class, workflowId)::status);
      CliRun status = CliRun.of(worker.connectionArgs(), "status", workflowId);
      assertTrue(
          status
              .out()
              .contains(
                  "waiting at gate promote-standby: dr approve "
                      + workflowId
                      + " --step promote-standby --why REASON"),
          status.toString());

      String first = approveAs("sre-alice", workflowId, StandbyFailoverWorkflowImpl.GATE_STEP);
      assertTrue(first.contains("APPROVAL_COUNTED"), first);
      // The second on-call answers in-process as the verified identity dr approve sends: the
      // process path is proven by the first, and a JVM per answer costs the suite seconds.
      answerAs(
          "sre-bob",
          StandbyFailoverWorkflow.class,
          workflowId,
          StandbyFailoverWorkflowImpl.GATE_STEP);

      StandbyFailoverResult result = watched(workflowId, StandbyFailoverResult.class);
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

      // The replicate-back: the old primary holds the name the reverse replica takes, and without
      // --replace-old-primary nothing changes.
      CliRun inTheWay =
          CliRun.of(worker.connectionArgs(), "standby-replicate", "--service", "payments");
      assertEquals(ExitCodes.OUTCOME_NOT_SUCCESS, inTheWay.exitCode(), inTheWay.toString());
      assertTrue(inTheWay.out().contains("OLD_PRIMARY_IN_THE_WAY"), inTheWay.toString());
      assertTrue(inTheWay.out().contains("--replace-old-primary"), inTheWay.toString());
      assertEquals(
          primaryEndpoint,
          endpointOf(worker.aws.rds(PRIMARY_REGION), PRIMARY),
          "the old primary is as it was");

      // With it (the catalog marks Payments' old primary replaceable): two on-call approvals, then
      // the old primary is deleted with a final snapshot and the reverse replica takes its name.
      CliRun replicating =
          CliRun.of(
              worker.connectionArgs(),
              "standby-replicate",
              "--service",
              "payments",
              "--replace-old-primary",
              "--no-wait");
      assertEquals(0, replicating.exitCode(), replicating.toString());
      replicateId = LedgerRows.workflowIdOf(replicating);
      awaitGate(
          worker.client().newWorkflowStub(StandbyReplicateWorkflow.class, replicateId)::status);
      for (String operator : List.of("sre-alice", "sre-bob"))
        answerAs(
            operator,
            StandbyReplicateWorkflow.class,
            replicateId,
            StandbyReplicateWorkflowImpl.GATE_STEP);
      StandbyReplicateResult back = watched(replicateId, StandbyReplicateResult.class);
      System.out.println("standby replicate-back: " + back.summary());
      assertEquals(StandbyReplicateOutcome.REPLICATING, back.outcome(), back.summary());
      assertTrue(back.oldPrimary().startsWith("deleted (final snapshot"), back.oldPrimary());

      DBInstance reverse = instance(worker.aws.rds(PRIMARY_REGION), PRIMARY);
      String promotedArn = instance(worker.aws.rds(DR_REGION), REPLICA).dbInstanceArn();
      assertEquals(promotedArn, reverse.readReplicaSourceDBInstanceIdentifier(), "replicates");
      assertEquals(
          "mycomputer-prod-db",
          reverse.dbSubnetGroup().dbSubnetGroupName(),
          "placed by the catalog's database.restore: the seeded primary names no subnet group");
      assertTrue(
          worker
              .aws
              .rds(PRIMARY_REGION)
              .describeDBSnapshots(r -> r.dbInstanceIdentifier(PRIMARY))
              .dbSnapshots()
              .stream()
              .anyMatch(snap -> back.oldPrimary().contains(snap.dbSnapshotIdentifier())),
          "the final snapshot the result names exists");
      java.util.Map<String, String> reverseTags =
          worker
              .aws
              .rds(PRIMARY_REGION)
              .listTagsForResource(t -> t.resourceName(reverse.dbInstanceArn()))
              .tagList()
              .stream()
              .collect(
                  java.util.stream.Collectors.toMap(
                      software.amazon.awssdk.services.rds.model.Tag::key,
                      software.amazon.awssdk.services.rds.model.Tag::value));
      assertEquals("payments", reverseTags.get("service"), "the seeded primary's own tags kept");
      assertEquals("production", reverseTags.get("environment"), reverseTags.toString());
      assertNotNull(back.lag(), back.summary());
      assertTrue(back.lag().hasData(), back.lag().toString());

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
      endIfRunning(replicateId);
      putPrimaryBack();
      deleteReplica();
      putPointerBack(primaryEndpoint);
    }
    assertFalse(
        databases.exists(SandboxDatabases.cloneName(REPLICA)), "the replica's database is gone");
  }

  /** {@code dr watch} until the run ends (exit 0: it succeeded), then its result. */
  private static <R> R watched(String workflowId, Class<R> resultType) throws Exception {
    CliRun watch = CliRun.of(worker.connectionArgs(), "watch", workflowId);
    assertEquals(0, watch.exitCode(), watch.toString());
    return worker
        .client()
        .newUntypedWorkflowStub(workflowId)
        .getResult(30, TimeUnit.SECONDS, resultType);
  }

  /**
   * An approval of {@code step} as {@code operator:NAME}, sent in-process as dr approve sends it.
   */
  private static <W extends Approvable> void answerAs(
      String operator, Class<W> workflow, String workflowId, String step) {
    AnsweringAs.stub(worker.client(), "operator:" + operator, workflow, workflowId)
        .approve(new Approval(step, operator, "e2e: the primary region is lost"));
  }

  /** {@code dr approve} in a process of its own, whose DR_OPERATOR is {@code operator}. */
  private static String approveAs(String operator, String workflowId, String step)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add(DrCli.class.getName());
    command.addAll(
        List.of("approve", workflowId, "--step", step, "--why", "e2e: the primary region is lost"));
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

  private static void awaitGate(Supplier<StandbyStatus> status) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      if (status.get().waitingFor() != null) return;
      Thread.sleep(100);
    }
    throw new AssertionError("the run never reached its gate: " + status.get());
  }

  private static void endIfRunning(String workflowId) {
    if (workflowId == null) return;
    WorkflowStub run = worker.client().newUntypedWorkflowStub(workflowId);
    if (run.describe().getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
      run.terminate("e2e clean-up");
  }

  /**
   * Payments' primary as the sandbox seeded it, after a replicate-back replaced it: the reverse
   * replica under its name, the final snapshot and the retained automated backups deleted, then
   * {@code deploy/local/sandbox seed} creates the primary again (it creates only what is missing).
   * Its data never moved: the sandbox reads a catalog primary from the database {@code payments}.
   */
  private static void putPrimaryBack() throws Exception {
    RdsClient rds = worker.aws.rds(PRIMARY_REGION);
    Optional<DBInstance> there;
    try {
      there = Optional.of(instance(rds, PRIMARY));
    } catch (DbInstanceNotFoundException gone) {
      there = Optional.empty();
    }
    if (there.isPresent() && there.get().readReplicaSourceDBInstanceIdentifier() == null) return;
    if (there.isPresent()) {
      rds.deleteDBInstance(r -> r.dbInstanceIdentifier(PRIMARY).skipFinalSnapshot(true));
    }
    rds
        .describeDBSnapshots(r -> r.dbInstanceIdentifier(PRIMARY).snapshotType("manual"))
        .dbSnapshots()
        .stream()
        .filter(snap -> snap.dbSnapshotIdentifier().startsWith(PRIMARY + "-final-"))
        .forEach(
            snap -> rds.deleteDBSnapshot(r -> r.dbSnapshotIdentifier(snap.dbSnapshotIdentifier())));
    rds
        .describeDBInstanceAutomatedBackups(r -> r.dbInstanceIdentifier(PRIMARY))
        .dbInstanceAutomatedBackups()
        .stream()
        .filter(b -> "retained".equals(b.status()))
        .forEach(
            b ->
                rds.deleteDBInstanceAutomatedBackup(
                    d -> d.dbInstanceAutomatedBackupsArn(b.dbInstanceAutomatedBackupsArn())));
    Path envFile = worker.env.file();
    Path repo = Path.of(worker.env.require("DR_CATALOG")).getParent().getParent().getParent();
    ProcessBuilder seed =
        new ProcessBuilder(repo.resolve("deploy/local/sandbox").toString(), "seed")
            .redirectErrorStream(true);
    seed.environment().put("DR_SANDBOX_HOME", envFile.getParent().toString());
    Process p = seed.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "sandbox seed did not end: " + out);
    assertEquals(0, p.exitValue(), "deploy/local/sandbox seed:\n" + out);
    assertEquals(
        null,
        instance(rds, PRIMARY).readReplicaSourceDBInstanceIdentifier(),
        "the primary as seeded: " + out);
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
    return instance(rds, instance).endpoint().address();
  }

  private static DBInstance instance(RdsClient rds, String instance) {
    return rds.describeDBInstances(r -> r.dbInstanceIdentifier(instance)).dbInstances().get(0);
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
