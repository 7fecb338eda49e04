package dev.drrunbooks.activities.rds;

/**
 * One setting where a restored copy differs from its source, and why: {@code deletion protection:
 * source on, copy off: validation copy, deleted at the end}. Values are as RDS describes them
 * ("on"/"off", "500 GiB", "7 days"); "unknown" when the source could not be read, and then {@code
 * because} is {@link #sourceUnknown(String)}'s text, optionally followed by ": " and what was done
 * anyway.
 */
public record SettingDifference(String setting, String source, String copy, String because) {
  private static final String UNKNOWN = "source setting unknown";

  /**
   * The {@code because} of a setting whose source could not be read: "source setting unknown
   * (why)".
   */
  public static String sourceUnknown(String why) {
    return UNKNOWN + " (" + why + ")";
  }

  public String describe() {
    return setting + ": source " + source + ", copy " + copy + ": " + because;
  }

  /**
   * Why the source's setting is unknown (e.g. "RDS instance X not found in eu-west-1"), or null
   * when it is known.
   */
  public String unknownReason() {
    if (because == null || !because.startsWith(UNKNOWN + " (")) return null;
    int close =
        because.startsWith(")", because.length() - 1)
            ? because.length() - 1
            : because.lastIndexOf("): ");
    return close < 0 ? null : because.substring(UNKNOWN.length() + 2, close);
  }

  /**
   * {@code because} without the reason the source is unknown (said once for all settings by {@link
   * CopySettings}).
   */
  public String why() {
    String reason = unknownReason();
    return reason == null
        ? because
        : UNKNOWN + because.substring(UNKNOWN.length() + reason.length() + 3);
  }
}
