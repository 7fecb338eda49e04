package dev.drrunbooks.catalog;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations operators write: ISO-8601 (PT15M) or the short form (15m, 1h, 30s, 2d). */
public final class Durations {
  private static final Pattern SHORT = Pattern.compile("(-?\\d+)\\s*(s|m|min|h|d)");

  private Durations() {}

  public static Duration parse(String text) {
    String value = text == null ? "" : text.trim();
    Matcher m = SHORT.matcher(value);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m", "min" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'"
              + value
              + "' is not a duration; write ISO-8601 (PT15M) or a number with s, m, h or d (15m)");
    }
  }

  /** The short form back: 15m, 1h, 0m, 1h30m. */
  public static String format(Duration d) {
    if (d == null) return "-";
    if (d.isZero()) return "0m";
    StringBuilder out = new StringBuilder(d.isNegative() ? "-" : "");
    Duration abs = d.abs();
    if (abs.toHours() > 0) out.append(abs.toHours()).append('h');
    if (abs.toMinutesPart() > 0) out.append(abs.toMinutesPart()).append('m');
    if (abs.toSecondsPart() > 0) out.append(abs.toSecondsPart()).append('s');
    return out.toString();
  }
}
