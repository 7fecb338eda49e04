package dev.drrunbooks.starter.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.backupvalidation.BackupValidationInput;
import dev.drrunbooks.bootstrap.catalog.CatalogLoader;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.drill.DrDrillInput;
import dev.drrunbooks.model.SearchAttributes;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleRange;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog's schedules as Temporal Schedules, without a server. */
class ScheduleTranslationTest {
  private final Catalog catalog = CatalogFixture.load();

  @Test
  void firstMondayAtTenIsDaysOneToSevenAndMondayAtTenUtc() {
    DesiredSchedule drill = ScheduleTranslation.desired(catalog, "monthly-dr-drill", "dr-runbooks");
    assertEquals("dr-monthly-dr-drill", drill.id());
    List<ScheduleCalendarSpec> calendars = drill.schedule().getSpec().getCalendars();
    assertEquals(1, calendars.size());
    ScheduleCalendarSpec c = calendars.get(0);
    assertEquals(List.of(new ScheduleRange(1, 7, 1)), c.getDayOfMonth());
    assertEquals(List.of(new ScheduleRange(1, 1, 1)), c.getDayOfWeek(), "Monday is 1, Sunday 0");
    assertEquals(List.of(new ScheduleRange(10, 10, 1)), c.getHour());
    assertEquals(List.of(new ScheduleRange(0, 0, 1)), c.getMinutes());
    assertEquals(List.of(new ScheduleRange(0, 0, 1)), c.getSeconds());
    assertEquals(List.of(new ScheduleRange(1, 12, 1)), c.getMonth());
    assertEquals("UTC", drill.schedule().getSpec().getTimeZoneName());
    assertTrue(
        drill.schedule().getSpec().getCronExpressions() == null
            || drill.schedule().getSpec().getCronExpressions().isEmpty(),
        "structured calendar, not cron");
    assertEquals(
        "10:00 UTC on the first Monday of every month",
        ScheduleWords.of(drill.schedule().getSpec()));
  }

  @Test
  void policiesAreSkipTheCatalogsCatchupWindowAndNoPauseOnFailure() {
    DesiredSchedule drill = ScheduleTranslation.desired(catalog, "monthly-dr-drill", "dr-runbooks");
    assertEquals(
        ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP,
        drill.schedule().getPolicy().getOverlap());
    assertEquals(Duration.ofDays(7), drill.schedule().getPolicy().getCatchupWindow());
    assertFalse(drill.schedule().getPolicy().isPauseOnFailure());
    assertFalse(drill.schedule().getState().isPaused());
  }

  @Test
  void drillActionStartsDrDrillWithTheCatalogsServices() {
    DesiredSchedule drill = ScheduleTranslation.desired(catalog, "monthly-dr-drill", "dr-e2e");
    ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) drill.schedule().getAction();
    assertEquals("DrDrill", action.getWorkflowType());
    assertEquals("dr-drill-inventory", action.getOptions().getWorkflowId());
    assertEquals("dr-e2e", action.getOptions().getTaskQueue());
    assertEquals(
        new DrDrillInput(List.of("inventory"), null),
        action.getArguments().get(0, DrDrillInput.class));
    var attributes = action.getOptions().getTypedSearchAttributes();
    assertEquals("dr-drill", attributes.get(SearchAttributes.PROCEDURE));
    assertEquals("inventory", attributes.get(SearchAttributes.SERVICE));
    assertEquals(
        "monthly-dr-drill",
        action.getOptions().getMemo().get(ScheduleTranslation.ACTION_MEMO_SCHEDULE));
    assertEquals(
        drill.fingerprint(),
        action.getOptions().getMemo().get(ScheduleTranslation.ACTION_MEMO_FINGERPRINT));
    assertEquals("dr-runbooks", drill.options().getMemo().get(ScheduleTranslation.MEMO_MANAGED_BY));
    assertEquals(
        "MyComputer", drill.options().getMemo().get(ScheduleTranslation.MEMO_ORGANISATION));
  }

  @Test
  void weeklyBackupValidationStartsBackupValidationOfItsService() {
    DesiredSchedule weekly =
        ScheduleTranslation.desired(catalog, "weekly-backup-validation-inventory", "dr-runbooks");
    ScheduleActionStartWorkflow action =
        (ScheduleActionStartWorkflow) weekly.schedule().getAction();
    assertEquals("BackupValidation", action.getWorkflowType());
    assertEquals("backup-validation-inventory", action.getOptions().getWorkflowId());
    assertEquals(
        BackupValidationInput.newest("inventory"),
        action.getArguments().get(0, BackupValidationInput.class));
    assertEquals(Duration.ofDays(1), weekly.schedule().getPolicy().getCatchupWindow());
    assertEquals("03:30 UTC every Sunday", ScheduleWords.of(weekly.schedule().getSpec()));
  }

  @Test
  void fingerprintIsStableAndChangesWithTheCatalogOrTheTaskQueue() {
    String once =
        ScheduleTranslation.desired(catalog, "monthly-dr-drill", "dr-runbooks").fingerprint();
    assertEquals(
        once,
        ScheduleTranslation.desired(CatalogFixture.load(), "monthly-dr-drill", "dr-runbooks")
            .fingerprint());
    assertNotEquals(
        once, ScheduleTranslation.desired(catalog, "monthly-dr-drill", "elsewhere").fingerprint());
    Catalog later =
        CatalogLoader.parse(
            CatalogFixture.text()
                .replace(
                    "calendar: { hour: 10, minute: 0, dayOfMonth: 1-7, dayOfWeek: MON }",
                    "calendar: { hour: 11, minute: 0, dayOfMonth: 1-7, dayOfWeek: MON }"),
            "later.yaml");
    assertNotEquals(
        once, ScheduleTranslation.desired(later, "monthly-dr-drill", "dr-runbooks").fingerprint());
    assertEquals(
        ScheduleTranslation.desired(catalog, "weekly-backup-validation-inventory", "dr-runbooks")
            .fingerprint(),
        ScheduleTranslation.desired(later, "weekly-backup-validation-inventory", "dr-runbooks")
            .fingerprint(),
        "an unrelated change leaves the other schedule's fingerprint alone");
  }

  @Test
  void otherCalendarsInWords() {
    Catalog other =
        CatalogLoader.parse(
            CatalogFixture.text()
                .replace(
                    "calendar: { hour: 10, minute: 0, dayOfMonth: 1-7, dayOfWeek: MON }",
                    "calendar: { hour: 6, minute: 15, dayOfMonth: 15-21, dayOfWeek: FRI, month:"
                        + " \"JAN,JUL\" }")
                .replace(
                    "calendar: { hour: 3, minute: 30, dayOfWeek: SUN }",
                    "calendar: { hour: \"*\", minute: \"*/10\", dayOfWeek: MON-FRI }"),
            "other.yaml");
    assertEquals(
        "06:15 UTC on the third Friday of January, July",
        ScheduleWords.of(
            ScheduleTranslation.desired(other, "monthly-dr-drill", "q").schedule().getSpec()));
    assertEquals(
        "every 10 minutes, every Monday-Friday (UTC)",
        ScheduleWords.of(
            ScheduleTranslation.desired(other, "weekly-backup-validation-inventory", "q")
                .schedule()
                .getSpec()));
  }
}
