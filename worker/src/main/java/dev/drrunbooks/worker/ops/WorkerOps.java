package dev.drrunbooks.worker.ops;

import dev.drrunbooks.ops.OpsAddress;
import dev.drrunbooks.ops.OpsServer;
import dev.drrunbooks.ops.ProcessMetrics;
import dev.drrunbooks.ops.Readiness;
import dev.drrunbooks.ops.TemporalReachable;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The worker's ops port as WorkerMain runs it (and the tests that scrape a real worker): /readyz
 * ready when Temporal answers and the factory polls, /metrics the registry the stubs report to plus
 * the visibility gauges and the readiness gauges.
 */
public final class WorkerOps implements AutoCloseable {
  private final OpsServer server;
  private final RunVisibilityGauges gauges;
  private final ReadinessGauges readiness;

  /**
   * @param metrics the registry whose scope {@code service} was connected with
   * @param services the catalog's service keys
   * @param refreshEvery how often the visibility and readiness gauges are refreshed
   */
  public WorkerOps(
      OpsAddress address,
      ProcessMetrics metrics,
      WorkflowServiceStubs service,
      String temporalAddress,
      WorkerFactory factory,
      String taskQueue,
      Collection<String> services,
      Duration refreshEvery) {
    server =
        new OpsServer(
                address,
                Readiness.all(
                    List.of(
                        new TemporalReachable(service, temporalAddress),
                        new WorkerReadiness(factory, taskQueue))),
                metrics::scrape)
            .start();
    gauges =
        new RunVisibilityGauges(
                factory.getWorkflowClient(), metrics.registry(), services, Clock.systemUTC())
            .start(refreshEvery);
    readiness =
        new ReadinessGauges(
                factory.getWorkflowClient(), metrics.registry(), services, Clock.systemUTC())
            .start(refreshEvery);
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    gauges.close();
    readiness.close();
    server.close();
  }
}
