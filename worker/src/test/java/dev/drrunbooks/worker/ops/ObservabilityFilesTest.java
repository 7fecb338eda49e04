package dev.drrunbooks.worker.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.uber.m3.tally.Scope;
import dev.drrunbooks.model.RunMetrics;
import dev.drrunbooks.ops.ProcessMetrics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/observability's dashboard and alert rules query only metrics the worker exports: the names
 * a registry built as the worker builds it ({@link ProcessMetrics}) serves once each runbook metric
 * has been reported the way workflow code reports it and the visibility and readiness gauges are
 * registered, and the Temporal SDK's own (its MetricsType constants, with Prometheus's suffixes).
 */
class ObservabilityFilesTest {
  private static final Path DIR =
      Path.of(System.getProperty("dr.repo.root", "..")).resolve("deploy/observability");

  /** PromQL words that are not metric names. */
  private static final Set<String> PROMQL =
      Set.of(
          "sum",
          "max",
          "min",
          "avg",
          "by",
          "without",
          "rate",
          "increase",
          "absent",
          "or",
          "and",
          "unless",
          "histogram_quantile",
          "le",
          "up",
          "time",
          "count",
          "on",
          "ignoring",
          "bool",
          "offset",
          "d",
          "h",
          "m",
          "s");

  @Test
  void everyQueriedMetricIsOneTheWorkerExports() throws Exception {
    Set<String> exported = exportedNames();
    Set<String> sdk = sdkNames();
    Map<String, List<String>> queries = new java.util.LinkedHashMap<>();
    JsonNode dashboard = new ObjectMapper().readTree(DIR.resolve("dashboard.json").toFile());
    for (JsonNode panel : dashboard.path("panels"))
      for (JsonNode target : panel.path("targets"))
        queries
            .computeIfAbsent("dashboard: " + panel.path("title").asText(), k -> new ArrayList<>())
            .add(target.path("expr").asText());
    JsonNode rules =
        new ObjectMapper(new YAMLFactory()).readTree(DIR.resolve("alerts.yaml").toFile());
    for (JsonNode group : rules.path("groups"))
      for (JsonNode rule : group.path("rules"))
        queries
            .computeIfAbsent("alert " + rule.path("alert").asText(), k -> new ArrayList<>())
            .add(rule.path("expr").asText());
    assertTrue(queries.size() >= 15, "dashboard panels and alerts: " + queries.keySet());
    for (String alert :
        List.of(
            "DrWorkerDown",
            "DrWorkerNoPollers",
            "DrDrillOverdue",
            "DrObjectiveBreached",
            "DrGateStuckWaiting",
            "DrServiceNotReady",
            "DrReadinessStale")) assertTrue(queries.containsKey("alert " + alert), alert);

    Set<String> unknown = new TreeSet<>();
    queries.forEach(
        (where, exprs) -> {
          for (String expr : exprs)
            for (String name : metricNames(expr))
              if (!exported.contains(name) && !sdk.contains(base(name)))
                unknown.add(where + ": " + name);
        });
    assertEquals(Set.of(), unknown, "queried but not exported");
  }

  /** Names in a PromQL expression: identifiers not inside {..} or "..", and not functions. */
  static Set<String> metricNames(String expr) {
    String bare = expr.replaceAll("\\{[^}]*\\}", " ").replaceAll("\"[^\"]*\"", " ");
    bare = bare.replaceAll("\\[[^\\]]*\\]", " ").replaceAll("by \\([^)]*\\)", " ");
    Set<String> names = new HashSet<>();
    Matcher m = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(bare);
    while (m.find()) if (!PROMQL.contains(m.group())) names.add(m.group());
    return names;
  }

  private static Set<String> exportedNames() {
    try (ProcessMetrics metrics = new ProcessMetrics()) {
      Scope scope =
          metrics
              .temporalScope()
              .tagged(
                  Map.of(
                      "procedure",
                      "dr-drill",
                      "service",
                      "inventory",
                      "outcome",
                      "PASSED",
                      "objective",
                      "rto",
                      "step",
                      "s",
                      "verdict",
                      "APPROVED"));
      // As RunMetrics reports them from workflow code: counters, gauges, the gate timer.
      scope.counter(RunMetrics.RUNS_STARTED).inc(1);
      scope.counter(RunMetrics.RUNS_ENDED).inc(1);
      scope.counter(RunMetrics.OBJECTIVE_BREACHES).inc(1);
      for (String g :
          List.of(
              RunMetrics.RTO_SECONDS,
              RunMetrics.RPO_SECONDS,
              RunMetrics.RTO_OBJECTIVE_SECONDS,
              RunMetrics.RPO_OBJECTIVE_SECONDS)) scope.gauge(g).update(1);
      scope.timer(RunMetrics.GATE_WAIT).record(com.uber.m3.util.Duration.ofSeconds(1));
      RunVisibilityGauges gauges =
          new RunVisibilityGauges(
              null, // not asked before start()
              metrics.registry(),
              List.of("inventory"),
              Clock.systemUTC());
      // A waiting run's gauge appears with the first refresh that sees one.
      io.micrometer.core.instrument.Gauge.builder(RunVisibilityGauges.WAITING_AT_GATE, () -> 1)
          .tags("procedure", "dns-failover", "service", "inventory")
          .register(metrics.registry());
      gauges.close();
      new ReadinessGauges(
              null, // not asked before start()
              metrics.registry(),
              List.of("inventory"),
              Clock.systemUTC())
          .close();
      Set<String> names = new HashSet<>();
      for (int i = 0;
          i < 150
              && !names.containsAll(
                  // Every one reported above: the SDK's reporter flushes them on its own schedule,
                  // not necessarily in one scrape.
                  List.of(
                      "dr_gate_wait_seconds_count",
                      "dr_runs_started_total",
                      "dr_runs_ended_total",
                      "dr_objective_breaches_total",
                      RunMetrics.RTO_SECONDS,
                      RunMetrics.RPO_SECONDS,
                      RunMetrics.RTO_OBJECTIVE_SECONDS,
                      RunMetrics.RPO_OBJECTIVE_SECONDS));
          i++) {
        names.clear();
        PrometheusText.parse(metrics.scrape()).samples().forEach(s -> names.add(s.name()));
        sleep();
      }
      return names;
    }
  }

  private static Set<String> sdkNames() throws IllegalAccessException {
    Set<String> names = new HashSet<>();
    for (Class<?> c :
        List.of(io.temporal.worker.MetricsType.class, io.temporal.serviceclient.MetricsType.class))
      for (Field f : c.getFields())
        if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
          names.add((String) f.get(null));
    return names;
  }

  /** A Prometheus sample name without the suffixes Micrometer adds to counters and timers. */
  private static String base(String name) {
    return name.replaceAll("(_seconds)?(_bucket|_count|_sum|_max)$", "").replaceAll("_total$", "");
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
