package dev.drrunbooks.starter.schedules;

import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleRange;
import io.temporal.client.schedules.ScheduleSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A schedule's spec in words: "10:00 UTC on the first Monday of every month", "03:30 UTC every
 * Sunday".
 */
public final class ScheduleWords {
  private static final List<String> DAYS =
      List.of("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday");
  private static final List<String> MONTHS =
      List.of(
          "January",
          "February",
          "March",
          "April",
          "May",
          "June",
          "July",
          "August",
          "September",
          "October",
          "November",
          "December");
  private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth");

  private ScheduleWords() {}

  public static String of(ScheduleSpec spec) {
    String zone =
        spec.getTimeZoneName() == null || spec.getTimeZoneName().isBlank()
            ? "UTC"
            : spec.getTimeZoneName();
    List<String> parts = new ArrayList<>();
    for (ScheduleCalendarSpec c : orEmpty(spec.getCalendars())) parts.add(of(c, zone));
    orEmpty(spec.getIntervals()).forEach(i -> parts.add("every " + duration(i.getEvery())));
    orEmpty(spec.getCronExpressions()).forEach(c -> parts.add("cron '" + c + "'"));
    return parts.isEmpty() ? "(no times)" : String.join("; and ", parts);
  }

  public static String of(ScheduleCalendarSpec c, String zone) {
    String time = time(c);
    return time.matches("\\d\\d:\\d\\d(:\\d\\d)?")
        ? time + " " + zone + " " + days(c)
        : time + ", " + days(c) + " (" + zone + ")";
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  /** 7d, 1d, 12h, 90m, 30s: the largest unit that divides it. */
  public static String duration(Duration d) {
    if (d == null) return "-";
    long s = d.getSeconds();
    if (s != 0 && s % 86400 == 0) return s / 86400 + "d";
    if (s != 0 && s % 3600 == 0) return s / 3600 + "h";
    if (s != 0 && s % 60 == 0) return s / 60 + "m";
    return s + "s";
  }

  private static String time(ScheduleCalendarSpec c) {
    List<ScheduleRange> h = norm(c.getHour());
    List<ScheduleRange> m = norm(c.getMinutes());
    List<ScheduleRange> s = norm(c.getSeconds());
    boolean atZeroSecond = s.isEmpty() || (single(s) && s.get(0).getStart() == 0);
    if (single(h) && single(m) && (s.isEmpty() || single(s))) {
      String hm = String.format("%02d:%02d", h.get(0).getStart(), m.get(0).getStart());
      return atZeroSecond ? hm : hm + String.format(":%02d", s.get(0).getStart());
    }
    boolean allHours = isAll(h, 0, 23);
    if (atZeroSecond
        && allHours
        && m.size() == 1
        && m.get(0).getStart() == 0
        && m.get(0).getEnd() == 59) {
      return m.get(0).getStep() == 1 ? "every minute" : "every " + m.get(0).getStep() + " minutes";
    }
    if (atZeroSecond && allHours && single(m))
      return "at minute " + m.get(0).getStart() + " of every hour";
    if (allHours
        && isAll(m, 0, 59)
        && s.size() == 1
        && s.get(0).getStart() == 0
        && s.get(0).getEnd() == 59) {
      return s.get(0).getStep() == 1 ? "every second" : "every " + s.get(0).getStep() + " seconds";
    }
    String text = "at hour " + list(h, 0, 23, null) + ", minute " + list(m, 0, 59, null);
    return atZeroSecond ? text : text + ", second " + list(s, 0, 59, null);
  }

  private static String days(ScheduleCalendarSpec c) {
    List<ScheduleRange> dom = norm(c.getDayOfMonth());
    List<ScheduleRange> dow = norm(c.getDayOfWeek());
    List<ScheduleRange> month = norm(c.getMonth());
    boolean allDom = isAll(dom, 1, 31);
    boolean allDow = isAll(dow, 0, 6);
    boolean allMonths = isAll(month, 1, 12);
    String months = allMonths ? "every month" : list(month, 1, 12, MONTHS);
    String in = allMonths ? "" : " in " + months;
    if (allDom && allDow) return "every day" + in;
    if (allDom) return "every " + list(dow, 0, 6, DAYS) + in;
    if (single(dow)
        && dom.size() == 1
        && dom.get(0).getStep() == 1
        && dom.get(0).getEnd() - dom.get(0).getStart() == 6
        && (dom.get(0).getStart() - 1) % 7 == 0
        && dom.get(0).getStart() <= 22) {
      // days 1-7 and one weekday, both must match: the first such weekday of the month
      return "on the "
          + ORDINALS.get((dom.get(0).getStart() - 1) / 7)
          + " "
          + DAYS.get(dow.get(0).getStart())
          + " of "
          + months;
    }
    String days = "on day " + list(dom, 1, 31, null) + " of " + months;
    return allDow ? days : days + ", if a " + list(dow, 0, 6, DAYS);
  }

  /** Temporal reads an end before the start as the start, a step of 0 as 1. */
  private static List<ScheduleRange> norm(List<ScheduleRange> ranges) {
    if (ranges == null) return List.of();
    return ranges.stream()
        .map(
            r ->
                new ScheduleRange(
                    r.getStart(), Math.max(r.getStart(), r.getEnd()), Math.max(1, r.getStep())))
        .toList();
  }

  private static boolean single(List<ScheduleRange> ranges) {
    return ranges.size() == 1 && ranges.get(0).getStart() == ranges.get(0).getEnd();
  }

  private static boolean isAll(List<ScheduleRange> ranges, int min, int max) {
    if (ranges.isEmpty()) return true;
    boolean[] seen = new boolean[max + 1];
    for (ScheduleRange r : ranges) {
      for (int v = r.getStart(); v <= Math.min(r.getEnd(), max); v += r.getStep()) {
        if (v >= 0) seen[v] = true;
      }
    }
    for (int v = min; v <= max; v++) {
      if (!seen[v]) return false;
    }
    return true;
  }

  private static String list(List<ScheduleRange> ranges, int min, int max, List<String> names) {
    if (isAll(ranges, min, max)) return "*";
    return ranges.stream()
        .map(
            r -> {
              String base =
                  r.getStart() == min && r.getEnd() == max
                      ? "*"
                      : r.getStart() == r.getEnd()
                          ? name(r.getStart(), min, names)
                          : name(r.getStart(), min, names) + "-" + name(r.getEnd(), min, names);
              return r.getStep() > 1 ? base + " every " + r.getStep() : base;
            })
        .collect(Collectors.joining(", "));
  }

  private static String name(int value, int min, List<String> names) {
    if (names == null) return Integer.toString(value);
    int i = value - min;
    return i >= 0 && i < names.size() ? names.get(i) : Integer.toString(value);
  }
}
