package dev.drrunbooks.worker.ops;

import dev.drrunbooks.readiness.ReadinessEvaluation;
import dev.drrunbooks.readiness.ReadinessResult;
import dev.drrunbooks.readiness.ServiceReadiness;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Per catalog service, what the newest completed readiness evaluation that covered it found,
 * refreshed in the background from Temporal's visibility API (the evaluation's result read with the
 * worker's client, whose data converter decodes encrypted payloads): as {@code dr posture} reads
 * it, so the same on every worker and right after a restart. Each service's figures come from the
 * newest evaluation that covered it: the schedule's evaluate every service, a {@code dr readiness
 * --service S} only S.
 *
 * <ul>
 *   <li>{@value #PREDICTED_RTO_P50}, {@value #PREDICTED_RTO_P90}{@code {service}}: the RTO the
 *       ledger's measured steps predict; NaN with insufficient evidence.
 *   <li>{@value #PREDICTED_RPO}{@code {service}}: what a region loss would lose now, the worst of
 *       the DR region's newest recovery point age and each replicated bucket's S3 replication
 *       latency; NaN when the database has no recovery point there, a bucket has no enabled
 *       replication rule, or nothing was measured ({@code dr posture} says which).
 *   <li>{@value #RTO_OBJECTIVE}, {@value #RPO_OBJECTIVE}{@code {service}}: the objectives they are
 *       judged against.
 *   <li>{@value #FAILING_CHECKS}{@code {service}}: checks that did not pass.
 *   <li>{@value #READY}{@code {service}}: 1 ready, 0 not (a check failing or the RTO at risk).
 *   <li>{@value #EVALUATED_AGE}{@code {service}}: seconds since that evaluation; +Inf when none
 *       completed (a stopped schedule shows as a growing age).
 *   <li>{@value #REFRESH_FAILURES}: refreshes that failed (visibility or reading a result); the
 *       gauges keep their last values meanwhile.
 * </ul>
 *
 * Figures of a service no evaluation covered are NaN (see {@link ReadinessGaugeValues}).
 */
public final class ReadinessGauges implements AutoCloseable {
  public static final String PREDICTED_RTO_P50 = "dr_readiness_predicted_rto_p50_seconds";
  public static final String PREDICTED_RTO_P90 = "dr_readiness_predicted_rto_p90_seconds";
  public static final String PREDICTED_RPO = "dr_readiness_predicted_rpo_seconds";
  public static final String RTO_OBJECTIVE = "dr_readiness_rto_objective_seconds";
  public static final String RPO_OBJECTIVE = "dr_readiness_rpo_objective_seconds";
  public static final String FAILING_CHECKS = "dr_readiness_failing_checks";
  public static final String READY = "dr_readiness_ready";
  public static final String EVALUATED_AGE = "dr_readiness_evaluated_age_seconds";
  public static final String REFRESH_FAILURES = "dr_readiness_refresh_failures";

  /**
   * At most this many completed evaluations are looked at per refresh, newest first: the schedule's
   * every 30 minutes cover every service, so a refresh usually stops at the first, and reads its
   * result only when it is new (results are kept by run id).
   */
  static final int MAX_SCANNED = 50;

  /** The completed evaluations, newest first (visibility lists closed runs by close time). */
  static final String QUERY =
      "WorkflowType = \""
          + ReadinessEvaluation.PROCEDURE.workflowType()
          + "\" AND ExecutionStatus = \"Completed\"";

  private final WorkflowClient client;
  private final Collection<String> services;
  private final Clock clock;
  private final Counter failures;
  private volatile Map<String, ReadinessGaugeValues> shown = Map.of();

  /** Results already read, by run id: a completed run's result never changes. */
  private Map<String, ReadinessResult> read = Map.of();

  private PeriodicRefresh timer;

  /**
   * @param services the catalog's service keys: each gets every gauge from the start
   */
  public ReadinessGauges(
      WorkflowClient client, MeterRegistry registry, Collection<String> services, Clock clock) {
    this.client = client;
    this.services = List.copyOf(services);
    this.clock = clock;
    this.failures =
        Counter.builder(REFRESH_FAILURES)
            .description("refreshes of the dr_readiness_ gauges that failed")
            .register(registry);
    for (String service : this.services) {
      gauge(
          registry,
          service,
          PREDICTED_RTO_P50,
          "predicted RTO p50, seconds; NaN: insufficient evidence",
          ReadinessGaugeValues::rtoP50Seconds);
      gauge(
          registry,
          service,
          PREDICTED_RTO_P90,
          "predicted RTO p90, seconds; NaN: insufficient evidence",
          ReadinessGaugeValues::rtoP90Seconds);
      gauge(
          registry,
          service,
          PREDICTED_RPO,
          "what a region loss would lose now, seconds: the worst of the DR region's newest"
              + " recovery point age and each replicated bucket's replication latency; NaN: a"
              + " database or bucket without a DR copy, or nothing measured",
          ReadinessGaugeValues::rpoSeconds);
      gauge(
          registry,
          service,
          RTO_OBJECTIVE,
          "the RTO objective the forecast is judged against, seconds",
          ReadinessGaugeValues::rtoObjectiveSeconds);
      gauge(
          registry,
          service,
          RPO_OBJECTIVE,
          "the RPO objective, seconds",
          ReadinessGaugeValues::rpoObjectiveSeconds);
      gauge(
          registry,
          service,
          FAILING_CHECKS,
          "readiness checks that did not pass",
          ReadinessGaugeValues::failingChecks);
      gauge(
          registry,
          service,
          READY,
          "1 when the service is ready for recovery, 0 when not",
          ReadinessGaugeValues::ready);
      gauge(
          registry,
          service,
          EVALUATED_AGE,
          "seconds since the evaluation the dr_readiness_ gauges come from",
          v -> v.ageSeconds(clock.instant()));
    }
  }

  /** Refreshes now and then every {@code every}, on a daemon thread. */
  public ReadinessGauges start(Duration every) {
    timer = new PeriodicRefresh("readiness", every, this::refresh, failures);
    return this;
  }

  /** One refresh; throws what visibility or reading a result threw, the gauges unchanged. */
  public synchronized void refresh() {
    Map<String, ReadinessResult> reading = new HashMap<>();
    Stream<ReadinessResult> newestFirst =
        client
            .listExecutions(QUERY)
            .limit(MAX_SCANNED)
            .map(
                run ->
                    reading.computeIfAbsent(
                        run.getExecution().getRunId(), id -> resultOf(run, read.get(id))));
    shown = newestPerService(newestFirst, services);
    read = reading;
  }

  /**
   * Each service's figures from the first of {@code newestFirst} that covers it, reading no further
   * once every one of {@code services} has its figures; a service none covers is left out.
   */
  static Map<String, ReadinessGaugeValues> newestPerService(
      Stream<ReadinessResult> newestFirst, Collection<String> services) {
    Set<String> open = new HashSet<>(services);
    Map<String, ReadinessGaugeValues> found = new HashMap<>();
    Iterator<ReadinessResult> results = newestFirst.iterator();
    while (!open.isEmpty() && results.hasNext()) {
      ReadinessResult result = results.next();
      for (ServiceReadiness service : result.services())
        if (open.remove(service.service()))
          found.put(service.service(), ReadinessGaugeValues.of(service, result.evaluatedAt()));
    }
    return Map.copyOf(found);
  }

  /** What the gauges of {@code service} show now. */
  ReadinessGaugeValues shown(String service) {
    return shown.getOrDefault(service, ReadinessGaugeValues.NONE);
  }

  @Override
  public void close() {
    if (timer != null) timer.close();
  }

  private ReadinessResult resultOf(WorkflowExecutionMetadata run, ReadinessResult known) {
    if (known != null) return known;
    return client
        .newUntypedWorkflowStub(
            run.getExecution().getWorkflowId(),
            Optional.of(run.getExecution().getRunId()),
            Optional.empty())
        .getResult(ReadinessResult.class);
  }

  private void gauge(
      MeterRegistry registry,
      String service,
      String name,
      String description,
      ToDoubleFunction<ReadinessGaugeValues> value) {
    Gauge.builder(name, () -> value.applyAsDouble(shown(service)))
        .description(description)
        .tags("service", service)
        .register(registry);
  }
}
