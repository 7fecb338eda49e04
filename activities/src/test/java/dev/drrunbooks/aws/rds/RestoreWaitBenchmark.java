package dev.drrunbooks.aws.rds;

import dev.drrunbooks.activities.rds.RestoreDurationDefaults;
import dev.drrunbooks.activities.rds.RestoreExpectation;
import dev.drrunbooks.activities.rds.RestorePollCadence;
import dev.drrunbooks.aws.rds.RestoreWaitSimulation.Cadence;
import dev.drrunbooks.aws.rds.RestoreWaitSimulation.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Prints, for simulated restores, the detection lag (p50, p99) and describe calls per wait (mean,
 * max) of the adaptive cadence against {@code aws rds wait} (30 s) and the old Polling.DEFAULT (2 s
 * doubling to 30 s). Durations are lognormal around a median; the adaptive cadence expects what 20
 * earlier restores of the same distribution measured (the ledger), or, in the "no evidence" case,
 * the instance class's default. A benchmark, not a test: deploy/local/bench-restore-waits runs it.
 *
 * <p>Arguments: [restores per case (1000)] [seed (15)].
 */
public final class RestoreWaitBenchmark {
  private RestoreWaitBenchmark() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 15;
    Random random = new Random(seed);
    System.out.printf(
        "%d simulated restores per case, seed %d; lag = seen available minus the restore's end%n",
        n, seed);
    System.out.printf(
        "%-62s %-16s %8s %8s %11s %9s%n",
        "case", "cadence", "lag p50", "lag p99", "calls mean", "calls max");
    for (int minutes : new int[] {8, 10, 12}) {
      for (double sigma : new double[] {0.1, 0.2}) {
        List<Duration> measured = lognormal(random, minutes, sigma, 20);
        RestoreExpectation ledger =
            RestoreExpectation.fromSamples(measured, "20 measured").orElseThrow();
        run(
            String.format("median %d min, sigma %.1f, ledger evidence", minutes, sigma),
            lognormal(random, minutes, sigma, n),
            ledger);
      }
    }
    run(
        "median 10 min, sigma 0.2, no evidence (db.r6g.large default)",
        lognormal(random, 10, 0.2, n),
        RestoreDurationDefaults.forClass("db.r6g.large"));
    run(
        "median 10 min, sigma 0.2, no evidence (db.t3.micro default)",
        lognormal(random, 10, 0.2, n),
        RestoreDurationDefaults.forClass("db.t3.micro"));
  }

  private static List<Duration> lognormal(Random random, int medianMinutes, double sigma, int n) {
    List<Duration> out = new ArrayList<>();
    for (int i = 0; i < n; i++)
      out.add(
          Duration.ofMillis(
              Math.round(medianMinutes * 60_000 * Math.exp(sigma * random.nextGaussian()))));
    return out;
  }

  private static void run(String name, List<Duration> restores, RestoreExpectation expected) {
    RestorePollCadence adaptive = RestorePollCadence.of(expected);
    print(name, "adaptive", restores, RestoreWaitSimulation.adaptive(adaptive));
    print("", "aws rds wait", restores, RestoreWaitSimulation.awsCli());
    print("", "Polling.DEFAULT", restores, RestoreWaitSimulation.polling(Polling.DEFAULT));
    long over = 0;
    for (Duration d : restores)
      if (RestoreWaitSimulation.wait(d, RestoreWaitSimulation.adaptive(adaptive)).calls()
          > RestorePollCadence.awsWaitCalls(d)) over++;
    System.out.printf("%-62s waits with more calls than aws rds wait: %d%n", "", over);
  }

  private static void print(String name, String cadence, List<Duration> restores, Cadence c) {
    List<Outcome> outcomes = restores.stream().map(d -> RestoreWaitSimulation.wait(d, c)).toList();
    List<Duration> lags = outcomes.stream().map(Outcome::lag).toList();
    double mean = outcomes.stream().mapToInt(Outcome::calls).average().orElse(0);
    int max = outcomes.stream().mapToInt(Outcome::calls).max().orElse(0);
    System.out.printf(
        "%-62s %-16s %7.1fs %7.1fs %11.1f %9d%n",
        name,
        cadence,
        RestoreWaitSimulation.percentile(lags, 0.5).toMillis() / 1000.0,
        RestoreWaitSimulation.percentile(lags, 0.99).toMillis() / 1000.0,
        mean,
        max);
  }
}
