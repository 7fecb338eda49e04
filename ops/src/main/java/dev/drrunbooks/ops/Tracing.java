package dev.drrunbooks.ops;

import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.opentracing.OpenTracingClientInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Traces of starts, workflows, activities, signals, updates and queries through the Temporal SDK's
 * OpenTracing interceptors, over OpenTelemetry's OpenTracing shim, exported by OTLP. On only when
 * an OTLP endpoint is configured (OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT); then every other standard OTEL_* variable applies too
 * (protocol, headers, sampler, resource attributes). Metrics stay on /metrics and logs on stdout:
 * OTLP metrics and logs are off unless OTEL_METRICS_EXPORTER or OTEL_LOGS_EXPORTER say otherwise.
 * Off, it installs nothing.
 */
public final class Tracing implements AutoCloseable {
  public static final String ENDPOINT_ENV = "OTEL_EXPORTER_OTLP_ENDPOINT";
  public static final String TRACES_ENDPOINT_ENV = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";

  private final OpenTelemetrySdk sdk;
  private final OpenTracingOptions options;
  private final String endpoint;

  private Tracing(OpenTelemetrySdk sdk, String endpoint) {
    this.sdk = sdk;
    this.endpoint = endpoint;
    this.options =
        sdk == null
            ? null
            : OpenTracingOptions.newBuilder()
                .setTracer(OpenTracingShim.createTracerShim(sdk))
                .build();
  }

  /** Off: no interceptors. */
  public static Tracing off() {
    return new Tracing(null, null);
  }

  /**
   * @param env the process's environment (the OTEL_* variables)
   * @param serviceName the trace's service name unless OTEL_SERVICE_NAME sets one, e.g. dr-worker
   */
  public static Tracing fromEnvironment(Map<String, String> env, String serviceName) {
    String endpoint = firstSet(env, TRACES_ENDPOINT_ENV, ENDPOINT_ENV);
    if (endpoint == null || "true".equalsIgnoreCase(env.get("OTEL_SDK_DISABLED"))) return off();
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.service.name", serviceName);
    properties.put("otel.metrics.exporter", "none");
    properties.put("otel.logs.exporter", "none");
    // The given environment over the defaults above (autoconfigure reads the same variables from
    // the process's environment; passing them lets a caller, or a test, decide).
    env.forEach(
        (k, v) -> {
          if (k.startsWith("OTEL_"))
            properties.put(k.toLowerCase(Locale.ROOT).replace('_', '.'), v);
        });
    OpenTelemetrySdk sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesCustomizer(config -> properties)
            .disableShutdownHook()
            .build()
            .getOpenTelemetrySdk();
    // A user:password in the URL stays out of logs.
    return new Tracing(sdk, endpoint.replaceAll("//[^/@]*@", "//"));
  }

  public boolean enabled() {
    return sdk != null;
  }

  /** The worker's tracing interceptor (put it outermost), or none. */
  public List<WorkerInterceptor> workerInterceptors() {
    return enabled() ? List.of(new OpenTracingWorkerInterceptor(options)) : List.of();
  }

  /** The client's tracing interceptor (starts, signals, updates, queries), or none. */
  public List<WorkflowClientInterceptor> clientInterceptors() {
    return enabled() ? List.of(new OpenTracingClientInterceptor(options)) : List.of();
  }

  /** For the start-up line: where traces go, or that they are off (no headers: they hold keys). */
  public String describe() {
    return enabled()
        ? "traces to " + endpoint + " (OTLP)"
        : "tracing off (no " + ENDPOINT_ENV + ")";
  }

  /** Exports the spans still buffered. */
  @Override
  public void close() {
    if (sdk != null) sdk.close();
  }

  private static String firstSet(Map<String, String> env, String... names) {
    for (String n : names) {
      String v = env.get(n);
      if (v != null && !v.isBlank()) return v.trim();
    }
    return null;
  }
}
