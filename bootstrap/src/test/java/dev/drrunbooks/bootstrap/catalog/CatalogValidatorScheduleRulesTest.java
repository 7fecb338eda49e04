package dev.drrunbooks.bootstrap.catalog;

import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.accepted;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.edit;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.only;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drrunbooks.catalog.Catalog;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The schedule rules at their boundaries: key length, catch-up window, wait budget, pick, time
 * zone.
 */
class CatalogValidatorScheduleRulesTest {
  private static final String DRILL = "schedules.monthly-dr-drill";
  private static final String WEEKLY = "schedules.weekly-backup-validation";

  @Test
  void aKeyOf62CharactersNamesASchedule63DoNot() {
    String key62 = "a" + "b".repeat(60) + "c";
    accepted(edit("  monthly-dr-drill:\n", "  " + key62 + ":\n"));
    accepted(edit("  monthly-dr-drill:\n", "  a:\n"));
    String key63 = "a" + "b".repeat(61) + "c";
    assertEquals(
        only(
            "schedules." + key63,
            "'"
                + key63
                + "' must be lower-case letters, digits and hyphens (at most 62), starting and"
                + " ending with a letter or digit: it names the Temporal Schedule dr-"
                + key63),
        problems(edit("  monthly-dr-drill:\n", "  " + key63 + ":\n")));
    assertEquals(
        "schedules.-drill", problems(edit("  monthly-dr-drill:\n", "  -drill:\n")).get(0).path());
  }

  @Test
  void aScheduleWithoutAProcedureIsRefused() {
    assertEquals(
        only(DRILL + ".procedure", "required field is missing"),
        problems(edit("    procedure: dr-drill\n", "")));
  }

  @Test
  void aCalendarAndItsMinuteAreRequired() {
    assertEquals(
        only(DRILL + ".calendar", "required field is missing"),
        problems(
            edit("    calendar: { hour: 10, minute: 0, dayOfMonth: 1-7, dayOfWeek: MON }\n", "")));
    assertEquals(
        only(DRILL + ".calendar.minute", "required field is missing"),
        problems(edit("calendar: { hour: 10, minute: 0,", "calendar: { hour: 10,")));
  }

  @Test
  void aBackupValidationOfSeveralServicesIsRefusedNamingThem() {
    assertEquals(
        only(
            WEEKLY + ".services",
            "a backup-validation schedule validates one service; declare one "
                + "schedule per service, found 2: inventory, payments"),
        problems(weeklyValidationOf("inventory, payments")));
    accepted(weeklyValidationOf("inventory"));
    accepted(
        edit(
            "procedure: dr-drill\n    services: [inventory]",
            "procedure: dr-drill\n    services: [inventory, " + "payments]"));
  }

  /**
   * The seed with its weekly fleet validation as a backup-validation schedule of {@code services}.
   */
  static String weeklyValidationOf(String services) {
    return edit(
            "    procedure: fleet-validation\n    services: [all]\n",
            "    procedure: backup-validation\n    services: [" + services + "]\n")
        .replace("    maxConcurrent: 4\n    maxPerRegion: 2\n", "");
  }

  @Test
  void theCatchupWindowIsAtLeastTemporalsTenSeconds() {
    Catalog c = accepted(edit("catchupWindow: 7d", "catchupWindow: 10s"));
    assertEquals(Duration.ofSeconds(10), c.schedules().get("monthly-dr-drill").catchupWindow());
    assertEquals(
        only(DRILL + ".catchupWindow", "Temporal's shortest catch-up window is 10s, found 9s"),
        problems(edit("catchupWindow: 7d", "catchupWindow: 9s")));
    assertEquals(
        only(
            DRILL + ".catchupWindow",
            "must be longer than zero (how late a missed run may still start), " + "found -1s"),
        problems(edit("catchupWindow: 7d", "catchupWindow: -1s")));
  }

  @Test
  void aWaitBudgetMustBeLongerThanZero() {
    String budget = "    catchupWindow: 7d\n    waitBudget: ";
    assertEquals(
        Duration.ofSeconds(1),
        accepted(edit("    catchupWindow: 7d\n", budget + "1s\n"))
            .schedules()
            .get("monthly-dr-drill")
            .waitBudget());
    assertEquals(
        only(DRILL + ".waitBudget", "must be longer than zero, found 0m"),
        problems(edit("    catchupWindow: 7d\n", budget + "0m\n")));
    assertEquals(
        only(DRILL + ".waitBudget", "must be longer than zero, found -1m"),
        problems(edit("    catchupWindow: 7d\n", budget + "-1m\n")));
  }

  @Test
  void aBackupValidationPicksTheNewestOrARandomSnapshot() {
    String at = "    catchupWindow: 1d\n";
    assertEquals(
        "newest",
        accepted(edit(at, at + "    pick: newest\n"))
            .schedules()
            .get("weekly-backup-validation")
            .pick());
    assertEquals(
        "random",
        accepted(edit(at, at + "    pick: random\n"))
            .schedules()
            .get("weekly-backup-validation")
            .pick());
    assertEquals(
        only(WEEKLY + ".pick", "'oldest' must be newest or random"),
        problems(edit(at, at + "    pick: oldest\n")));
  }

  @Test
  void aTimeZoneIsAnIanaName() {
    assertEquals(
        "Europe/Dublin",
        accepted(edit("timeZone: UTC", "timeZone: Europe/Dublin"))
            .schedules()
            .get("monthly-dr-drill")
            .timeZone());
    assertEquals(
        only(
            DRILL + ".timeZone",
            "'Mars/Olympus' is not a time zone; write an IANA name such as UTC or "
                + "Europe/Dublin"),
        problems(edit("timeZone: UTC", "timeZone: Mars/Olympus")));
  }
}
