package dev.drrunbooks.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.http.HttpProbeActivities;
import dev.drrunbooks.activities.http.ProbeReport;
import dev.drrunbooks.activities.http.ProbeSample;
import dev.drrunbooks.activities.http.ProbeVerdict;
import dev.drrunbooks.http.HttpProbeActivitiesImpl.ProbeProgress;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Probes over real HTTP against {@link LocalEndpoint}s on 127.0.0.1. */
class HttpProbeActivitiesImplTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private final HttpProbeActivitiesImpl probes = new HttpProbeActivitiesImpl(EndpointMap.none());

  @Test
  void aHealthyEndpointIsHealthyWithEveryProbeTimed() {
    try (LocalEndpoint endpoint = LocalEndpoint.healthy()) {
      ProbeReport report = probes.probe(endpoint.url("/health"), 3, Duration.ofMillis(20), TIMEOUT);

      assertEquals(ProbeVerdict.HEALTHY, report.verdict());
      assertEquals(3, report.ok());
      assertEquals(endpoint.url("/health"), report.url());
      assertEquals(
          List.of(200, 200, 200), report.samples().stream().map(ProbeSample::status).toList());
      report
          .samples()
          .forEach(
              s -> {
                assertNull(s.error(), s.toString());
                assertTrue(s.latencyMs() >= 0, s.toString());
              });
      assertEquals(List.of("GET /health", "GET /health", "GET /health"), endpoint.requests());
      assertTrue(
          report.describe().startsWith(endpoint.url("/health") + ": HEALTHY (3/3 ok, median "),
          report.describe());
    }
  }

  @Test
  void aFailingEndpointIsUnhealthyAndStillAReportNotAFailure() {
    try (LocalEndpoint endpoint = LocalEndpoint.failing()) {
      ProbeReport report = probes.probe(endpoint.url("/health"), 3, Duration.ZERO, TIMEOUT);

      assertEquals(ProbeVerdict.UNHEALTHY, report.verdict());
      assertEquals(0, report.ok());
      assertEquals(
          List.of(503, 503, 503), report.samples().stream().map(ProbeSample::status).toList());
      report
          .samples()
          .forEach(s -> assertNull(s.error(), "an answer, even a 503, is not an error"));
    }
  }

  @Test
  void aFlappingEndpointIsFlapping() {
    try (LocalEndpoint endpoint = LocalEndpoint.flapping()) {
      ProbeReport report = probes.probe(endpoint.url("/health"), 4, Duration.ZERO, TIMEOUT);

      assertEquals(ProbeVerdict.FLAPPING, report.verdict());
      assertEquals(2, report.ok());
      assertEquals(
          List.of(200, 503, 200, 503), report.samples().stream().map(ProbeSample::status).toList());
    }
  }

  @Test
  void aSlowAnswerWithinTheTimeoutCountsAndItsLatencyShows() {
    try (LocalEndpoint endpoint = LocalEndpoint.slow(Duration.ofMillis(300))) {
      ProbeReport report = probes.probe(endpoint.url("/health"), 2, Duration.ZERO, TIMEOUT);

      assertEquals(ProbeVerdict.HEALTHY, report.verdict());
      report
          .samples()
          .forEach(s -> assertTrue(s.latencyMs() >= 300, "latency of a 300 ms answer: " + s));
      assertTrue(report.medianLatencyMs() >= 300, report.describe());
    }
  }

  @Test
  void noAnswerWithinTheTimeoutIsASampleWithTheError() {
    try (LocalEndpoint endpoint = LocalEndpoint.slow(Duration.ofSeconds(10))) {
      ProbeReport report =
          probes.probe(endpoint.url("/health"), 2, Duration.ZERO, Duration.ofMillis(300));

      assertEquals(ProbeVerdict.UNHEALTHY, report.verdict());
      for (ProbeSample s : report.samples()) {
        assertEquals(0, s.status(), s.toString());
        assertNotNull(s.error());
        assertTrue(s.error().contains("300 ms"), s.error());
        assertTrue(s.latencyMs() >= 300, s.toString());
        assertTrue(
            s.latencyMs() < 9000, "the probe waited for the answer instead of timing out: " + s);
      }
    }
  }

  @Test
  void aRefusedConnectionIsASampleWithTheError() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    ProbeReport report =
        probes.probe("http://127.0.0.1:" + closedPort + "/health", 2, Duration.ZERO, TIMEOUT);

    assertEquals(ProbeVerdict.UNHEALTHY, report.verdict());
    report
        .samples()
        .forEach(
            s -> {
              assertEquals(0, s.status());
              assertNotNull(s.error(), s.toString());
            });
  }

  @Test
  void theEndpointMapReroutesAMappedHostKeepingPathAndQueryAndReportsTheOriginalUrl() {
    try (LocalEndpoint api = LocalEndpoint.healthy();
        LocalEndpoint alb = LocalEndpoint.failing()) {
      EndpointMap map =
          EndpointMap.parse(
              "api.mycomputer.com="
                  + api.baseUrl()
                  + ", primary-alb.eu-west-1.elb.amazonaws.com="
                  + alb.baseUrl());
      HttpProbeActivitiesImpl mapped = new HttpProbeActivitiesImpl(map);

      ProbeReport apiReport =
          mapped.probe("https://api.mycomputer.com/health?deep=1", 1, Duration.ZERO, TIMEOUT);
      ProbeReport albReport =
          mapped.probe(
              "https://primary-alb.eu-west-1.elb.amazonaws.com/health", 1, Duration.ZERO, TIMEOUT);

      assertEquals("https://api.mycomputer.com/health?deep=1", apiReport.url());
      assertEquals(ProbeVerdict.HEALTHY, apiReport.verdict());
      assertEquals(List.of("GET /health?deep=1"), api.requests());
      assertEquals("https://primary-alb.eu-west-1.elb.amazonaws.com/health", albReport.url());
      assertEquals(ProbeVerdict.UNHEALTHY, albReport.verdict());
      assertEquals(List.of("GET /health"), alb.requests());
    }
  }

  @Test
  void anUnmappedUrlIsProbedAsItIs() {
    try (LocalEndpoint endpoint = LocalEndpoint.healthy()) {
      HttpProbeActivitiesImpl mapped =
          new HttpProbeActivitiesImpl(EndpointMap.parse("api.mycomputer.com=http://127.0.0.1:1"));
      assertEquals(
          ProbeVerdict.HEALTHY,
          mapped.probe(endpoint.url("/health"), 1, Duration.ZERO, TIMEOUT).verdict());
      assertEquals(1, endpoint.requestCount());
    }
  }

  @Test
  void anInvalidUrlFailsNonRetryablyNamingIt() {
    for (String url :
        List.of(
            "not a url",
            "ftp://api.mycomputer.com/health",
            "api.mycomputer.com/health",
            "http:///health",
            "https://api.mycomputer.com:99999999/health")) {
      ApplicationFailure e =
          assertThrows(
              ApplicationFailure.class, () -> probes.probe(url, 1, Duration.ZERO, TIMEOUT), url);
      assertTrue(e.isNonRetryable(), url);
      assertEquals("InvalidUrl", e.getType(), url);
      assertTrue(e.getOriginalMessage().contains("'" + url + "'"), e.getOriginalMessage());
    }
    ApplicationFailure empty =
        assertThrows(ApplicationFailure.class, () -> probes.probe(" ", 1, Duration.ZERO, TIMEOUT));
    assertTrue(empty.isNonRetryable());
  }

  @Test
  void badCountsIntervalsAndTimeoutsFailNonRetryablyNamingTheField() {
    String url = "http://127.0.0.1:1/health";
    assertInvalid(() -> probes.probe(url, 0, Duration.ZERO, TIMEOUT), "probes");
    assertInvalid(() -> probes.probe(url, 1, Duration.ofSeconds(-1), TIMEOUT), "interval");
    assertInvalid(() -> probes.probe(url, 1, null, TIMEOUT), "interval");
    assertInvalid(() -> probes.probe(url, 1, Duration.ZERO, Duration.ZERO), "timeout");
    assertInvalid(() -> probes.probe(url, 1, Duration.ZERO, null), "timeout");
  }

  private static void assertInvalid(org.junit.jupiter.api.function.Executable call, String field) {
    ApplicationFailure e = assertThrows(ApplicationFailure.class, call);
    assertTrue(e.isNonRetryable());
    assertEquals("InvalidInput", e.getType());
    assertTrue(e.getOriginalMessage().contains(field), e.getOriginalMessage());
  }

  @Test
  void asAnActivityItHeartbeatsAfterEveryProbeAndKeepsTheInterval() {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    List<ProbeProgress> heartbeats = Collections.synchronizedList(new ArrayList<>());
    env.setActivityHeartbeatListener(ProbeProgress.class, heartbeats::add);
    try (LocalEndpoint endpoint = LocalEndpoint.flapping()) {
      env.registerActivitiesImplementations(probes);
      HttpProbeActivities stub =
          env.newActivityStub(
              HttpProbeActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofMinutes(1))
                  .setHeartbeatTimeout(Duration.ofMillis(5))
                  .build());

      long t0 = System.nanoTime();
      ProbeReport report = stub.probe(endpoint.url("/health"), 3, Duration.ofMillis(200), TIMEOUT);
      long elapsedMs = (System.nanoTime() - t0) / 1_000_000;

      assertEquals(ProbeVerdict.FLAPPING, report.verdict());
      assertTrue(elapsedMs >= 400, "3 probes 200 ms apart took " + elapsedMs + " ms");
      List<ProbeProgress> afterProbes = heartbeats.stream().distinct().toList();
      assertEquals(
          List.of(1, 2, 3),
          afterProbes.stream().map(ProbeProgress::probes).toList(),
          heartbeats.toString());
      assertEquals(List.of(1, 1, 2), afterProbes.stream().map(ProbeProgress::ok).toList());
      assertTrue(afterProbes.get(1).last().startsWith("HTTP 503"), afterProbes.toString());
    } finally {
      env.close();
    }
  }

  @Test
  void cancellationDeliveredByTheHeartbeatEndsTheProbing() {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try (LocalEndpoint endpoint = LocalEndpoint.healthy()) {
      env.setActivityHeartbeatListener(
          ProbeProgress.class,
          p -> {
            if (p.probes() == 2) env.requestCancelActivity();
          });
      env.registerActivitiesImplementations(probes);
      HttpProbeActivities stub =
          env.newActivityStub(
              HttpProbeActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofMinutes(1))
                  .setHeartbeatTimeout(Duration.ofMillis(5))
                  .build());

      assertThrows(
          CanceledFailure.class,
          () -> stub.probe(endpoint.url("/health"), 10, Duration.ofMillis(20), TIMEOUT));
      assertTrue(
          endpoint.requestCount() <= 3,
          "probes after the cancelling heartbeat: " + endpoint.requests());
    } finally {
      env.close();
    }
  }

  @Test
  void anInvalidUrlThroughTheActivityIsNotRetried() {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(probes);
      HttpProbeActivities stub =
          env.newActivityStub(
              HttpProbeActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
      ActivityFailure e =
          assertThrows(
              ActivityFailure.class, () -> stub.probe("htp:/nope", 1, Duration.ZERO, TIMEOUT));
      ApplicationFailure af = assertInstanceOf(ApplicationFailure.class, e.getCause());
      assertTrue(af.isNonRetryable());
      assertTrue(af.getOriginalMessage().contains("htp:/nope"), af.getOriginalMessage());
    } finally {
      env.close();
    }
  }
}
