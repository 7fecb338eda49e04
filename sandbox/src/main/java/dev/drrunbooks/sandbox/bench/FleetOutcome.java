package dev.drrunbooks.sandbox.bench;

import dev.drrunbooks.activities.rds.RestorePollCadence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One fleet's numbers: N runs started at {@code begun} with restores emulated to take {@code
 * provisioning}, their measures, the worker's peak, what was left behind, and the serial baseline.
 *
 * @param serialSecondsPerRun the seed's validate-backups.sh pattern, seconds per validation as
 *     measured on a sample of {@code serialSample} (0: not measured)
 */
record FleetOutcome(
    int n,
    Duration provisioning,
    Instant begun,
    List<RunMeasures> runs,
    int maxThreads,
    long maxRssKb,
    String threadsAtPeak,
    List<String> leftovers,
    double serialSecondsPerRun,
    int serialSample) {

  /** First start request to the last run's close (null: some run is still open). */
  Duration wall() {
    if (runs.stream().anyMatch(r -> r.closed() == null)) return null;
    return Duration.between(
        begun, runs.stream().map(RunMeasures::closed).max(Instant::compareTo).orElse(begun));
  }

  long failures() {
    return runs.stream().filter(r -> !"completed".equals(r.outcome())).count();
  }

  /** Outcome to count, for the runs that did not complete. */
  Map<String, Long> failuresByOutcome() {
    Map<String, Long> by = new TreeMap<>();
    for (RunMeasures r : runs)
      if (!"completed".equals(r.outcome())) by.merge(r.outcome(), 1L, Long::sum);
    return by;
  }

  /** Up to {@code max} distinct failure messages, with how many runs failed so. */
  Map<String, Long> failureMessages(int max) {
    Map<String, Long> by = new LinkedHashMap<>();
    for (RunMeasures r : runs) {
      if (r.failure() == null) continue;
      if (by.containsKey(r.failure()) || by.size() < max) by.merge(r.failure(), 1L, Long::sum);
    }
    return by;
  }

  List<Duration> firstTaskWaits() {
    return runs.stream().map(RunMeasures::firstTaskWait).toList();
  }

  List<Duration> lags() {
    return runs.stream().map(r -> r.detectionLag(provisioning)).filter(Objects::nonNull).toList();
  }

  List<Duration> lagLowerBounds() {
    return runs.stream()
        .map(r -> r.detectionLagLowerBound(provisioning))
        .filter(Objects::nonNull)
        .toList();
  }

  /** Notifications that failed or timed out for good, across the fleet. */
  int notificationsLost() {
    return runs.stream().mapToInt(RunMeasures::notificationsLost).sum();
  }

  List<Duration> waitSchedulingDelays() {
    return runs.stream().map(RunMeasures::waitSchedulingDelay).filter(Objects::nonNull).toList();
  }

  /** {@code aws rds wait}'s describes for a restore of the emulated duration. */
  int awsWaitDescribes() {
    return RestorePollCadence.awsWaitCalls(provisioning);
  }

  List<Integer> describes() {
    return runs.stream().map(RunMeasures::describes).filter(d -> d > 0).toList();
  }

  long waitsOverAws() {
    return describes().stream().filter(d -> d > awsWaitDescribes()).count();
  }

  /** The most restores in flight at one time: restore call started, availability not yet seen. */
  int maxRestoresInFlight() {
    List<long[]> edges = new ArrayList<>();
    for (RunMeasures r : runs) {
      if (r.restoreStarted() == null) continue;
      edges.add(new long[] {r.restoreStarted().toEpochMilli(), 1});
      Instant end = r.readySeen() != null ? r.readySeen() : r.closed();
      if (end != null) edges.add(new long[] {end.toEpochMilli(), -1});
    }
    edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    int now = 0;
    int max = 0;
    for (long[] e : edges) {
      now += (int) e[1];
      max = Math.max(max, now);
    }
    return max;
  }

  /** The serial baseline for N: measured seconds per validation times N (null: not measured). */
  Duration serialEstimate() {
    return serialSecondsPerRun <= 0
        ? null
        : Duration.ofMillis((long) (serialSecondsPerRun * 1000 * n));
  }
}
