package dev.drrunbooks.worker.ops;

import dev.drrunbooks.backupvalidation.BackupValidation;
import dev.drrunbooks.drill.DrDrill;
import dev.drrunbooks.model.SearchAttributes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Gauges the worker computes from Temporal's visibility API (the DrProcedure, DrService, DrOutcome
 * and DrPhase search attributes), refreshed in the background: what a drill-overdue or a stuck-gate
 * alert needs must be right after a worker restart and the same on every worker, which counts kept
 * in the worker's memory (reset by a restart, held only by the worker that ran the run's last task)
 * would not be; a drill runs monthly.
 *
 * <ul>
 *   <li>{@value #LAST_PASS_AGE}{@code {procedure, service}}: seconds since the service's newest
 *       passing DR drill (DrOutcome PASSED) or backup validation (SUCCEEDED) closed; +Inf when none
 *       is found. A drill of several services passes each of them only when it passed as a whole.
 *   <li>{@value #WAITING_AT_GATE}{@code {procedure, service}}: runs running at an approval gate
 *       (DrPhase approval, confirm or confirm-replay); back to 0 when they no longer wait.
 *   <li>{@value #REFRESH_FAILURES}: refreshes that failed (Temporal unreachable, visibility refused
 *       the query); the gauges keep their last values meanwhile.
 * </ul>
 */
public final class RunVisibilityGauges implements AutoCloseable {
  public static final String LAST_PASS_AGE = "dr_last_pass_age_seconds";
  public static final String WAITING_AT_GATE = "dr_runs_waiting_at_gate";
  public static final String REFRESH_FAILURES = "dr_visibility_refresh_failures";

  /** How often the worker asks visibility (a few small list queries each time). */
  public static final Duration REFRESH_EVERY = Duration.ofSeconds(60);

  /** At most this many passing runs are read per procedure, newest first. */
  static final int MAX_SCANNED = 500;

  /**
   * The DrPhase values of a run waiting at a gate: the starter's {@code GatePhases.ALL} (a starter
   * test keeps the two equal).
   */
  public static final Set<String> GATE_PHASES = Set.of("approval", "confirm", "confirm-replay");

  /** The procedures whose last pass is tracked, and the DrOutcome that is a pass. */
  static final Map<String, String> PASSING =
      Map.of(DrDrill.PROCEDURE.key(), "PASSED", BackupValidation.PROCEDURE.key(), "SUCCEEDED");

  private final WorkflowClient client;
  private final MeterRegistry registry;
  private final Collection<String> services;
  private final Clock clock;
  private final Map<String, Instant> lastPass = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> waiting = new ConcurrentHashMap<>();
  private final Counter failures;
  private PeriodicRefresh timer;

  /**
   * @param services the catalog's service keys: each gets every gauge from the start
   */
  public RunVisibilityGauges(
      WorkflowClient client, MeterRegistry registry, Collection<String> services, Clock clock) {
    this.client = client;
    this.registry = registry;
    this.services = List.copyOf(services);
    this.clock = clock;
    this.failures =
        Counter.builder(REFRESH_FAILURES)
            .description("visibility refreshes of the dr_ gauges that failed")
            .register(registry);
    for (String procedure : PASSING.keySet()) {
      for (String service : this.services) {
        String key = procedure + " " + service;
        Gauge.builder(LAST_PASS_AGE, () -> age(key))
            .description("seconds since the service's newest passing run of the procedure closed")
            .tags("procedure", procedure, "service", service)
            .register(registry);
      }
    }
  }

  /** Refreshes now and then every {@code every}, on a daemon thread. */
  public RunVisibilityGauges start(Duration every) {
    timer = new PeriodicRefresh("visibility", every, this::refresh, failures);
    return this;
  }

  /** One refresh; throws what visibility threw. */
  public void refresh() {
    for (Map.Entry<String, String> pass : PASSING.entrySet()) {
      String query =
          "DrProcedure = \""
              + pass.getKey()
              + "\" AND DrOutcome = \""
              + pass.getValue()
              + "\" AND ExecutionStatus = \"Completed\"";
      Set<String> open = services.stream().collect(Collectors.toSet());
      // Newest first: stop once every catalog service has its newest pass.
      for (WorkflowExecutionMetadata run :
          (Iterable<WorkflowExecutionMetadata>)
              client.listExecutions(query).limit(MAX_SCANNED)::iterator) {
        Instant closed = run.getCloseTime();
        if (closed == null) continue;
        for (String service : servicesOf(run)) {
          lastPass.merge(pass.getKey() + " " + service, closed, (a, b) -> a.isAfter(b) ? a : b);
          open.remove(service);
        }
        if (open.isEmpty()) break;
      }
    }
    Map<String, Integer> counted = new HashMap<>();
    String gates =
        "ExecutionStatus = \"Running\" AND DrPhase IN ("
            + GATE_PHASES.stream()
                .sorted()
                .map(p -> "\"" + p + "\"")
                .collect(Collectors.joining(", "))
            + ")";
    client
        .listExecutions(gates)
        .limit(MAX_SCANNED)
        .forEach(
            run -> {
              String procedure = run.getTypedSearchAttributes().get(SearchAttributes.PROCEDURE);
              String service = run.getTypedSearchAttributes().get(SearchAttributes.SERVICE);
              counted.merge(
                  (procedure == null ? run.getWorkflowType() : procedure)
                      + " "
                      + (service == null ? "unknown" : service),
                  1,
                  Integer::sum);
            });
    waiting.forEach((key, n) -> n.set(counted.getOrDefault(key, 0)));
    counted.forEach(
        (key, n) -> {
          String[] parts = key.split(" ", 2);
          waitingGauge(parts[0], parts[1]).set(n);
        });
  }

  @Override
  public void close() {
    if (timer != null) timer.close();
  }

  private AtomicInteger waitingGauge(String procedure, String service) {
    return waiting.computeIfAbsent(
        procedure + " " + service,
        key -> {
          AtomicInteger n = new AtomicInteger();
          Gauge.builder(WAITING_AT_GATE, n, AtomicInteger::get)
              .description("runs running at an approval gate")
              .tags("procedure", procedure, "service", service)
              .register(registry);
          return n;
        });
  }

  private double age(String key) {
    Instant last = lastPass.get(key);
    if (last == null) return Double.POSITIVE_INFINITY;
    return Math.max(0, Duration.between(last, clock.instant()).toMillis() / 1000.0);
  }

  private static List<String> servicesOf(WorkflowExecutionMetadata run) {
    String tag = run.getTypedSearchAttributes().get(SearchAttributes.SERVICE);
    if (tag == null || tag.isBlank()) return List.of();
    return List.of(tag.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
