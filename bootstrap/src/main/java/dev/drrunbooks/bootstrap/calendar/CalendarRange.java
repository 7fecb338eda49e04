package dev.drrunbooks.bootstrap.calendar;

/**
 * One range of a calendar field, as Temporal counts it: start to end inclusive, every {@code step}.
 */
public record CalendarRange(int start, int end, int step) {

  public static CalendarRange of(int value) {
    return new CalendarRange(value, value, 1);
  }
}
