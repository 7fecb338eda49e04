package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.failover.Direction;
import dev.drrunbooks.failover.DnsFailoverInput;
import dev.drrunbooks.failover.DnsFailoverResult;
import dev.drrunbooks.failover.DnsFailoverWorkflow;
import dev.drrunbooks.http.LocalEndpoint;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.starter.ExitCodes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * DNS failover through the starter, on the sandbox's Temporal server, against the emulator's
 * Route53 with the runbook's weighted alias records and local HTTP endpoints standing in for
 * healthy, failing and flapping regions. Uses Locations (no approval gate in its policy); each test
 * leaves the record at Primary 100 / Secondary 0, as seeded.
 *
 * <p>Runs alongside other test classes (its runs mostly wait between probes); its own tests run one
 * after another, under the record's lock.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(SandboxLocks.LOCATIONS_RECORD)
class DnsFailoverSandboxTest {
  private static final String RECORD = "locations.mycomputer.com";
  private static RegionsStandIn regions;
  private static SandboxWorker worker;

  @BeforeAll
  static void start() {
    regions = new RegionsStandIn();
    worker = new SandboxWorker(regions.endpointMap());
  }

  @AfterAll
  static void stop() {
    worker.close();
    regions.close();
  }

  @AfterEach
  void weightsAsSeeded() {
    regions.allHealthy();
    assertEquals(List.of(100L, 0L), weights(), "the test must leave the record as seeded");
  }

  @Test
  void anUnhealthyPrimaryIsFailedOverVerifiedAndFailedBack() {
    regions.primary.behave(LocalEndpoint.Mode.FAILING);

    CliRun failover = CliRun.of(worker.connectionArgs(), "failover", "--service", "locations");
    assertEquals(0, failover.exitCode(), failover.toString());
    assertTrue(
        failover.out().contains("SWITCHED: Switched " + RECORD + " to Secondary (eu-central-1)"),
        failover.toString());
    assertTrue(
        failover.out().contains("Started dns-failover: workflow dns-failover-locations-"),
        failover.toString());
    assertEquals(List.of(0L, 100L), weights());

    regions.primary.behave(LocalEndpoint.Mode.HEALTHY);
    CliRun failback = CliRun.of(worker.connectionArgs(), "failback", "--service", "locations");
    assertEquals(0, failback.exitCode(), failback.toString());
    assertTrue(failback.out().contains("SWITCHED"), failback.toString());
  }

  @Test
  void aHealthyPrimaryNeedsNoFailover() {
    CliRun run = CliRun.of(worker.connectionArgs(), "failover", "--service", "locations");
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(
        run.out().contains("NOT_NEEDED: No failover needed: Primary (eu-west-1) is healthy"),
        run.toString());
    assertTrue(regions.primary.requestCount() >= 3, "the primary was probed several times");
  }

  @Test
  void anUnhealthyOrFlappingSecondaryIsRefused() {
    regions.primary.behave(LocalEndpoint.Mode.FAILING);
    regions.secondary.behave(LocalEndpoint.Mode.FAILING);
    CliRun down = CliRun.of(worker.connectionArgs(), "failover", "--service", "locations");
    assertEquals(1, down.exitCode(), down.toString());
    assertTrue(
        down.err()
            .contains(
                "refusing to send traffic to Secondary (eu-central-1): "
                    + "https://secondary-alb.eu-central-1.elb.amazonaws.com/health: UNHEALTHY"),
        down.toString());

    regions.secondary.behave(LocalEndpoint.Mode.FLAPPING);
    CliRun flapping = CliRun.of(worker.connectionArgs(), "failover", "--service", "locations");
    assertEquals(1, flapping.exitCode(), flapping.toString());
    assertTrue(flapping.err().contains("FLAPPING"), flapping.toString());
  }

  @Test
  void aFailedVerificationRestoresTheRecordedWeights() {
    regions.primary.behave(LocalEndpoint.Mode.FAILING);
    regions.publicName.behave(LocalEndpoint.Mode.FAILING);

    CliRun run = CliRun.of(worker.connectionArgs(), "failover", "--service", "locations");

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(
        run.err()
            .contains("verification failed: https://locations.mycomputer.com/health: UNHEALTHY"),
        run.toString());
    assertTrue(run.err().contains("weights restored to Primary 100 / Secondary 0"), run.toString());
  }

  /** A new user's aborted failback was watched as "ended COMPLETED", exit 0. */
  @Test
  void anAbortedFailoverIsWatchedWithItsOutcomeAndExitsSix() throws Exception {
    regions.primary.behave(LocalEndpoint.Mode.FAILING);
    String id = "aborted-failover-" + System.nanoTime();
    DnsFailoverWorkflow run =
        worker
            .client()
            .newWorkflowStub(
                DnsFailoverWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(worker.taskQueue)
                    .setWorkflowId(id)
                    .build());
    WorkflowClient.start(
        run::run,
        new DnsFailoverInput(
            "locations",
            Direction.FAILOVER,
            null,
            null,
            true,
            "10m",
            "abort",
            null,
            null,
            null,
            null,
            null));
    awaitGate(run);
    CliRun abort =
        CliRun.of(
            worker.connectionArgs(),
            "abort",
            id,
            "--step",
            "switch-traffic",
            "--why",
            "e2e: false alarm");
    assertEquals(0, abort.exitCode(), abort.toString());

    CliRun watched = CliRun.of(worker.connectionArgs(), "watch", id);
    assertEquals(ExitCodes.OUTCOME_NOT_SUCCESS, watched.exitCode(), watched.toString());
    assertTrue(watched.out().contains(id + " ended COMPLETED (ABORTED: "), watched.toString());
    regions.primary.behave(LocalEndpoint.Mode.HEALTHY);
  }

  @Test
  void aSecondRunStartedWithAnyIdIsRefusedNamingTheHolderUntilTheHolderIsCancelled()
      throws Exception {
    regions.primary.behave(LocalEndpoint.Mode.FAILING);
    WorkflowClient client = worker.client();
    String holderId = "typed-in-the-ui-holder-" + System.nanoTime();
    DnsFailoverWorkflow holder =
        client.newWorkflowStub(
            DnsFailoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.taskQueue)
                .setWorkflowId(holderId)
                .build());
    WorkflowClient.start(
        holder::run,
        new DnsFailoverInput(
            "locations",
            Direction.FAILOVER,
            null,
            null,
            true,
            "10m",
            "abort",
            null,
            null,
            null,
            null,
            null));
    awaitGate(holder);

    WorkflowStub second =
        client.newUntypedWorkflowStub(
            "DnsFailover",
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.taskQueue)
                .setWorkflowId("typed-in-the-ui-second-" + System.nanoTime())
                .build());
    second.start(Map.of("service", "locations", "direction", "failback"));
    WorkflowFailedException refused =
        assertThrows(
            WorkflowFailedException.class,
            () -> second.getResult(30, TimeUnit.SECONDS, DnsFailoverResult.class));
    assertEquals("AlreadyRunning", Failures.rootType(refused));
    assertTrue(
        Failures.rootMessage(refused).contains("it is held by run " + holderId + " (run id "),
        Failures.rootMessage(refused));

    WorkflowStub.fromTyped(holder).cancel();
    assertThrows(
        WorkflowFailedException.class,
        () ->
            WorkflowStub.fromTyped(holder)
                .getResult(30, TimeUnit.SECONDS, DnsFailoverResult.class));
    CliRun failover = CliRun.of(worker.connectionArgs(), "failover", "--service", "locations");
    assertEquals(0, failover.exitCode(), "the cancelled holder's lock is free again: " + failover);
    assertTrue(failover.out().contains("SWITCHED"), failover.toString());
    regions.primary.behave(LocalEndpoint.Mode.HEALTHY);
    CliRun failback = CliRun.of(worker.connectionArgs(), "failback", "--service", "locations");
    assertEquals(0, failback.exitCode(), "a failed-over run's lock is free again: " + failback);
  }

  private static void awaitGate(DnsFailoverWorkflow wf) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      if (wf.status().waitingFor() != null) return;
      Thread.sleep(100);
    }
    throw new AssertionError("the run never reached its gate: " + wf.status());
  }

  /** [Primary, Secondary] weights as Route53 (the emulator) has them, read through the SDK. */
  private static List<Long> weights() {
    Route53Client r53 = worker.aws.route53();
    String zone = RegionsStandIn.zoneId(r53);
    List<ResourceRecordSet> sets =
        r53.listResourceRecordSets(r -> r.hostedZoneId(zone)).resourceRecordSets();
    long primary =
        sets.stream()
            .filter(s -> s.name().startsWith(RECORD) && "Primary".equals(s.setIdentifier()))
            .findFirst()
            .orElseThrow()
            .weight();
    long secondary =
        sets.stream()
            .filter(s -> s.name().startsWith(RECORD) && "Secondary".equals(s.setIdentifier()))
            .findFirst()
            .orElseThrow()
            .weight();
    return List.of(primary, secondary);
  }
}
