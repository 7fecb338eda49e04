package dev.drrunbooks.sandbox.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The benchmark's one table: a row per measure, a column per fleet size. */
final class BenchTable {
  private BenchTable() {}

  static String render(List<FleetOutcome> fleets, String temporalMode) {
    List<String[]> rows = new ArrayList<>();
    row(rows, fleets, "concurrent validations (N)", f -> Integer.toString(f.n()));
    row(
        rows,
        fleets,
        "most restores in flight at once",
        f -> Integer.toString(f.maxRestoresInFlight()));
    row(rows, fleets, "time until all complete", f -> Percentiles.seconds(f.wall()));
    row(
        rows,
        fleets,
        "runs/s",
        f -> f.wall() == null ? "-" : String.format("%.2f", f.n() * 1000.0 / f.wall().toMillis()));
    row(
        rows,
        fleets,
        "first workflow task wait p50",
        f -> Percentiles.seconds(Percentiles.of(f.firstTaskWaits(), 50)));
    row(
        rows,
        fleets,
        "first workflow task wait p99",
        f -> Percentiles.seconds(Percentiles.of(f.firstTaskWaits(), 99)));
    row(
        rows,
        fleets,
        "detection lag p50 (upper bound)",
        f -> Percentiles.seconds(Percentiles.of(f.lags(), 50)));
    row(
        rows,
        fleets,
        "detection lag p99 (upper bound)",
        f -> Percentiles.seconds(Percentiles.of(f.lags(), 99)));
    row(
        rows,
        fleets,
        "detection lag p50 (lower bound)",
        f -> Percentiles.seconds(Percentiles.of(f.lagLowerBounds(), 50)));
    row(
        rows,
        fleets,
        "restore answered to wait scheduled p50 / p99",
        f ->
            Percentiles.seconds(Percentiles.of(f.waitSchedulingDelays(), 50))
                + " / "
                + Percentiles.seconds(Percentiles.of(f.waitSchedulingDelays(), 99)));
    row(
        rows,
        fleets,
        "describes per wait: mean / max",
        f ->
            f.describes().isEmpty()
                ? "-"
                : String.format(
                    "%.2f / %d",
                    f.describes().stream().mapToInt(Integer::intValue).average().orElse(0),
                    f.describes().stream().mapToInt(Integer::intValue).max().orElse(0)));
    row(
        rows,
        fleets,
        "aws rds wait describes, same restore",
        f -> Integer.toString(f.awsWaitDescribes()));
    row(
        rows,
        fleets,
        "waits with more describes than aws rds wait",
        f -> Long.toString(f.waitsOverAws()));
    row(rows, fleets, "worker threads max", f -> Integer.toString(f.maxThreads()));
    row(rows, fleets, "worker RSS max", f -> String.format("%d MB", f.maxRssKb() / 1024));
    row(
        rows,
        fleets,
        "failures",
        f -> f.failures() + (f.failures() == 0 ? "" : " " + f.failuresByOutcome()));
    row(rows, fleets, "notifications lost", f -> Integer.toString(f.notificationsLost()));
    row(rows, fleets, "left behind", f -> Integer.toString(f.leftovers().size()));
    row(
        rows,
        fleets,
        "serial validate-backups.sh, same N",
        f ->
            f.serialEstimate() == null
                ? "-"
                : Percentiles.seconds(f.serialEstimate())
                    + (f.serialSample() < f.n() ? " (est.)" : ""));
    row(
        rows,
        fleets,
        "serial / concurrent",
        f ->
            f.serialEstimate() == null || f.wall() == null
                ? "-"
                : String.format(
                    "%.1fx", f.serialEstimate().toMillis() / (double) f.wall().toMillis()));

    int[] widths = new int[rows.get(0).length];
    for (String[] r : rows)
      for (int i = 0; i < r.length; i++) widths[i] = Math.max(widths[i], r[i].length());
    StringBuilder b = new StringBuilder();
    FleetOutcome first = fleets.get(0);
    b.append(
        String.format(
            "Fleet benchmark: Temporal %s, emulated restore %d s, BackupValidation runs%n",
            temporalMode, first.provisioning().toSeconds()));
    for (String[] r : rows) {
      b.append(String.format("%-" + widths[0] + "s", r[0]));
      for (int i = 1; i < r.length; i++)
        b.append(" | ").append(String.format("%" + widths[i] + "s", r[i]));
      b.append('\n');
    }
    return b.toString();
  }

  private static void row(
      List<String[]> rows,
      List<FleetOutcome> fleets,
      String name,
      Function<FleetOutcome, String> cell) {
    String[] r = new String[fleets.size() + 1];
    r[0] = name;
    for (int i = 0; i < fleets.size(); i++) r[i + 1] = cell.apply(fleets.get(i));
    rows.add(r);
  }
}
