package dev.drrunbooks.worker.ops;

import static dev.drrunbooks.worker.ops.ReadinessGaugeValuesTest.check;
import static dev.drrunbooks.worker.ops.ReadinessGaugeValuesTest.forecast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.drrunbooks.catalog.Objectives;
import dev.drrunbooks.readiness.CheckVerdict;
import dev.drrunbooks.readiness.ReadinessResult;
import dev.drrunbooks.readiness.RtoForecast;
import dev.drrunbooks.readiness.ServiceReadiness;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The readiness gauges from what visibility lists: each catalog service's figures from the newest
 * completed evaluation that covered it, every gauge registered from the start (NaN, age +Inf),
 * results read once per run and no further than needed, and a failed refresh keeping the values.
 */
class ReadinessGaugesTest {
  private static final List<String> CATALOG = List.of("inventory", "payments", "locations");
  private static final Instant NOW = Instant.parse("2026-03-01T11:00:00Z");
  private static final Objectives OBJECTIVES =
      new Objectives(Duration.ofMinutes(30), Duration.ofMinutes(15));

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final WorkflowClient client = mock(WorkflowClient.class);
  private final ReadinessGauges gauges =
      new ReadinessGauges(client, registry, CATALOG, Clock.fixed(NOW, ZoneOffset.UTC));
  private final List<WorkflowStub> stubs = new ArrayList<>();

  @AfterEach
  void close() {
    gauges.close();
    registry.close();
  }

  private static ServiceReadiness ready(String service, long failing) {
    List<dev.drrunbooks.readiness.ReadinessCheck> checks = new ArrayList<>();
    checks.add(check(service, CheckVerdict.PASS));
    for (long i = 0; i < failing; i++) checks.add(check(service, CheckVerdict.FAIL));
    return new ServiceReadiness(
        service,
        OBJECTIVES,
        checks,
        Duration.ofMinutes(failing + 1),
        forecast(
            service, Duration.ofMinutes(10), Duration.ofMinutes(20), RtoForecast.Verdict.MEETS),
        List.of());
  }

  private static ReadinessResult result(Instant at, ServiceReadiness... services) {
    return ReadinessResult.of(at, List.of(services), List.of());
  }

  /** A completed run visibility lists, whose result the client reads as {@code result}. */
  private WorkflowExecutionMetadata run(String runId, ReadinessResult result) {
    WorkflowStub stub = mock(WorkflowStub.class);
    when(stub.getResult(ReadinessResult.class)).thenReturn(result);
    when(client.newUntypedWorkflowStub("readiness-" + runId, Optional.of(runId), Optional.empty()))
        .thenReturn(stub);
    stubs.add(stub);
    return new WorkflowExecutionMetadata(
        WorkflowExecutionInfo.newBuilder()
            .setExecution(
                WorkflowExecution.newBuilder()
                    .setWorkflowId("readiness-" + runId)
                    .setRunId(runId)
                    .build())
            .build(),
        DefaultDataConverter.STANDARD_INSTANCE);
  }

  private PrometheusText scrape() {
    return PrometheusText.parse(registry.scrape());
  }

  private double value(PrometheusText scrape, String name, String service) {
    List<PrometheusText.Sample> found = scrape.find(name, "service", service);
    assertEquals(1, found.size(), name + " of " + service + ": " + found);
    return found.get(0).value();
  }

  @Test
  void everyCatalogServiceHasEveryGaugeFromTheStartWithoutFigures() {
    PrometheusText scrape = scrape();
    for (String service : CATALOG) {
      for (String name :
          List.of(
              ReadinessGauges.PREDICTED_RTO_P50,
              ReadinessGauges.PREDICTED_RTO_P90,
              ReadinessGauges.PREDICTED_RPO,
              ReadinessGauges.RTO_OBJECTIVE,
              ReadinessGauges.RPO_OBJECTIVE,
              ReadinessGauges.FAILING_CHECKS,
              ReadinessGauges.READY)) assertEquals(Double.NaN, value(scrape, name, service), name);
      assertEquals(Double.POSITIVE_INFINITY, value(scrape, ReadinessGauges.EVALUATED_AGE, service));
    }
    assertEquals(0, scrape.find(ReadinessGauges.REFRESH_FAILURES + "_total").get(0).value());
  }

  @Test
  void eachServiceShowsTheNewestCompletedEvaluationThatCoveredIt() {
    Instant older = NOW.minus(Duration.ofMinutes(30));
    Instant newer = NOW.minus(Duration.ofMinutes(2));
    WorkflowExecutionMetadata onlyInventory =
        run("r2", result(newer, ready("inventory", 2), ready("retired-service", 0)));
    WorkflowExecutionMetadata all =
        run("r1", result(older, ready("inventory", 0), ready("payments", 1)));
    when(client.listExecutions(ReadinessGauges.QUERY)).thenReturn(Stream.of(onlyInventory, all));

    gauges.refresh();

    PrometheusText scrape = scrape();
    assertEquals(2, value(scrape, ReadinessGauges.FAILING_CHECKS, "inventory"), "the newer run");
    assertEquals(0, value(scrape, ReadinessGauges.READY, "inventory"));
    assertEquals(180, value(scrape, ReadinessGauges.PREDICTED_RPO, "inventory"));
    assertEquals(120, value(scrape, ReadinessGauges.EVALUATED_AGE, "inventory"));
    assertEquals(1, value(scrape, ReadinessGauges.FAILING_CHECKS, "payments"), "the older run");
    assertEquals(1800, value(scrape, ReadinessGauges.EVALUATED_AGE, "payments"));
    assertEquals(600, value(scrape, ReadinessGauges.PREDICTED_RTO_P50, "payments"));
    assertEquals(1200, value(scrape, ReadinessGauges.PREDICTED_RTO_P90, "payments"));
    assertEquals(1800, value(scrape, ReadinessGauges.RTO_OBJECTIVE, "payments"));
    assertEquals(900, value(scrape, ReadinessGauges.RPO_OBJECTIVE, "payments"));
    assertEquals(Double.NaN, value(scrape, ReadinessGauges.READY, "locations"), "none covered it");
    assertEquals(
        Double.POSITIVE_INFINITY, value(scrape, ReadinessGauges.EVALUATED_AGE, "locations"));
    assertTrue(
        scrape.find(ReadinessGauges.READY, "service", "retired-service").isEmpty(),
        "only the catalog's services");
  }

  @Test
  void resultsAreReadOnlyUntilEveryServiceIsCoveredAndOncePerRun() {
    WorkflowExecutionMetadata newest =
        run("r3", result(NOW, ready("inventory", 0), ready("payments", 0), ready("locations", 0)));
    WorkflowExecutionMetadata older = run("r2", result(NOW.minusSeconds(1800)));
    when(client.listExecutions(ReadinessGauges.QUERY)).thenAnswer(call -> Stream.of(newest, older));

    gauges.refresh();
    gauges.refresh();

    verify(stubs.get(0), times(1)).getResult(ReadinessResult.class);
    verify(stubs.get(1), never()).getResult(ReadinessResult.class);
    assertEquals(1, gauges.shown("locations").ready());
  }

  @Test
  void aServiceNoLongerCoveredLosesItsFigures() {
    WorkflowExecutionMetadata first = run("r1", result(NOW, ready("payments", 0)));
    when(client.listExecutions(ReadinessGauges.QUERY))
        .thenAnswer(call -> Stream.of(first))
        .thenAnswer(call -> Stream.of());

    gauges.refresh();
    assertEquals(1, gauges.shown("payments").ready());
    gauges.refresh();

    assertEquals(ReadinessGaugeValues.NONE, gauges.shown("payments"), "retention removed the run");
  }

  @Test
  void aFailedRefreshKeepsTheLastValuesAndCountsAFailure() throws Exception {
    WorkflowExecutionMetadata first = run("r1", result(NOW, ready("payments", 3)));
    when(client.listExecutions(anyString()))
        .thenAnswer(call -> Stream.of(first))
        .thenThrow(new IllegalStateException("visibility unavailable"));
    gauges.refresh();

    assertThrows(IllegalStateException.class, gauges::refresh);
    assertEquals(3, gauges.shown("payments").failingChecks(), "kept");

    assertSame(gauges, gauges.start(Duration.ofMillis(20)));
    for (int i = 0; i < 250 && failures() < 2; i++) Thread.sleep(20);
    assertTrue(failures() >= 2, "failed refreshes counted: " + failures());
    assertEquals(3, value(scrape(), ReadinessGauges.FAILING_CHECKS, "payments"), "kept");

    gauges.close();
    Thread.sleep(100);
    double closed = failures();
    Thread.sleep(200);
    assertEquals(closed, failures(), "no refresh after close");
  }

  @Test
  void newestPerServiceLeavesOutServicesNoResultCovered() {
    Map<String, ReadinessGaugeValues> found =
        ReadinessGauges.newestPerService(
            Stream.of(result(NOW, ready("payments", 0))), List.of("payments", "inventory"));
    assertEquals(Map.of("payments", ReadinessGaugeValues.of(ready("payments", 0), NOW)), found);
  }

  private double failures() {
    return scrape().find(ReadinessGauges.REFRESH_FAILURES + "_total").get(0).value();
  }
}
