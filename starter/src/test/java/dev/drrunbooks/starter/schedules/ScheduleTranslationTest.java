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
import dev.drrunbooks.fleet.FleetDrillInput;
import dev.drrunbooks.fleet.FleetValidationInput;
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
  void weeklyFleetValidationStartsOneFleetRunOfAllServicesWithItsLimits() {
    DesiredSchedule weekly =
        ScheduleTranslation.desired(catalog, "weekly-backup-validation", "dr-runbooks");
    ScheduleActionStartWorkflow action =
        (ScheduleActionStartWorkflow) weekly.schedule().getAction();
    assertEquals("FleetValidation", action.getWorkflowType());
    assertEquals("fleet-validation-all", action.getOptions().getWorkflowId());
    assertEquals(
        new FleetValidationInput(List.of("all"), 4, 2, null, null),
        action.getArguments().get(0, FleetValidationInput.class));
    var attributes = action.getOptions().getTypedSearchAttributes();
    assertEquals("fleet-validation", attributes.get(SearchAttributes.PROCEDURE));
    assertEquals("all", attributes.get(SearchAttributes.SERVICE));
    assertEquals("Fleet backup validation of all", action.getOptions().getStaticSummary());
    assertEquals(Duration.ofDays(1), weekly.schedule().getPolicy().getCatchupWindow());
    assertEquals("03:30 UTC every Sunday", ScheduleWords.of(weekly.schedule().getSpec()));
    assertEquals("FleetValidation", weekly.workflowType());
    assertEquals("all", weekly.service());
  }

  @Test
  void aFleetOfASelectionStartsWithItsServicesPickAndBudget() {
    Catalog selection =
        CatalogLoader.parse(
            CatalogFixture.text()
                .replace(
                    "fleet-validation\n    services: [all]\n",
                    "fleet-validation\n    services: [payments, inventory]\n")
                .replace(
                    "    maxPerRegion: 2\n",
                    "    maxPerRegion: 2\n    pick: random\n    waitBudget: 90m\n"),
            "selection.yaml");
    ScheduleActionStartWorkflow action =
        (ScheduleActionStartWorkflow)
            ScheduleTranslation.desired(selection, "weekly-backup-validation", "q")
                .schedule()
                .getAction();
    assertEquals("fleet-validation-payments-inventory", action.getOptions().getWorkflowId());
    assertEquals(
        new FleetValidationInput(List.of("payments", "inventory"), 4, 2, "random", "PT1H30M"),
        action.getArguments().get(0, FleetValidationInput.class),
        "90m as the run reads it back (1h30m it would refuse)");
    assertEquals(
        "payments,inventory",
        action.getOptions().getTypedSearchAttributes().get(SearchAttributes.SERVICE));
  }

  @Test
  void aFleetDrillScheduleStartsOneFleetDrillRunWithItsServicesAndLimits() {
    Catalog fleet =
        CatalogLoader.parse(
            CatalogFixture.text()
                .replace(
                    "    procedure: dr-drill\n    services: [inventory]\n",
                    "    procedure: fleet-drill\n    services: [all]\n    maxConcurrent: 2\n"
                        + "    waitBudget: 45m\n"),
            "fleet-drill.yaml");
    DesiredSchedule monthly = ScheduleTranslation.desired(fleet, "monthly-dr-drill", "q");
    ScheduleActionStartWorkflow action =
        (ScheduleActionStartWorkflow) monthly.schedule().getAction();
    assertEquals("FleetDrill", action.getWorkflowType());
    assertEquals("fleet-drill-all", action.getOptions().getWorkflowId());
    assertEquals(
        new FleetDrillInput(List.of("all"), 2, null, "45m"),
        action.getArguments().get(0, FleetDrillInput.class));
    assertEquals("Fleet DR drill of all", action.getOptions().getStaticSummary());
  }

  @Test
  void aBackupValidationScheduleStartsBackupValidationOfItsService() {
    Catalog one =
        CatalogLoader.parse(
            CatalogFixture.text()
                .replace(
                    "    procedure: fleet-validation\n    services: [all]\n",
                    "    procedure: backup-validation\n    services: [inventory]\n")
                .replace("    maxConcurrent: 4\n    maxPerRegion: 2\n", ""),
            "one.yaml");
    ScheduleActionStartWorkflow action =
        (ScheduleActionStartWorkflow)
            ScheduleTranslation.desired(one, "weekly-backup-validation", "dr-runbooks")
                .schedule()
                .getAction();
    assertEquals("BackupValidation", action.getWorkflowType());
    assertEquals("backup-validation-inventory", action.getOptions().getWorkflowId());
    assertEquals(
        BackupValidationInput.newest("inventory"),
        action.getArguments().get(0, BackupValidationInput.class));
  }

  @Test
  void aDrillsWaitBudgetIsWrittenSoTheRunReadsItBack() {
    String at = "    catchupWindow: 7d\n";
    for (String[] budget :
        new String[][] {{"30m", "30m"}, {"2h", "2h"}, {"90m", "PT1H30M"}, {"1d", "24h"}}) {
      Catalog c =
          CatalogLoader.parse(
              CatalogFixture.text().replace(at, at + "    waitBudget: " + budget[0] + "\n"),
              "budget.yaml");
      DrDrillInput input =
          ((ScheduleActionStartWorkflow)
                  ScheduleTranslation.desired(c, "monthly-dr-drill", "q").schedule().getAction())
              .getArguments()
              .get(0, DrDrillInput.class);
      assertEquals(new DrDrillInput(List.of("inventory"), budget[1]), input, budget[0]);
      assertEquals(
          c.schedules().get("monthly-dr-drill").waitBudget(),
          dev.drrunbooks.catalog.Durations.parse(input.waitBudget()),
          budget[0] + " reads back as itself");
    }
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
        ScheduleTranslation.desired(catalog, "weekly-backup-validation", "dr-runbooks")
            .fingerprint(),
        ScheduleTranslation.desired(later, "weekly-backup-validation", "dr-runbooks").fingerprint(),
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
            ScheduleTranslation.desired(other, "weekly-backup-validation", "q")
                .schedule()
                .getSpec()));
  }
}
