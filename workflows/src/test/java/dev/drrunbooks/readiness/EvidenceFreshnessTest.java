package dev.drrunbooks.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.ledger.LastPassingRun;
import dev.drrunbooks.catalog.CalendarSpec;
import dev.drrunbooks.catalog.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which schedules promise a service's drill and backup-validation evidence, and how fresh it must
 * be: a fleet validation covers every service it names (or all), and its children's passing runs
 * are the services' backup-validation evidence.
 */
class EvidenceFreshnessTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static final CalendarSpec SUNDAY_NIGHT =
      new CalendarSpec(null, "30", "3", null, null, "SUN");
  private static final CalendarSpec FIRST_MONDAY =
      new CalendarSpec(null, "0", "10", "1-7", null, "MON");

  private static ScheduleSpec schedule(
      String procedure, CalendarSpec calendar, String... services) {
    return new ScheduleSpec(
        procedure, List.of(services), calendar, "UTC", Duration.ofDays(1), null, null, null, 4, 2);
  }

  private static final ScheduleSpec FLEET_OF_ALL =
      schedule(ScheduleSpec.FLEET_VALIDATION, SUNDAY_NIGHT, "all");
  private static final ScheduleSpec DRILL =
      schedule(ScheduleSpec.DR_DRILL, FIRST_MONDAY, "inventory");

  /** A fleet child's ledger row: procedure backup-validation, run id {@code <fleet>-<service>}. */
  private static LastPassingRun child(String service, Duration ago) {
    return new LastPassingRun(
        "backup-validation",
        service,
        "fleet-validation-all-2026-11-29T03:30:00Z-" + service,
        NOW.minus(ago));
  }

  private static ReadinessCheck check(List<ReadinessCheck> checks, String name) {
    return checks.stream().filter(c -> c.check().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aFleetOfAllCoversEveryServicesBackupValidationWithItsChildrensRuns() {
    List<ReadinessCheck> checks =
        EvidenceFreshness.checks(
            "customer-base",
            Map.of("weekly-backup-validation", FLEET_OF_ALL, "monthly-dr-drill", DRILL),
            List.of(
                child("customer-base", Duration.ofDays(2)), child("payments", Duration.ofDays(20))),
            NOW);
    ReadinessCheck validation = check(checks, "last passing backup-validation");
    assertEquals(
        new ReadinessCheck(
            "customer-base",
            "last passing backup-validation",
            "within 8d (schedule weekly-backup-validation)",
            "2d ago (fleet-validation-all-2026-11-29T03:30:00Z-customer-base)",
            CheckVerdict.PASS),
        validation);
    assertEquals(
        "a catalog schedule runs it",
        check(checks, "last passing dr-drill").expected(),
        "the drill names inventory only");
    assertEquals(2, checks.size(), checks.toString());
  }

  @Test
  void aFleetChildOlderThanTheCadenceFailsAndNoneInTheLedgerFails() {
    ReadinessCheck old =
        check(
            EvidenceFreshness.checks(
                "payments",
                Map.of("weekly-backup-validation", FLEET_OF_ALL),
                List.of(child("payments", Duration.ofDays(9))),
                NOW),
            "last passing backup-validation");
    assertEquals(CheckVerdict.FAIL, old.verdict(), "weekly + 1d catch-up is 8 days");
    assertEquals("within 8d (schedule weekly-backup-validation)", old.expected());
    ReadinessCheck none =
        check(
            EvidenceFreshness.checks(
                "locations", Map.of("weekly-backup-validation", FLEET_OF_ALL), List.of(), NOW),
            "last passing backup-validation");
    assertEquals(
        new ReadinessCheck(
            "locations",
            "last passing backup-validation",
            "within 8d (schedule weekly-backup-validation)",
            "none in the ledger",
            CheckVerdict.FAIL),
        none);
  }

  @Test
  void aFleetOfASelectionCoversOnlyTheServicesItNames() {
    ScheduleSpec selection =
        schedule(ScheduleSpec.FLEET_VALIDATION, SUNDAY_NIGHT, "payments", "inventory");
    Map<String, ScheduleSpec> schedules = Map.of("weekly-critical", selection);
    assertEquals(
        "within 8d (schedule weekly-critical)",
        check(
                EvidenceFreshness.checks(
                    "inventory", schedules, List.of(child("inventory", Duration.ofDays(1))), NOW),
                "last passing backup-validation")
            .expected());
    ReadinessCheck uncovered =
        check(
            EvidenceFreshness.checks(
                "customer-base",
                schedules,
                List.of(child("customer-base", Duration.ofDays(1))),
                NOW),
            "last passing backup-validation");
    assertEquals(CheckVerdict.FAIL, uncovered.verdict());
    assertEquals(
        "no schedule covers customer-base; newest passing run 1d ago"
            + " (fleet-validation-all-2026-11-29T03:30:00Z-customer-base)",
        uncovered.found());
  }

  @Test
  void aFleetDrillOfAllCoversEveryServicesDrillWithItsChildrensRuns() {
    ScheduleSpec fleetDrill = schedule(ScheduleSpec.FLEET_DRILL, FIRST_MONDAY, "all");
    LastPassingRun child =
        new LastPassingRun(
            "dr-drill",
            "payments",
            "fleet-drill-all-2026-11-02T10:00:00Z-payments",
            NOW.minus(Duration.ofDays(28)));
    List<ReadinessCheck> checks =
        EvidenceFreshness.checks(
            "payments", Map.of("monthly-fleet-drill", fleetDrill), List.of(child), NOW);
    assertEquals(
        new ReadinessCheck(
            "payments",
            "last passing dr-drill",
            "within 32d (schedule monthly-fleet-drill)",
            "28d ago (fleet-drill-all-2026-11-02T10:00:00Z-payments)",
            CheckVerdict.PASS),
        check(checks, "last passing dr-drill"));
    assertEquals(
        "a catalog schedule runs it",
        check(checks, "last passing backup-validation").expected(),
        "a drill is not a backup validation");
  }

  @Test
  void whatEachScheduleIsEvidenceOfAndForWhom() {
    assertEquals("backup-validation", EvidenceFreshness.evidenceOf(FLEET_OF_ALL));
    assertEquals("dr-drill", EvidenceFreshness.evidenceOf(DRILL));
    assertEquals(
        "dr-drill",
        EvidenceFreshness.evidenceOf(schedule(ScheduleSpec.FLEET_DRILL, FIRST_MONDAY, "all")));
    assertTrue(
        EvidenceFreshness.covers(
            schedule(ScheduleSpec.FLEET_DRILL, FIRST_MONDAY, "all"), "anything"));
    assertEquals(
        "backup-validation",
        EvidenceFreshness.evidenceOf(
            schedule(ScheduleSpec.BACKUP_VALIDATION, SUNDAY_NIGHT, "inventory")));
    assertNull(EvidenceFreshness.evidenceOf(schedule(ScheduleSpec.READINESS, SUNDAY_NIGHT, "all")));
    assertTrue(EvidenceFreshness.covers(FLEET_OF_ALL, "anything"));
    assertTrue(
        EvidenceFreshness.covers(schedule(ScheduleSpec.FLEET_VALIDATION, SUNDAY_NIGHT), "anything"),
        "a fleet naming none validates all");
    assertFalse(
        EvidenceFreshness.covers(schedule(ScheduleSpec.DR_DRILL, FIRST_MONDAY, "all"), "inventory"),
        "only a fleet reads all as every service");
    assertFalse(
        EvidenceFreshness.covers(schedule(ScheduleSpec.DR_DRILL, FIRST_MONDAY), "inventory"));
    assertTrue(EvidenceFreshness.covers(DRILL, "inventory"));
    assertFalse(EvidenceFreshness.covers(DRILL, "payments"));
  }
}
