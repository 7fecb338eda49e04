package dev.drrunbooks.readiness;

import java.time.Duration;

/**
 * Durations as an operator reads them in a check and wherever readiness shows a figure ({@code dr
 * readiness}, {@code dr posture}, its page, the report): {@code 42s}, {@code 4m 10s}, {@code 2h
 * 5m}, {@code 3d 4h}. Seconds show below an hour, so a 42-second replication lag never reads as "0
 * min".
 */
public final class Ages {
  private Ages() {}

  public static String of(Duration d) {
    if (d == null) return "-";
    long s = Math.max(d.toSeconds(), 0);
    if (s < 60) return s + "s";
    if (s < 3600) return (s / 60) + "m" + (s % 60 == 0 ? "" : " " + (s % 60) + "s");
    if (s < 86_400)
      return (s / 3600) + "h" + ((s % 3600) / 60 == 0 ? "" : " " + (s % 3600) / 60 + "m");
    return (s / 86_400) + "d" + ((s % 86_400) / 3600 == 0 ? "" : " " + (s % 86_400) / 3600 + "h");
  }
}
