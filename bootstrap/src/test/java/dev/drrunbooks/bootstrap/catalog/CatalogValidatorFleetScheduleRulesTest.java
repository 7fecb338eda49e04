package dev.drrunbooks.bootstrap.catalog;

import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.accepted;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.edit;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.only;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.problem;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.catalog.ScheduleSpec;
import dev.drrunbooks.fleet.FleetDrillInput;
import dev.drrunbooks.fleet.FleetValidationInput;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A fleet-validation schedule is checked by the fleet's own input rules, each refusal at the
 * schedule's field with its value and what is allowed; the limits and the pick belong to the
 * schedules that use them.
 */
class CatalogValidatorFleetScheduleRulesTest {
  private static final String WEEKLY = "schedules.weekly-backup-validation";
  private static final String SERVICES = "    services: [all]\n";
  private static final String LIMITS = "    maxConcurrent: 4\n    maxPerRegion: 2\n";
  private static final String KNOWN =
      "allowed: customer-base, inventory, locations, payments, or all (the services in the"
          + " catalog)";

  @Test
  void theSeedsWeeklyFleetStartsWithTheInputItsRulesAccept() {
    ScheduleSpec weekly =
        accepted(CatalogFixture.text()).schedules().get("weekly-backup-validation");
    assertEquals(
        new FleetValidationInput(List.of("all"), 4, 2, null, null),
        FleetValidationInput.scheduled(weekly));
  }

  @Test
  void aSelectionOfCatalogServicesIsAFleet() {
    Catalog c = accepted(edit(SERVICES, "    services: [payments, inventory]\n"));
    assertEquals(
        List.of("payments", "inventory"), c.schedules().get("weekly-backup-validation").services());
  }

  @Test
  void anUnknownServiceIsRefusedNamingTheScheduleFieldValueAndTheCatalogsServices() {
    assertEquals(
        only(WEEKLY + ".services", "'billing' is not valid; " + KNOWN),
        problems(edit(SERVICES, "    services: [inventory, billing]\n")));
    assertEquals(
        only(WEEKLY + ".services", "'Inventory' is not valid; " + KNOWN),
        problems(edit(SERVICES, "    services: [Inventory]\n")));
  }

  @Test
  void aFleetNamesAtLeastOneServiceOrAll() {
    assertEquals(
        only(WEEKLY + ".services", "at least one service is required"),
        problems(edit(SERVICES, "    services: []\n")));
  }

  @Test
  void theLimitsAreTheFleetsRanges() {
    assertEquals(
        only(WEEKLY + ".maxConcurrent", "'0' is not valid; allowed: 1 to 1000"),
        problems(edit(LIMITS, "    maxConcurrent: 0\n")));
    assertEquals(
        only(WEEKLY + ".maxConcurrent", "'1001' is not valid; allowed: 1 to 1000"),
        problems(edit(LIMITS, "    maxConcurrent: 1001\n")));
    assertEquals(
        only(WEEKLY + ".maxPerRegion", "'5' is not valid; allowed: 1 to maxConcurrent (4)"),
        problems(edit(LIMITS, "    maxConcurrent: 4\n    maxPerRegion: 5\n")));
    assertEquals(
        only(WEEKLY + ".maxPerRegion", "'0' is not valid; allowed: 1 to maxConcurrent (4)"),
        problems(edit(LIMITS, "    maxConcurrent: 4\n    maxPerRegion: 0\n")));
    Catalog edges = accepted(edit(LIMITS, "    maxConcurrent: 1000\n    maxPerRegion: 1000\n"));
    assertEquals(1000, edges.schedules().get("weekly-backup-validation").maxPerRegion());
    Catalog defaults = accepted(edit(LIMITS, ""));
    assertEquals(
        new FleetValidationInput(List.of("all"), null, null, null, null),
        FleetValidationInput.scheduled(defaults.schedules().get("weekly-backup-validation")),
        "the fleet's defaults apply");
  }

  @Test
  void aFleetPicksAndBudgetsLikeABackupValidationEachProblemSaidOnce() {
    Catalog c = accepted(edit(LIMITS, LIMITS + "    pick: random\n    waitBudget: 90m\n"));
    assertEquals(
        new FleetValidationInput(List.of("all"), 4, 2, "random", "PT1H30M"),
        FleetValidationInput.scheduled(c.schedules().get("weekly-backup-validation")));
    assertEquals(
        only(WEEKLY + ".waitBudget", "must be longer than zero, found 0m"),
        problems(edit(LIMITS, LIMITS + "    waitBudget: 0m\n")));
    assertEquals(
        only(WEEKLY + ".pick", "'oldest' must be newest or random"),
        problems(edit(LIMITS, LIMITS + "    pick: oldest\n")));
  }

  @Test
  void onlyAFleetLimitsChildRunsAndOnlyValidationsPick() {
    String drill = "    catchupWindow: 7d\n";
    assertEquals(
        List.of(
            problem(
                "schedules.monthly-dr-drill.maxConcurrent",
                "only a fleet-validation or fleet-drill schedule limits its child runs"),
            problem(
                "schedules.monthly-dr-drill.maxPerRegion",
                "only a fleet-validation or fleet-drill schedule limits its child runs")),
        problems(edit(drill, drill + LIMITS)));
    assertEquals(
        only(
            "schedules.monthly-dr-drill.pick",
            "only a backup-validation or fleet-validation schedule picks a snapshot"),
        problems(edit(drill, drill + "    pick: newest\n")));
  }

  @Test
  void aServiceWithABrokenReferenceIsReportedWhereItIsBrokenAndTheFleetOnceItIsFixed() {
    String broken = edit("buckets: [assets]", "buckets: [asets]");
    assertEquals(
        List.of(
            problem(
                "services.inventory.buckets[0]",
                "bucket 'asets' is not defined under buckets; defined: assets,"
                    + " customer-documents, payments-archive")),
        problems(edit(broken, SERVICES, "    services: [all, billing]\n")));
  }

  @Test
  void aFleetDrillScheduleIsCheckedByTheFleetDrillsRules() {
    String drill = "    procedure: dr-drill\n    services: [inventory]\n";
    Catalog c =
        accepted(
            edit(drill, "    procedure: fleet-drill\n    services: [all]\n    maxConcurrent: 2\n"));
    ScheduleSpec monthly = c.schedules().get("monthly-dr-drill");
    assertEquals(
        new FleetDrillInput(List.of("all"), 2, null, null), FleetDrillInput.scheduled(monthly));
    assertEquals(
        only("schedules.monthly-dr-drill.services", "'billing' is not valid; " + KNOWN),
        problems(edit(drill, "    procedure: fleet-drill\n    services: [payments, billing]\n")));
    assertEquals(
        only(
            "schedules.monthly-dr-drill.maxPerRegion",
            "'3' is not valid; allowed: 1 to maxConcurrent (2)"),
        problems(
            edit(
                drill,
                "    procedure: fleet-drill\n    services: [all]\n    maxConcurrent: 2\n"
                    + "    maxPerRegion: 3\n")));
    assertEquals(
        only(
            "schedules.monthly-dr-drill.pick",
            "only a backup-validation or fleet-validation schedule picks a snapshot"),
        problems(
            edit(drill, "    procedure: fleet-drill\n    services: [all]\n    pick: newest\n")));
  }

  @Test
  void aFleetProblemIsReportedBesideProblemsElsewhere() {
    String badDrill = edit("catchupWindow: 7d", "catchupWindow: 9s");
    assertEquals(
        List.of(
            problem(
                "schedules.monthly-dr-drill.catchupWindow",
                "Temporal's shortest catch-up window is 10s, found 9s"),
            problem(WEEKLY + ".services", "'billing' is not valid; " + KNOWN)),
        problems(edit(badDrill, SERVICES, "    services: [billing]\n")));
  }

  @Test
  void aRefusalWithoutAFieldStaysAtTheSchedule() {
    assertEquals(
        problem("schedules.s", "no field here"),
        FleetScheduleRules.atField("schedules.s", "no field here"));
    assertEquals(
        problem("schedules.s", ": starts with a colon"),
        FleetScheduleRules.atField("schedules.s", ": starts with a colon"));
    assertEquals(
        problem("schedules.s.pick", "'x' is not valid; newest or random"),
        FleetScheduleRules.atField("schedules.s", "pick: 'x' is not valid; newest or random"));
  }

  @Test
  void allBesideKeysIsStillEveryServiceButAnUnknownKeyBesideItIsRefused() {
    assertEquals(
        WEEKLY + ".services",
        problems(edit(SERVICES, "    services: [all, nowhere]\n")).get(0).path());
    assertEquals(
        Duration.ofDays(1),
        accepted(edit(SERVICES, "    services: [all, inventory]\n"))
            .schedules()
            .get("weekly-backup-validation")
            .catchupWindow());
  }
}
