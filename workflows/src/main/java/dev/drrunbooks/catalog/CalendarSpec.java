package dev.drrunbooks.catalog;

import java.util.List;

/**
 * When a schedule fires, in Temporal's structured calendar fields. Every field must match (they are
 * ANDed, unlike classic cron), so {@code dayOfMonth: "1-7"} with {@code dayOfWeek: MON} is the first
 * Monday of the month. {@code hour} and {@code minute} are required; {@code second} defaults to 0,
 * the day and month fields to every one.
 */
public record CalendarSpec(
    String second,
    String minute,
    String hour,
    String dayOfMonth,
    String month,
    String dayOfWeek) {

  /** The text written for a field, or its default when not written (second 0, days and months every one). */
  public String text(CalendarField field) {
    String written = switch (field) {
      case SECOND -> second;
      case MINUTE -> minute;
      case HOUR -> hour;
      case DAY_OF_MONTH -> dayOfMonth;
      case MONTH -> month;
      case DAY_OF_WEEK -> dayOfWeek;
    };
    if (written != null) return written;
    return switch (field) {
      case SECOND -> "0";
      case MINUTE, HOUR -> null;
      default -> "*";
    };
  }

  /** The ranges of a field. @throws IllegalArgumentException when the catalog's text is not valid */
  public List<CalendarRange> ranges(CalendarField field) {
    return field.parse(text(field));
  }
}
