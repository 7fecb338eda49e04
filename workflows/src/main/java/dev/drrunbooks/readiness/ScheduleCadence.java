package dev.drrunbooks.readiness;

import dev.drrunbooks.catalog.CalendarSpec;
import dev.drrunbooks.catalog.ScheduleSpec;
import java.time.Duration;

/**
 * How long a schedule may go between two runs: the longest gap its calendar allows, plus its
 * catch-up window (a run missed during an outage may start that much later). The gap is read from
 * the coarsest field the calendar pins: a day of the month or a month makes it monthly (31 days), a
 * day of the week weekly, an hour daily, else hourly; an upper bound for the calendars a catalog
 * writes (the first Monday of the month, Sunday night, every 30 minutes).
 */
final class ScheduleCadence {
  private ScheduleCadence() {}

  static Duration allowedAge(ScheduleSpec schedule) {
    Duration catchUp = schedule.catchupWindow() == null ? Duration.ZERO : schedule.catchupWindow();
    return longestGap(schedule.calendar()).plus(catchUp);
  }

  static Duration longestGap(CalendarSpec c) {
    if (pinned(c.dayOfMonth()) || pinned(c.month())) return Duration.ofDays(31);
    if (pinned(c.dayOfWeek())) return Duration.ofDays(7);
    if (pinned(c.hour())) return Duration.ofDays(1);
    return Duration.ofHours(1);
  }

  private static boolean pinned(String field) {
    return field != null && !field.isBlank() && !field.trim().equals("*");
  }
}
