package dev.drrunbooks.sandbox.bench;

import dev.drrunbooks.bootstrap.catalog.CatalogLoader;
import dev.drrunbooks.bootstrap.codec.PayloadEncryption;
import dev.drrunbooks.bootstrap.connect.DrClientOptions;
import dev.drrunbooks.bootstrap.connect.TemporalClientConfig;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.sandbox.SandboxDatabases;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fleet benchmark (deploy/local/bench runs it; a benchmark that prints numbers, not a test):
 * for each N, a worker process of the sandbox's jar on a task queue of its own with restores
 * emulated to take {@code --restore-seconds}, N backup validations started at once ({@link
 * ValidationFleet}), then their histories read ({@link RunMeasures}), the worker's peak threads and
 * RSS ({@link ProcSample}), and what is left in the emulator ({@link Leftovers}); one table at the
 * end ({@link BenchTable}). Environment: the sandbox's env file, exported.
 */
public final class FleetBench {
  private FleetBench() {}

  public static void main(String[] args) throws Exception {
    BenchOptions o;
    try {
      o = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.println(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    Map<String, String> env = System.getenv();
    Catalog catalog = CatalogLoader.load(Path.of(env.get("DR_CATALOG")));
    TemporalClientConfig temporal = TemporalClientConfig.fromEnvironment(env);
    WorkflowServiceStubs stubs = temporal.connect();
    WorkflowClient client =
        WorkflowClient.newInstance(
            stubs, DrClientOptions.forNamespace(temporal.namespace(), PayloadEncryption.process()));
    SandboxDatabases databases = SandboxDatabases.fromEnvironment(env);
    String stamp =
        DateTimeFormatter.ofPattern("MMddHHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
    Files.createDirectories(o.logDir());

    List<FleetOutcome> outcomes = new ArrayList<>();
    String mode = env.getOrDefault("TEMPORAL_MODE", "unknown");
    for (int n : o.sizes()) {
      outcomes.add(runFleet(o, env, catalog, client, databases, "b" + stamp + "n" + n, n));
      // So far, on stderr: a fleet that takes long leaves the ones before it printed.
      if (outcomes.size() < o.sizes().size()) System.err.print(BenchTable.render(outcomes, mode));
    }
    stubs.shutdown();
    System.out.println();
    System.out.print(BenchTable.render(outcomes, mode));
    if (o.serialSecondsPerRun() > 0)
      System.out.printf(
          "serial: the seed's validate-backups.sh pattern on the same moto, %.1f s per validation"
              + " measured on %d in a row; N x that (est.): linear, nothing in it runs in"
              + " parallel%n",
          o.serialSecondsPerRun(), o.serialSample());
    for (FleetOutcome f : outcomes) {
      System.out.printf("N=%d worker threads at peak: %s%n", f.n(), f.threadsAtPeak());
      f.failureMessages(3)
          .forEach((m, c) -> System.out.printf("N=%d failed (%d): %s%n", f.n(), c, m));
      f.leftovers().stream().limit(10).forEach(l -> System.out.printf("N=%d left: %s%n", f.n(), l));
    }
  }

  private static FleetOutcome runFleet(
      BenchOptions o,
      Map<String, String> env,
      Catalog catalog,
      WorkflowClient client,
      SandboxDatabases databases,
      String tag,
      int n)
      throws Exception {
    String queue = "dr-bench-" + tag;
    Map<String, String> workerEnv = new HashMap<>(env);
    workerEnv.put("DR_TASK_QUEUE", queue);
    workerEnv.put("DR_SANDBOX_RESTORE_SECONDS", Long.toString(o.restore().toSeconds()));
    workerEnv.put("DR_OPS_HOST", "127.0.0.1");
    workerEnv.put("DR_OPS_PORT", "0");
    // The bench's runs are load, not evidence: its worker keeps no ledger, so dr evidence and the
    // readiness posture still read only the sandbox's own runs (a worker without a ledger answers
    // "not recorded" and recovers as usual, LedgerSettings).
    workerEnv.keySet().removeIf(k -> k.startsWith("DR_LEDGER_"));
    Path log = o.logDir().resolve("worker-" + tag + ".log");
    ValidationFleet fleet = new ValidationFleet(client, catalog, queue);
    progress("N=%d: starting a worker on %s (log %s)", n, queue, log);
    try (WorkerUnderTest worker = WorkerUnderTest.start(o.jar(), o.jvmOptions(), workerEnv, log)) {
      Instant begun = Instant.now();
      List<ValidationFleet.Run> runs = fleet.start(n, tag);
      progress(
          "N=%d: %d runs started in %.1f s; waiting for all", n, runs.size(), secondsSince(begun));
      List<ValidationFleet.Run> open = fleet.awaitAll(runs, begun.plus(o.timeout()));
      progress(
          "N=%d: %d closed, %d still open after %.1f s",
          n, n - open.size(), open.size(), secondsSince(begun));
      ProcSample.Peak peak = worker.peak();
      int threads = peak.maxThreads();
      long rss = peak.maxRssKb();
      String names = peak.threadsAtPeak();
      List<RunMeasures> measures = fleet.measure(runs);
      Set<String> ids = new HashSet<>();
      Set<String> instances = new HashSet<>();
      for (ValidationFleet.Run r : runs) {
        ids.add(r.workflowId());
        instances.add(r.instance());
      }
      List<String> left =
          Leftovers.find(Set.of(catalog.regions().primary()), ids, instances, databases);
      progress("N=%d: histories read, %d things left behind", n, left.size());
      return new FleetOutcome(
          n,
          o.restore(),
          begun,
          measures,
          threads,
          rss,
          names,
          left,
          o.serialSecondsPerRun(),
          o.serialSample());
    }
  }

  private static double secondsSince(Instant t) {
    return Duration.between(t, Instant.now()).toMillis() / 1000.0;
  }

  private static void progress(String format, Object... args) {
    System.err.printf("bench: " + format + "%n", args);
  }
}
