package dev.drrunbooks.bootstrap.calendar;

import dev.drrunbooks.catalog.CalendarSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of a schedule's calendar and how their values are written: Temporal's ranges, e.g.
 * {@code 10}, {@code 1-7}, {@code MON}, {@code MON-FRI}, {@code 0,30}, {@code *}, {@code *}{@code
 * /15}. All fields of one calendar must match (they are ANDed), so {@code dayOfMonth: 1-7} with
 * {@code dayOfWeek: MON} is the first Monday of the month.
 */
public enum CalendarField {
  SECOND("second", 0, 59, Map.of()),
  MINUTE("minute", 0, 59, Map.of()),
  HOUR("hour", 0, 23, Map.of()),
  DAY_OF_MONTH("dayOfMonth", 1, 31, Map.of()),
  MONTH(
      "month",
      1,
      12,
      Map.ofEntries(
          Map.entry("JAN", 1),
          Map.entry("FEB", 2),
          Map.entry("MAR", 3),
          Map.entry("APR", 4),
          Map.entry("MAY", 5),
          Map.entry("JUN", 6),
          Map.entry("JUL", 7),
          Map.entry("AUG", 8),
          Map.entry("SEP", 9),
          Map.entry("OCT", 10),
          Map.entry("NOV", 11),
          Map.entry("DEC", 12))),
  DAY_OF_WEEK(
      "dayOfWeek",
      0,
      6,
      Map.of("SUN", 0, "MON", 1, "TUE", 2, "WED", 3, "THU", 4, "FRI", 5, "SAT", 6));

  private static final List<String> MONTH_NAMES =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAY_NAMES =
      List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  private final String key;
  private final int min;
  private final int max;
  private final Map<String, Integer> names;

  CalendarField(String key, int min, int max, Map<String, Integer> names) {
    this.key = key;
    this.min = min;
    this.max = max;
    this.names = names;
  }

  /** The name in the catalog: dayOfWeek. */
  public String key() {
    return key;
  }

  /**
   * The text written for this field in {@code calendar}, or its default (second 0, days and months
   * every one).
   */
  public String text(CalendarSpec calendar) {
    String written =
        switch (this) {
          case SECOND -> calendar.second();
          case MINUTE -> calendar.minute();
          case HOUR -> calendar.hour();
          case DAY_OF_MONTH -> calendar.dayOfMonth();
          case MONTH -> calendar.month();
          case DAY_OF_WEEK -> calendar.dayOfWeek();
        };
    if (written != null) return written;
    return switch (this) {
      case SECOND -> "0";
      case MINUTE, HOUR -> null;
      default -> "*";
    };
  }

  /**
   * This field's ranges in {@code calendar}. @throws IllegalArgumentException when its text is not
   * valid
   */
  public List<CalendarRange> ranges(CalendarSpec calendar) {
    return parse(text(calendar));
  }

  /**
   * Parses a comma-separated list of {@code *}, {@code N}, {@code N-M}, each optionally with {@code
   * /STEP}.
   *
   * @throws IllegalArgumentException naming the value, the field and what is allowed
   */
  public List<CalendarRange> parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("is empty; " + allowed());
    }
    List<CalendarRange> ranges = new ArrayList<>();
    for (String raw : text.split(",", -1)) {
      String item = raw.trim();
      if (item.isEmpty())
        throw new IllegalArgumentException("'" + text + "' has an empty item; " + allowed());
      int step = 1;
      int slash = item.indexOf('/');
      String base = item;
      if (slash >= 0) {
        base = item.substring(0, slash).trim();
        String s = item.substring(slash + 1).trim();
        try {
          step = Integer.parseInt(s);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "'" + item + "': step '" + s + "' is not a whole number");
        }
        if (step < 1) throw new IllegalArgumentException("'" + item + "': step must be 1 or more");
      }
      int start;
      int end;
      if (base.equals("*")) {
        start = min;
        end = max;
      } else {
        int dash = base.indexOf('-', 1);
        if (dash > 0) {
          start = value(base.substring(0, dash).trim(), item);
          end = value(base.substring(dash + 1).trim(), item);
          if (start > end) {
            throw new IllegalArgumentException(
                "'" + item + "' starts after it ends; write the smaller value first");
          }
        } else {
          start = value(base, item);
          end = slash >= 0 ? max : start;
        }
      }
      ranges.add(new CalendarRange(start, end, step));
    }
    return List.copyOf(ranges);
  }

  private int value(String token, String item) {
    Integer named = names.get(token.toUpperCase(Locale.ROOT));
    if (named != null) return named;
    int v;
    try {
      v = Integer.parseInt(token);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + item + "' is not a " + key + " value; " + allowed());
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException("'" + item + "' is out of range; " + allowed());
    }
    return v;
  }

  private String allowed() {
    String base = key + " takes " + min + "-" + max;
    if (this == DAY_OF_WEEK) base += " (0 is Sunday) or " + String.join(", ", DAY_NAMES);
    if (this == MONTH) base += " or " + String.join(", ", MONTH_NAMES);
    return base + ", ranges (1-7), lists (1,15), * and steps (*/15)";
  }
}
