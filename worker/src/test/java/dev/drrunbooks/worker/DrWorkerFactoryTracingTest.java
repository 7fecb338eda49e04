package dev.drrunbooks.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.ops.Tracing;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.opentracing.OpenTracingClientInterceptor;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SDK's tracing interceptors are in the worker's factory and client only when configured. */
class DrWorkerFactoryTracingTest {

  @Test
  void withoutAnOtlpEndpointTheWorkerRunsItsOwnInterceptorsOnly() {
    Tracing off = Tracing.fromEnvironment(Map.of(), "dr-worker");
    WorkerInterceptor[] installed = DrWorkerFactory.options(off).getWorkerInterceptors();
    assertEquals(DrWorkerFactory.interceptors().size(), installed.length);
    assertTrue(Arrays.stream(installed).noneMatch(i -> i instanceof OpenTracingWorkerInterceptor));
    assertTrue(DrWorkerFactory.clientOptions("default", off).getInterceptors().length == 0);
  }

  @Test
  void withAnOtlpEndpointTracingIsOutermostInWorkerAndClient() {
    try (Tracing on =
        Tracing.fromEnvironment(
            Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318"), "dr-worker")) {
      WorkerInterceptor[] installed = DrWorkerFactory.options(on).getWorkerInterceptors();
      assertEquals(DrWorkerFactory.interceptors().size() + 1, installed.length);
      assertInstanceOf(OpenTracingWorkerInterceptor.class, installed[0]);
      assertInstanceOf(
          OpenTracingClientInterceptor.class,
          DrWorkerFactory.clientOptions("default", on).getInterceptors()[0]);
      assertEquals(
          "default", DrWorkerFactory.clientOptions("default", on).getNamespace(), "shared options");
    }
  }
}
