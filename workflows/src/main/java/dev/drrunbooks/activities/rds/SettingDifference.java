package dev.drrunbooks.activities.rds;

/**
 * One setting where a restored copy differs from its source, and why: {@code deletion protection: source on, copy
 * off: validation copy, deleted at the end}. Values are as RDS describes them ("on"/"off", "500 GiB", "7 days");
 * "unknown" when the source could not be read.
 */
public record SettingDifference(String setting, String source, String copy, String because) {

  public String describe() {
    return setting + ": source " + source + ", copy " + copy + ": " + because;
  }
}
