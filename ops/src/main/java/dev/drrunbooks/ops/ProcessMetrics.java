package dev.drrunbooks.ops;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.drrunbooks.model.OncePerRunScope;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.time.Duration;

/**
 * One process's metrics in one Prometheus registry: the Temporal SDK's (through its Micrometer
 * reporter, from the scope given to the service stubs and so to every client and worker built on
 * them), the runbook's run metrics from workflow code, JVM and process metrics, and whatever the
 * process registers itself (the worker's visibility gauges).
 */
public final class ProcessMetrics implements AutoCloseable {
  /** How often the SDK's metrics scope reports to the registry: a scrape sees values this old. */
  public static final Duration REPORT_EVERY = Duration.ofSeconds(1);

  private final PrometheusMeterRegistry registry;
  private final Scope scope;

  public ProcessMetrics() {
    this(REPORT_EVERY);
  }

  ProcessMetrics(Duration reportEvery) {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    scope =
        new OncePerRunScope(
            new RootScopeBuilder()
                .reporter(new MicrometerClientStatsReporter(registry))
                .reportEvery(com.uber.m3.util.Duration.ofMillis(reportEvery.toMillis())));
  }

  /** For WorkflowServiceStubsOptions' metrics scope. */
  public Scope temporalScope() {
    return scope;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Every metric in the Prometheus text format (0.0.4). */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    try {
      scope.close();
    } catch (Exception e) {
      // closing flushes the last values; nothing is left to report to at shutdown
    }
    registry.close();
  }
}
