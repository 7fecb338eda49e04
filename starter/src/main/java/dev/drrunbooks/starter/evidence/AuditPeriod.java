package dev.drrunbooks.starter.evidence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --since} of {@code dr evidence}: a period back from now, as an audit names it ({@code 12m}
 * twelve months, also {@code 12mo}; {@code 90d}, {@code 6w}, {@code 1y}), or a date ({@code
 * 2026-01-01}, UTC midnight).
 */
final class AuditPeriod {
  private static final Pattern PERIOD = Pattern.compile("(\\d{1,4})(d|w|m|mo|y)");

  private AuditPeriod() {}

  /**
   * @throws IllegalArgumentException naming the value and what is allowed
   */
  static Instant since(String text, Instant now) {
    String t = text == null ? "" : text.trim();
    Matcher m = PERIOD.matcher(t);
    ZonedDateTime at = now.atZone(ZoneOffset.UTC);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "d" -> at.minusDays(n).toInstant();
        case "w" -> at.minusWeeks(n).toInstant();
        case "y" -> at.minusYears(n).toInstant();
        default -> at.minusMonths(n).toInstant();
      };
    }
    try {
      return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--since: '"
              + text
              + "' is not a period or a date; allowed: a number of days, weeks, months or years"
              + " back (90d, 6w, 12m, 1y) or a date (2026-01-01)");
    }
  }
}
