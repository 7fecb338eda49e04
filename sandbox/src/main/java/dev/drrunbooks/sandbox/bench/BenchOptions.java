package dev.drrunbooks.sandbox.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's arguments.
 *
 * @param sizes fleet sizes N, each run in turn
 * @param restore emulated restore (provisioning) time
 * @param jar the sandbox worker jar
 * @param jvmOptions the worker's JVM options
 * @param timeout how long to wait for a fleet before counting its open runs as failures
 * @param logDir where worker logs go
 * @param serialSecondsPerRun measured seconds of one serial validate-backups.sh validation (0:
 *     none)
 * @param serialSample how many validations that was measured over
 */
record BenchOptions(
    List<Integer> sizes,
    Duration restore,
    Path jar,
    List<String> jvmOptions,
    Duration timeout,
    Path logDir,
    double serialSecondsPerRun,
    int serialSample) {

  static final String USAGE =
      "usage: FleetBench [--n 100,500,2000] [--restore-seconds 20] [--jar"
          + " sandbox/target/dr-sandbox.jar] [--worker-jvm '-Xmx768m'] [--timeout-minutes 30]"
          + " [--log-dir target/bench] [--serial-seconds-per-run S --serial-sample K]";

  /**
   * @throws IllegalArgumentException naming the option, its value and what is allowed
   */
  static BenchOptions parse(String[] args) {
    List<Integer> sizes = List.of(100, 500, 2000);
    long restore = 20;
    Path jar = Path.of("sandbox/target/dr-sandbox.jar");
    List<String> jvm = List.of("-Xmx768m");
    long timeoutMinutes = 30;
    Path logDir = Path.of("target/bench");
    double serial = 0;
    int sample = 0;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) throw new IllegalArgumentException(name + ": needs a value");
      String value = args[++i];
      switch (name) {
        case "--n" -> {
          List<Integer> parsed = new ArrayList<>();
          for (String s : value.split(",")) parsed.add(whole(name, s.trim(), 1, 100_000));
          sizes = List.copyOf(parsed);
        }
        case "--restore-seconds" -> restore = whole(name, value, 0, 86_400);
        case "--jar" -> jar = Path.of(value);
        case "--worker-jvm" ->
            jvm = value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
        case "--timeout-minutes" -> timeoutMinutes = whole(name, value, 1, 1440);
        case "--log-dir" -> logDir = Path.of(value);
        case "--serial-seconds-per-run" -> {
          try {
            serial = Double.parseDouble(value);
          } catch (NumberFormatException e) {
            serial = -1;
          }
          if (serial < 0)
            throw new IllegalArgumentException(
                name + ": '" + value + "' is not allowed: seconds, 0 or more");
        }
        case "--serial-sample" -> sample = whole(name, value, 0, 100_000);
        default -> throw new IllegalArgumentException(name + ": unknown option");
      }
    }
    return new BenchOptions(
        sizes,
        Duration.ofSeconds(restore),
        jar,
        jvm,
        Duration.ofMinutes(timeoutMinutes),
        logDir,
        serial,
        sample);
  }

  private static int whole(String name, String value, int min, int max) {
    try {
      int v = Integer.parseInt(value);
      if (v >= min && v <= max) return v;
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException(
        name + ": '" + value + "' is not allowed: a whole number from " + min + " to " + max);
  }
}
