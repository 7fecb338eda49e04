package dev.drrunbooks.worker.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.approval.Approval;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.bootstrap.catalog.CatalogLoader;
import dev.drrunbooks.bootstrap.connect.TemporalClientConfig;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.failover.Direction;
import dev.drrunbooks.failover.DnsFailoverInput;
import dev.drrunbooks.failover.DnsFailoverWorkflow;
import dev.drrunbooks.failover.DnsFailoverWorkflowImpl;
import dev.drrunbooks.model.SearchAttributes;
import dev.drrunbooks.ops.OpsAddress;
import dev.drrunbooks.ops.ProcessMetrics;
import dev.drrunbooks.readiness.ReadinessEvaluation;
import dev.drrunbooks.readiness.ReadinessEvaluationWorkflow;
import dev.drrunbooks.readiness.ReadinessInput;
import dev.drrunbooks.readiness.ReadinessResult;
import dev.drrunbooks.readiness.ServiceReadiness;
import dev.drrunbooks.testing.SandboxEnv;
import dev.drrunbooks.worker.DrWorker;
import dev.drrunbooks.worker.DrWorkerFactory;
import dev.drrunbooks.worker.databases.WorkerDatabases;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A real worker on the sandbox, built as WorkerMain builds it (stubs reporting to the process's
 * registry, the ops port, the visibility gauges), scraped while a DNS failover of Inventory waits
 * at its approval gate: the SDK's poller and request metrics and the runbook's metrics with the
 * run's procedure and service labels; then the run is aborted at the gate and its end and gate wait
 * appear. Then a readiness evaluation of every service runs on it and the readiness gauges show
 * what it found. In that order: the first test sees the worker before its factory starts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerMetricsSandboxTest {
  private static final HttpClient http = HttpClient.newHttpClient();
  private static final SandboxEnv env = SandboxEnv.get();
  private static final String taskQueue = "dr-metrics-" + Long.toString(System.nanoTime(), 36);
  private static ProcessMetrics metrics;
  private static WorkflowServiceStubs stubs;
  private static WorkerFactory factory;
  private static AwsClients aws;
  private static WorkerOps ops;
  private static List<String> catalogServices;

  @BeforeAll
  static void start() {
    metrics = new ProcessMetrics();
    stubs = TemporalClientConfig.fromEnvironment(env.all()).connect(metrics.temporalScope());
    factory = DrWorkerFactory.create(stubs, env.get("TEMPORAL_NAMESPACE", "default"));
    aws =
        new AwsClients(
            URI.create(env.require("AWS_ENDPOINT_URL")),
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    env.require("AWS_ACCESS_KEY_ID"), env.require("AWS_SECRET_ACCESS_KEY"))));
    Catalog catalog = CatalogLoader.load(CatalogFixture.path());
    catalogServices = List.copyOf(catalog.services().keySet());
    // The forced DNS failover touches no database. The sandbox's stand-in databases (its env file's
    // DR_SANDBOX_DATABASES=true) are the sandbox module's, built after this one: without it on the
    // class path the worker would refuse them.
    Map<String, String> workerEnv = new HashMap<>(env.all());
    workerEnv.remove(WorkerDatabases.STAND_IN_ENV);
    DrWorker.register(
        factory.newWorker(taskQueue), catalog, CatalogFixture.path().toString(), aws, workerEnv);
    ops =
        new WorkerOps(
            new OpsAddress("127.0.0.1", 0),
            metrics,
            stubs,
            env.require("TEMPORAL_ADDRESS"),
            factory,
            taskQueue,
            catalog.services().keySet(),
            Duration.ofMillis(500));
  }

  @AfterAll
  static void stop() {
    ops.close();
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
    stubs.shutdown();
    aws.close();
    metrics.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static PrometheusText scrapeUntil(Predicate<PrometheusText> seen, String what)
      throws Exception {
    PrometheusText last = null;
    for (int i = 0; i < 150; i++) {
      HttpResponse<String> r = get("/metrics");
      assertEquals(200, r.statusCode());
      last = PrometheusText.parse(r.body());
      if (seen.test(last)) return last;
      Thread.sleep(200);
    }
    throw new AssertionError("/metrics never showed " + what + "; dr_ samples: " + drSamples(last));
  }

  private static String drSamples(PrometheusText t) {
    return t == null
        ? "none"
        : t.samples().stream().filter(s -> s.name().startsWith("dr_")).toList().toString();
  }

  @Test
  @Order(1)
  void aRunWaitingAtItsGateShowsInTheWorkersMetrics() throws Exception {
    HttpResponse<String> before = get("/readyz");
    assertEquals(503, before.statusCode(), before.body());
    assertTrue(before.body().contains("not started"), before.body());
    factory.start();
    assertEquals(200, get("/readyz").statusCode());
    assertEquals(200, get("/healthz").statusCode());

    WorkflowClient client = factory.getWorkflowClient();
    String id = "dns-failover-inventory-metrics-" + Long.toString(System.nanoTime(), 36);
    DnsFailoverWorkflow wf =
        client.newWorkflowStub(
            DnsFailoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setWorkflowId(id)
                .setTypedSearchAttributes(SearchAttributes.atStart("dns-failover", "inventory"))
                .build());
    // Forced and without assessment: the gate is reached whatever the stand-ins answer.
    WorkflowClient.start(
        wf::run,
        new DnsFailoverInput(
            "inventory",
            Direction.FAILOVER,
            true,
            true,
            null,
            null,
            null,
            null,
            1,
            null,
            null,
            null));
    try {
      PrometheusText waiting =
          scrapeUntil(
              t ->
                  t
                          .find(
                              RunVisibilityGauges.WAITING_AT_GATE,
                              "procedure",
                              "dns-failover",
                              "service",
                              "inventory")
                          .stream()
                          .anyMatch(s -> s.value() >= 1)
                      && !t.find("dr_runs_started_total", "procedure", "dns-failover").isEmpty(),
              "the run waiting at its gate");
      assertEquals(
          1.0,
          waiting
              .find(
                  "dr_runs_started_total",
                  "procedure",
                  "dns-failover",
                  "service",
                  "inventory",
                  "task_queue",
                  taskQueue)
              .get(0)
              .value());
      assertTrue(
          waiting.find("dr_runs_ended_total", "task_queue", taskQueue).isEmpty(), "not ended");
      assertFalse(
          waiting.find("temporal_num_pollers", "task_queue", taskQueue).isEmpty(),
          "the SDK's poller gauge");
      assertTrue(waiting.hasName("temporal_request_total"), "the SDK's request counter");
      assertTrue(
          waiting.find(RunVisibilityGauges.LAST_PASS_AGE, "service", "inventory").size() == 2,
          "drill and backup validation, per catalog service");

      wf.abort(new Approval(DnsFailoverWorkflowImpl.GATE_STEP, "metrics-test", "test done"));
      WorkflowStub.fromTyped(wf).getResult(30, TimeUnit.SECONDS, Object.class);
      PrometheusText ended =
          scrapeUntil(
              t ->
                  !t.find(
                          "dr_runs_ended_total",
                          "procedure",
                          "dns-failover",
                          "service",
                          "inventory",
                          "outcome",
                          "ABORTED")
                      .isEmpty(),
              "the run's end");
      assertEquals(
          1.0,
          ended
              .find(
                  "dr_gate_wait_seconds_count",
                  "procedure",
                  "dns-failover",
                  "service",
                  "inventory",
                  "step",
                  DnsFailoverWorkflowImpl.GATE_STEP,
                  "verdict",
                  "ABORTED")
              .get(0)
              .value());
      assertTrue(
          ended.samples().stream().noneMatch(s -> s.labels().containsKey("dr_once_per_run")));
    } finally {
      try {
        WorkflowStub.fromTyped(wf).terminate("metrics test done");
      } catch (RuntimeException ended) {
        // already closed
      }
    }
  }

  @Test
  @Order(2)
  void theNewestReadinessEvaluationShowsInTheReadinessGauges() throws Exception {
    if (!factory.isStarted()) factory.start();
    ReadinessEvaluationWorkflow wf =
        factory
            .getWorkflowClient()
            .newWorkflowStub(
                ReadinessEvaluationWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(taskQueue)
                    .setWorkflowId("readiness-all-metrics-" + Long.toString(System.nanoTime(), 36))
                    .setTypedSearchAttributes(
                        SearchAttributes.atStart(ReadinessEvaluation.KEY, "all"))
                    .setWorkflowExecutionTimeout(Duration.ofMinutes(2))
                    .build());
    ReadinessResult result = wf.evaluate(new ReadinessInput(null));
    assertEquals(
        Set.copyOf(catalogServices),
        result.services().stream().map(ServiceReadiness::service).collect(Collectors.toSet()));

    // This evaluation's figures, not an older one's: every service's age counts from it.
    PrometheusText shown =
        scrapeUntil(
            t ->
                result.services().stream()
                    .allMatch(
                        s ->
                            t.find(ReadinessGauges.EVALUATED_AGE, "service", s.service()).stream()
                                .anyMatch(a -> a.value() <= secondsSince(result.evaluatedAt()))),
            "the readiness gauges of the evaluation that just completed");
    for (ServiceReadiness s : result.services()) {
      String service = s.service();
      assertEquals(
          s.failing().size(), gauge(shown, ReadinessGauges.FAILING_CHECKS, service), service);
      assertEquals(s.ready() ? 1 : 0, gauge(shown, ReadinessGauges.READY, service), service);
      assertEquals(
          secondsOrNaN(s.rto().p50()),
          gauge(shown, ReadinessGauges.PREDICTED_RTO_P50, service),
          service + " " + s.rto().verdict());
      assertEquals(
          secondsOrNaN(s.rto().p90()),
          gauge(shown, ReadinessGauges.PREDICTED_RTO_P90, service),
          service + " " + s.rto().verdict());
      assertEquals(
          secondsOrNaN(s.predictedRpo()), gauge(shown, ReadinessGauges.PREDICTED_RPO, service));
      assertEquals(
          s.objectives().rto().toSeconds(), gauge(shown, ReadinessGauges.RTO_OBJECTIVE, service));
      assertEquals(
          s.objectives().rpo().toSeconds(), gauge(shown, ReadinessGauges.RPO_OBJECTIVE, service));
    }
    // The seeded world: Inventory's backups are off-policy, so it is not ready.
    assertEquals(0, gauge(shown, ReadinessGauges.READY, "inventory"));
    assertTrue(gauge(shown, ReadinessGauges.FAILING_CHECKS, "inventory") >= 1);
  }

  private static double gauge(PrometheusText scrape, String name, String service) {
    List<PrometheusText.Sample> found = scrape.find(name, "service", service);
    assertEquals(1, found.size(), name + "{service=" + service + "}: " + found);
    return found.get(0).value();
  }

  private static double secondsSince(Instant at) {
    return Duration.between(at, Instant.now()).toMillis() / 1000.0;
  }

  private static double secondsOrNaN(Duration d) {
    return d == null ? Double.NaN : d.toMillis() / 1000.0;
  }
}
