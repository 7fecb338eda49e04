package dev.drrunbooks.backuppolicy;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a daily backup window (hh24:mi-hh24:mi, UTC) overlaps an instance's weekly maintenance
 * window (ddd:hh24:mi-ddd:hh24:mi, UTC), which RDS refuses ("The backup window and maintenance
 * window must not overlap", ModifyDBInstance PreferredBackupWindow:
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html), and a
 * window of the same length that does not. Windows that only touch count as overlapping, as the
 * emulator counts them; a suggestion keeps {@link #GAP_MINUTES} clear of the maintenance window.
 */
public final class BackupWindowConflict {
  static final int GAP_MINUTES = 30;
  private static final int DAY = 24 * 60;
  private static final int WEEK = 7 * DAY;
  private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
  private static final Pattern DAILY = Pattern.compile("(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})");
  private static final Pattern WEEKLY =
      Pattern.compile("([a-z]{3}):(\\d{2}):(\\d{2})-([a-z]{3}):(\\d{2}):(\\d{2})");

  private BackupWindowConflict() {}

  /**
   * Null when the windows do not overlap or either cannot be read; otherwise a sentence naming the
   * maintenance window and, when one exists, a backup window that avoids it.
   */
  public static String describe(String backupWindow, String maintenanceWindow) {
    int[] backup = daily(backupWindow);
    int[] maintenance = weekly(maintenanceWindow);
    if (backup == null || maintenance == null || !overlaps(backup, maintenance)) return null;
    String text =
        "the backup window "
            + backupWindow
            + " overlaps the instance's maintenance window "
            + maintenanceWindow;
    String suggestion = suggest(backup, maintenance);
    return text
        + (suggestion == null
            ? "; move the maintenance window (the backup policy does not change it)"
            : "; a backup window that does not: "
                + suggestion
                + " (change the catalog's window), or move the "
                + "maintenance window");
  }

  /**
   * A window as long as {@code backup}, ending {@link #GAP_MINUTES} before maintenance starts, if
   * it is clear.
   */
  static String suggest(int[] backup, int[] maintenance) {
    int length = backup[1] - backup[0];
    int start = Math.floorMod(maintenance[0] - GAP_MINUTES - length, DAY);
    int[] candidate = {start, start + length};
    return overlaps(candidate, maintenance)
        ? null
        : format(candidate[0]) + "-" + format(candidate[1] % DAY);
  }

  /**
   * The daily window, every day of the week, against the weekly one (both may run past midnight /
   * Sunday).
   */
  static boolean overlaps(int[] backup, int[] maintenance) {
    for (int day = -1; day <= 7; day++) {
      int start = day * DAY + backup[0];
      int end = day * DAY + backup[1];
      for (int shift = -WEEK; shift <= WEEK; shift += WEEK) {
        if (start <= maintenance[1] + shift && maintenance[0] + shift <= end) return true;
      }
    }
    return false;
  }

  /** Minutes from midnight: {start, end}, end past 1440 when the window runs past midnight. */
  static int[] daily(String window) {
    if (window == null) return null;
    Matcher m = DAILY.matcher(window);
    if (!m.matches()) return null;
    int start = minutes(m.group(1), m.group(2));
    int end = minutes(m.group(3), m.group(4));
    return new int[] {start, end <= start ? end + DAY : end};
  }

  /**
   * Minutes from Monday 00:00: {start, end}, end past a week when the window runs past Sunday
   * midnight.
   */
  static int[] weekly(String window) {
    if (window == null) return null;
    Matcher m = WEEKLY.matcher(window.toLowerCase(Locale.ROOT));
    if (!m.matches() || !DAYS.contains(m.group(1)) || !DAYS.contains(m.group(4))) return null;
    int start = DAYS.indexOf(m.group(1)) * DAY + minutes(m.group(2), m.group(3));
    int end = DAYS.indexOf(m.group(4)) * DAY + minutes(m.group(5), m.group(6));
    return new int[] {start, end <= start ? end + WEEK : end};
  }

  private static int minutes(String hours, String minutes) {
    return Integer.parseInt(hours) * 60 + Integer.parseInt(minutes);
  }

  private static String format(int minutes) {
    return String.format(Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
  }
}
