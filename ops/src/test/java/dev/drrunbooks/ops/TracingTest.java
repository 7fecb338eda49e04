package dev.drrunbooks.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.opentracing.OpenTracingClientInterceptor;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingTest {

  @Test
  void withoutAnOtlpEndpointNothingIsInstalled() {
    Tracing off = Tracing.fromEnvironment(Map.of("OTEL_SERVICE_NAME", "x"), "dr-worker");
    assertFalse(off.enabled());
    assertTrue(off.workerInterceptors().isEmpty());
    assertTrue(off.clientInterceptors().isEmpty());
    assertTrue(off.describe().contains("off"), off.describe());
  }

  @Test
  void anOtlpEndpointInstallsTheSdksOpenTracingInterceptors() {
    try (Tracing on =
        Tracing.fromEnvironment(
            Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://user:secret@127.0.0.1:4318"),
            "dr-worker")) {
      assertTrue(on.enabled());
      assertEquals(1, on.workerInterceptors().size());
      assertInstanceOf(OpenTracingWorkerInterceptor.class, on.workerInterceptors().get(0));
      assertInstanceOf(OpenTracingClientInterceptor.class, on.clientInterceptors().get(0));
      assertEquals("traces to http://127.0.0.1:4318 (OTLP)", on.describe(), "no credentials");
    }
  }

  @Test
  void otelSdkDisabledWins() {
    assertFalse(
        Tracing.fromEnvironment(
                Map.of(
                    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                    "http://127.0.0.1:4318/v1/traces",
                    "OTEL_SDK_DISABLED",
                    "true"),
                "dr-gateway")
            .enabled());
  }
}
