package dev.drrunbooks.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.drrunbooks.approval.Approval;
import dev.drrunbooks.model.OncePerRunScope;
import dev.drrunbooks.model.RunMetrics;
import dev.drrunbooks.model.SearchAttributes;
import dev.drrunbooks.testing.FakeCatalog;
import dev.drrunbooks.testing.FakeLocks;
import dev.drrunbooks.testing.TimeSkipping;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The runbook's metrics ({@link RunMetrics}) of a failover run that waits at its gate and is
 * approved, through the SDK's Micrometer reporter as the worker reports them.
 */
class DnsFailoverMetricsTest {
  private static final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private static final Scope scope =
      new OncePerRunScope(
          new RootScopeBuilder()
              .reporter(new MicrometerClientStatsReporter(registry))
              .reportEvery(com.uber.m3.util.Duration.ofMillis(20)));

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.metered(scope, DnsFailoverWorkflowImpl.class);

  private final FakeRegions aws = new FakeRegions();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(aws, new FakeCatalog(), new FakeLocks());
    env.start();
  }

  @Test
  void aRunIsCountedItsGateTimedAndItsObjectivesReportedByProcedureAndService(
      WorkflowClient client, Worker worker) {
    aws.primaryDown();
    DnsFailoverWorkflow wf =
        client.newWorkflowStub(
            DnsFailoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId("dns-failover-metrics-1")
                // as every client starts a run (RunStartOptions): the labels from the start
                .setTypedSearchAttributes(SearchAttributes.atStart("dns-failover", "inventory"))
                .build());
    WorkflowClient.start(wf::run, DnsFailoverInput.of("inventory", null));
    Counter started =
        await(
            () ->
                registry
                    .find(RunMetrics.RUNS_STARTED)
                    .tags("procedure", "dns-failover", "service", "inventory")
                    .counter());
    assertEquals(1.0, started.count());
    awaitGate(wf);
    assertNull(registry.find(RunMetrics.RUNS_ENDED).meter(), "not ended while at the gate");

    wf.approve(new Approval(DnsFailoverWorkflowImpl.GATE_STEP, "alice", "primary returns 503"));
    WorkflowStub.fromTyped(wf).getResult(DnsFailoverResult.class);

    Counter ended =
        await(
            () ->
                registry
                    .find(RunMetrics.RUNS_ENDED)
                    .tags("procedure", "dns-failover", "service", "inventory")
                    .tag("outcome", "SWITCHED")
                    .counter());
    assertEquals(1.0, ended.count());
    Timer gate =
        await(
            () ->
                registry
                    .find(RunMetrics.GATE_WAIT)
                    .tags("procedure", "dns-failover", "service", "inventory")
                    .tags("step", DnsFailoverWorkflowImpl.GATE_STEP, "verdict", "APPROVED")
                    .timer());
    assertEquals(1, gate.count());
    Gauge objective =
        await(
            () ->
                registry
                    .find(RunMetrics.RTO_OBJECTIVE_SECONDS)
                    .tags("procedure", "dns-failover", "service", "inventory")
                    .gauge());
    assertEquals(30 * 60.0, objective.value(), "the catalog's 30 min RTO");
    assertNotNull(
        registry
            .find(RunMetrics.RTO_SECONDS)
            .tags("procedure", "dns-failover", "service", "inventory")
            .gauge());
    assertNull(registry.find(RunMetrics.RPO_SECONDS).meter(), "a failover measures no RPO");
    assertNull(registry.find(RunMetrics.OBJECTIVE_BREACHES).meter(), "the RTO was met");
    assertTrue(
        registry.getMeters().stream()
            .noneMatch(m -> m.getId().getTag(OncePerRunScope.RUN_TAG) != null),
        "the run id never becomes a label");
  }

  private static <M extends Meter> M await(Supplier<M> find) {
    for (int i = 0; i < 200; i++) {
      M m = find.get();
      if (m != null) return m;
      sleep(25);
    }
    throw new AssertionError("metric never reported; registry has " + names());
  }

  private static String names() {
    return registry.getMeters().stream()
        .map(m -> m.getId().getName() + m.getId().getTags())
        .filter(n -> n.startsWith("dr_"))
        .toList()
        .toString();
  }

  private static void awaitGate(DnsFailoverWorkflow wf) {
    for (int i = 0; i < 200; i++) {
      if (wf.status().waitingFor() != null) return;
      sleep(50);
    }
    throw new AssertionError("the run never reached the approval gate: " + wf.status());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
