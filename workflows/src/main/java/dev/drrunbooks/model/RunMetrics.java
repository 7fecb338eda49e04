package dev.drrunbooks.model;

import com.uber.m3.tally.Scope;
import com.uber.m3.util.Duration;
import io.temporal.workflow.Workflow;
import java.util.HashMap;
import java.util.Map;

/**
 * The runbook's own metrics, emitted from workflow code through {@link Workflow#getMetricsScope()}:
 * the SDK drops them while a workflow replays, so each is emitted once per run however often its
 * history is replayed, and emitting one adds no command to the history (no {@code getVersion}
 * needed). The worker's Prometheus registry exports them (suffixes as Prometheus names them):
 * counters end {@code _total}, the gate timer is {@code dr_gate_wait_seconds_*}.
 *
 * <p>Every metric of a name carries the same label keys (Prometheus refuses a name with two label
 * sets): {@code procedure} (the run's DrProcedure, e.g. {@code dr-drill}, {@code dns-failback}; the
 * workflow type before it is set) and {@code service} (its DrService, {@code unknown} before it is
 * set), plus those listed per metric, beside the SDK's {@code namespace}, {@code task_queue} and
 * {@code workflow_type}.
 *
 * <p>A workflow task that is retried runs its new code again (not as a replay): the worker's scope
 * must be a {@link OncePerRunScope}, which counts each run's event once and strips the run id this
 * class tags everything with.
 */
public final class RunMetrics {
  /** Counter: runs started (not continued-as-new). */
  public static final String RUNS_STARTED = "dr_runs_started";

  /** Counter: runs ended, label {@code outcome} (the report's: PASSED, SWITCHED, FAILED...). */
  public static final String RUNS_ENDED = "dr_runs_ended";

  /** Gauge: the achieved RTO of the service's latest run of the procedure, in seconds. */
  public static final String RTO_SECONDS = "dr_run_rto_seconds";

  /** Gauge: the achieved RPO of the service's latest run of the procedure, in seconds. */
  public static final String RPO_SECONDS = "dr_run_rpo_seconds";

  /** Gauge: the service's RTO objective as the latest run measured against, in seconds. */
  public static final String RTO_OBJECTIVE_SECONDS = "dr_rto_objective_seconds";

  /** Gauge: the service's RPO objective as the latest run measured against, in seconds. */
  public static final String RPO_OBJECTIVE_SECONDS = "dr_rpo_objective_seconds";

  /** Counter: objectives missed, label {@code objective} ({@code rto} or {@code rpo}). */
  public static final String OBJECTIVE_BREACHES = "dr_objective_breaches";

  /**
   * Timer: how long a gate waited until it was decided (seconds in Prometheus), labels {@code step}
   * and {@code verdict} (APPROVED, ABORTED, TIMED_OUT_ABORTED...).
   */
  public static final String GATE_WAIT = "dr_gate_wait";

  private RunMetrics() {}

  public static void runStarted() {
    scope(Map.of()).counter(RUNS_STARTED).inc(1);
  }

  public static void runEnded(String outcome) {
    scope(Map.of("outcome", outcome)).counter(RUNS_ENDED).inc(1);
  }

  /**
   * One service's objectives as a run ended; a null achieved or objective value (not measured) is
   * not reported.
   *
   * @param service the objective row's service (a drill of several services reports each)
   */
  public static void objectives(
      String service,
      java.time.Duration rtoAchieved,
      java.time.Duration rtoObjective,
      boolean rtoBreached,
      java.time.Duration rpoAchieved,
      java.time.Duration rpoObjective,
      boolean rpoBreached) {
    Scope s = scope(Map.of(), service);
    gauge(s, RTO_SECONDS, rtoAchieved);
    gauge(s, RTO_OBJECTIVE_SECONDS, rtoObjective);
    gauge(s, RPO_SECONDS, rpoAchieved);
    gauge(s, RPO_OBJECTIVE_SECONDS, rpoObjective);
    if (rtoBreached) scope(Map.of("objective", "rto"), service).counter(OBJECTIVE_BREACHES).inc(1);
    if (rpoBreached) scope(Map.of("objective", "rpo"), service).counter(OBJECTIVE_BREACHES).inc(1);
  }

  /** A gate decided after waiting {@code waited} (workflow time). */
  public static void gateDecided(String step, String verdict, java.time.Duration waited) {
    scope(Map.of("step", step, "verdict", verdict))
        .timer(GATE_WAIT)
        .record(Duration.ofNanos(waited.toNanos()));
  }

  /** The run's procedure label: its DrProcedure search attribute, else its workflow type. */
  public static String procedure() {
    String tag = Workflow.getTypedSearchAttributes().get(SearchAttributes.PROCEDURE);
    return tag == null || tag.isBlank() ? Workflow.getInfo().getWorkflowType() : tag;
  }

  /** The run's service label: its DrService search attribute, else {@code unknown}. */
  public static String service() {
    String tag = Workflow.getTypedSearchAttributes().get(SearchAttributes.SERVICE);
    return tag == null || tag.isBlank() ? "unknown" : tag;
  }

  private static void gauge(Scope s, String name, java.time.Duration value) {
    if (value != null) s.gauge(name).update(value.toMillis() / 1000.0);
  }

  private static Scope scope(Map<String, String> extra) {
    return scope(extra, service());
  }

  private static Scope scope(Map<String, String> extra, String service) {
    Map<String, String> tags = new HashMap<>(extra);
    tags.put("procedure", procedure());
    tags.put("service", service);
    tags.put(OncePerRunScope.RUN_TAG, Workflow.getInfo().getRunId());
    return Workflow.getMetricsScope().tagged(tags);
  }
}
