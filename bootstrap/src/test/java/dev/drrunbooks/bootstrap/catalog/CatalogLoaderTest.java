package dev.drrunbooks.bootstrap.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.bootstrap.calendar.CalendarField;
import dev.drrunbooks.bootstrap.calendar.CalendarRange;
import dev.drrunbooks.catalog.BucketSpec;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.catalog.Priority;
import dev.drrunbooks.catalog.RestoreSettings;
import dev.drrunbooks.catalog.ScheduleSpec;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.catalog.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogLoaderTest {
  private static final String SOURCE = "broken.yaml";

  @Test
  void theRunbooksObjectivesTableIsTheCatalog() {
    Catalog catalog = CatalogFixture.load();
    assertEquals(
        List.of("customer-base", "inventory", "locations", "payments"), catalog.serviceKeys());
    assertObjectives(catalog, "customer-base", "Customer Base", 15, 5, Priority.CRITICAL);
    assertObjectives(catalog, "payments", "Payments", 15, 0, Priority.CRITICAL);
    assertObjectives(catalog, "inventory", "Inventory", 30, 15, Priority.HIGH);
    assertObjectives(catalog, "locations", "Locations", 60, 30, Priority.MEDIUM);
    assertEquals("eu-west-1", catalog.regions().primary());
    assertEquals("eu-central-1", catalog.regions().dr());

    ServiceDefinition inventory = catalog.definitionOf("inventory");
    assertEquals("mycomputer-inventory-db", inventory.spec().database().instance());
    assertEquals(30, inventory.spec().database().backup().retentionDays());
    assertEquals("03:00-04:00", inventory.spec().database().backup().window());
    assertEquals("inventory-service:stable", inventory.spec().ecs().stableTaskDefinition());
    assertEquals(5, inventory.spec().ecs().desiredCount());
    assertEquals("api.mycomputer.com", inventory.dns().name());
    assertEquals(
        "primary-alb.eu-west-1.elb.amazonaws.com", inventory.dns().primary().aliasDnsName());
    assertEquals("Z3F0SRJ5LGBH90", inventory.dns().secondary().aliasHostedZoneId());
    BucketSpec assets = inventory.buckets().get(0);
    assertEquals("mycomputer-assets", assets.name());
    assertEquals("arn:aws:s3:::mycomputer-assets-dr", assets.replication().destinationBucketArn());
    assertEquals(Duration.ofMinutes(15), assets.replication().replicationTime());
    assertEquals("STANDARD_IA", assets.replication().storageClass());
    assertTrue(
        inventory.spec().validationQueries().stream().allMatch(q -> q.expect().kindsSet() == 1));
  }

  @Test
  void unknownKeyIsRefusedWithItsPathAndTheAllowedKeys() {
    CatalogException e =
        refused(
            CatalogFixture.text()
                .replace(
                    "    displayName: Inventory\n",
                    "    displayName: Inventory\n    owner: sre-team\n"));
    assertEquals("services.inventory.owner", e.problems().get(0).path());
    assertTrue(
        e.getMessage()
            .contains("broken.yaml: services.inventory.owner: unknown key 'owner'; allowed here:"),
        e.getMessage());
    assertTrue(e.getMessage().contains("displayName"), e.getMessage());
  }

  @Test
  void missingRequiredFieldIsNamed() {
    CatalogException e =
        refused(CatalogFixture.text().replace("      instance: mycomputer-payments-db\n", ""));
    assertEquals(
        List.of(
            new CatalogException.Problem(
                "services.payments.database.instance", "required field is missing")),
        e.problems());
    assertTrue(
        e.getMessage()
            .contains(
                "broken.yaml: services.payments.database.instance: required field is missing"));
  }

  @Test
  void durationThatDoesNotParseIsRefused() {
    CatalogException e =
        refused(
            CatalogFixture.text()
                .replace(
                    "objectives: { rto: 30m, rpo: 15m }",
                    "objectives: { rto: half an hour, rpo: 15m }"));
    assertEquals("services.inventory.objectives.rto", e.problems().get(0).path());
    assertTrue(e.getMessage().contains("'half an hour' is not a duration"), e.getMessage());
  }

  @Test
  void negativeRtoAndRpoAreRefused() {
    CatalogException e =
        refused(
            CatalogFixture.text()
                .replace(
                    "objectives: { rto: 1h, rpo: 30m }", "objectives: { rto: -1h, rpo: -PT5M }"));
    assertEquals(
        List.of(
            new CatalogException.Problem(
                "services.locations.objectives.rto", "must not be negative, found -1h"),
            new CatalogException.Problem(
                "services.locations.objectives.rpo", "must not be negative, found -5m")),
        e.problems());
  }

  @Test
  void referenceToAnUndefinedServiceIsRefused() {
    CatalogException e =
        refused(
            CatalogFixture.text().replace("dependsOn: [customer-base]", "dependsOn: [billing]"));
    assertEquals("services.payments.dependsOn[0]", e.problems().get(0).path());
    assertEquals(
        "service 'billing' is not defined under services; defined: customer-base, inventory,"
            + " locations, payments",
        e.problems().get(0).message());
  }

  @Test
  void referenceToAnUndefinedBucketIsRefused() {
    CatalogException e =
        refused(CatalogFixture.text().replace("buckets: [assets]", "buckets: [asets]"));
    assertEquals("services.inventory.buckets[0]", e.problems().get(0).path());
  }

  @Test
  void replicationTimeOtherThanFifteenMinutesIsRefused() {
    String yaml =
        CatalogFixture.text().replaceFirst("replicationTime: 15m", "replicationTime: 10m");
    CatalogException e = refused(yaml);
    assertEquals("buckets.assets.replication.replicationTime", e.problems().get(0).path());
    assertTrue(e.problems().get(0).message().contains("exactly 15 minutes"));
  }

  @Test
  void schedulesAreTheMonthlyDrillTheWeeklyBackupValidationAndReadinessEvery30Minutes() {
    Catalog catalog = CatalogFixture.load();
    assertEquals(
        List.of("monthly-dr-drill", "readiness-every-30-minutes", "weekly-backup-validation"),
        catalog.scheduleKeys());
    ScheduleSpec readiness = catalog.schedules().get("readiness-every-30-minutes");
    assertEquals(ScheduleSpec.READINESS, readiness.procedure());
    assertEquals(List.of("all"), readiness.services());
    assertEquals(
        List.of(CalendarRange.of(0), CalendarRange.of(30)),
        CalendarField.MINUTE.ranges(readiness.calendar()));
    assertEquals(
        List.of(new CalendarRange(0, 23, 1)), CalendarField.HOUR.ranges(readiness.calendar()));
    ScheduleSpec drill = catalog.schedules().get("monthly-dr-drill");
    assertEquals(ScheduleSpec.DR_DRILL, drill.procedure());
    assertEquals(List.of("inventory"), drill.services());
    assertEquals(Duration.ofDays(7), drill.catchupWindow());
    assertEquals("UTC", drill.timeZoneOrDefault());
    assertEquals(
        List.of(new CalendarRange(1, 7, 1)), CalendarField.DAY_OF_MONTH.ranges(drill.calendar()));
    assertEquals(List.of(CalendarRange.of(1)), CalendarField.DAY_OF_WEEK.ranges(drill.calendar()));
    assertEquals(List.of(CalendarRange.of(10)), CalendarField.HOUR.ranges(drill.calendar()));
    assertEquals(List.of(CalendarRange.of(0)), CalendarField.MINUTE.ranges(drill.calendar()));
    assertEquals(
        List.of(CalendarRange.of(0)),
        CalendarField.SECOND.ranges(drill.calendar()),
        "second defaults to 0");
    assertEquals(
        List.of(new CalendarRange(1, 12, 1)), CalendarField.MONTH.ranges(drill.calendar()));

    ScheduleSpec weekly = catalog.schedules().get("weekly-backup-validation");
    assertEquals(ScheduleSpec.FLEET_VALIDATION, weekly.procedure());
    assertEquals(List.of("all"), weekly.services());
    assertEquals(4, weekly.maxConcurrent());
    assertEquals(2, weekly.maxPerRegion());
    assertEquals(List.of(CalendarRange.of(0)), CalendarField.DAY_OF_WEEK.ranges(weekly.calendar()));
    assertEquals(List.of(CalendarRange.of(3)), CalendarField.HOUR.ranges(weekly.calendar()));
    assertEquals(List.of(CalendarRange.of(30)), CalendarField.MINUTE.ranges(weekly.calendar()));
    assertEquals(Duration.ofDays(1), weekly.catchupWindow());
    // every service with validation queries has its weekly backup validation: its own, or a
    // fleet's that names it or all
    for (String key : catalog.serviceKeys()) {
      if (catalog.services().get(key).validationQueries().isEmpty()) continue;
      assertTrue(
          catalog.schedules().values().stream()
              .anyMatch(
                  s ->
                      (s.procedure().equals(ScheduleSpec.BACKUP_VALIDATION)
                              && s.services().equals(List.of(key)))
                          || (s.procedure().equals(ScheduleSpec.FLEET_VALIDATION)
                              && (s.services().contains(key) || s.services().contains("all")))),
          "no weekly backup validation for " + key);
    }
  }

  @Test
  void calendarFieldsAcceptTemporalsRanges() {
    assertEquals(List.of(new CalendarRange(1, 5, 1)), CalendarField.DAY_OF_WEEK.parse("MON-FRI"));
    assertEquals(
        List.of(CalendarRange.of(0), CalendarRange.of(30)), CalendarField.MINUTE.parse("0,30"));
    assertEquals(List.of(new CalendarRange(0, 59, 15)), CalendarField.MINUTE.parse("*/15"));
    assertEquals(List.of(new CalendarRange(1, 12, 3)), CalendarField.MONTH.parse("JAN-DEC/3"));
    assertEquals(List.of(new CalendarRange(0, 6, 1)), CalendarField.DAY_OF_WEEK.parse("*"));
    assertEquals(List.of(CalendarRange.of(6)), CalendarField.DAY_OF_WEEK.parse("sat"));
  }

  @Test
  void scheduleOfAnUnknownProcedureIsRefused() {
    CatalogException e =
        refused(CatalogFixture.text().replace("procedure: dr-drill", "procedure: chaos-monkey"));
    assertEquals(
        List.of(
            new CatalogException.Problem(
                "schedules.monthly-dr-drill.procedure",
                "unknown procedure 'chaos-monkey'; a schedule can start: backup-validation,"
                    + " dr-drill, fleet-drill, fleet-validation, readiness")),
        e.problems());
  }

  @Test
  void scheduleOfAServiceThatIsNotDefinedIsRefused() {
    CatalogException e =
        refused(
            CatalogFixture.text()
                .replace(
                    "procedure: dr-drill\n    services: [inventory]",
                    "procedure: dr-drill\n    services: [inventory, billing]"));
    assertEquals(
        List.of(
            new CatalogException.Problem(
                "schedules.monthly-dr-drill.services[1]",
                "service 'billing' is not defined under services; defined: customer-base,"
                    + " inventory, locations, payments")),
        e.problems());
  }

  @Test
  void scheduleWithoutServicesIsRefused() {
    CatalogException e =
        refused(
            CatalogFixture.text()
                .replace(
                    "procedure: dr-drill\n    services: [inventory]",
                    "procedure: dr-drill\n    services: []"));
    assertEquals(
        List.of(
            new CatalogException.Problem(
                "schedules.monthly-dr-drill.services", "at least one service is required")),
        e.problems());
  }

  @Test
  void backupValidationScheduleOfSeveralServicesIsRefused() {
    CatalogException e =
        refused(
            CatalogFixture.text()
                .replace(
                    "procedure: fleet-validation\n    services: [all]",
                    "procedure: backup-validation\n    services: [inventory, payments]"));
    assertEquals("schedules.weekly-backup-validation.services", e.problems().get(0).path());
    assertTrue(
        e.problems().get(0).message().contains("declare one schedule per service"), e.getMessage());
  }

  @Test
  void badCalendarValuesAreRefusedEachWithItsField() {
    CatalogException e =
        refused(
            CatalogFixture.text()
                .replace(
                    "calendar: { hour: 10, minute: 0, dayOfMonth: 1-7, dayOfWeek: MON }",
                    "calendar: { hour: 24, minute: 0, dayOfMonth: 7-1, dayOfWeek: MONDAY, month: 13"
                        + " }"));
    String at = "schedules.monthly-dr-drill.calendar.";
    assertEquals(
        List.of(at + "hour", at + "dayOfMonth", at + "month", at + "dayOfWeek"),
        e.problems().stream().map(CatalogException.Problem::path).toList(),
        e.getMessage());
    assertTrue(
        e.problems().get(0).message().startsWith("'24' is out of range; hour takes 0-23"),
        e.getMessage());
    assertTrue(
        e.problems().get(1).message().startsWith("'7-1' starts after it ends"), e.getMessage());
    assertTrue(
        e.problems()
            .get(3)
            .message()
            .contains(
                "'MONDAY' is not a dayOfWeek value; dayOfWeek takes 0-6 "
                    + "(0 is Sunday) or SUN, MON, TUE, WED, THU, FRI, SAT"),
        e.getMessage());
  }

  @Test
  void calendarWithoutAnHourIsRefused() {
    CatalogException e =
        refused(
            CatalogFixture.text()
                .replace(
                    "calendar: { hour: 3, minute: 30, dayOfWeek: SUN }",
                    "calendar: { minute: 30, dayOfWeek: SUN }"));
    assertEquals(
        List.of(
            new CatalogException.Problem(
                "schedules.weekly-backup-validation.calendar.hour", "required field is missing")),
        e.problems());
  }

  @Test
  void calendarStringInsteadOfFieldsIsRefused() {
    CatalogException e =
        refused(
            CatalogFixture.text()
                .replace(
                    "calendar: { hour: 3, minute: 30, dayOfWeek: SUN }",
                    "calendar: { cron: \"30 3 * * SUN\" }"));
    assertEquals("schedules.weekly-backup-validation.calendar.cron", e.problems().get(0).path());
    assertTrue(
        e.problems()
            .get(0)
            .message()
            .startsWith(
                "unknown key 'cron'; allowed here: dayOfMonth, dayOfWeek, "
                    + "hour, minute, month, second"),
        e.getMessage());
  }

  @Test
  void catchupWindowOfZeroOrLessIsRefused() {
    CatalogException zero =
        refused(CatalogFixture.text().replace("catchupWindow: 7d", "catchupWindow: 0m"));
    assertEquals(
        List.of(
            new CatalogException.Problem(
                "schedules.monthly-dr-drill.catchupWindow",
                "must be longer than zero (how late a missed run may still start), found 0m")),
        zero.problems());
    CatalogException negative =
        refused(CatalogFixture.text().replace("catchupWindow: 1d", "catchupWindow: -1h"));
    assertEquals(
        "schedules.weekly-backup-validation.catchupWindow", negative.problems().get(0).path());
    CatalogException missing =
        refused(CatalogFixture.text().replace("    catchupWindow: 1d\n", ""));
    assertEquals(
        List.of(
            new CatalogException.Problem(
                "schedules.weekly-backup-validation.catchupWindow", "required field is missing")),
        missing.problems());
  }

  @Test
  void unknownTimeZoneIsRefused() {
    CatalogException e =
        refused(CatalogFixture.text().replaceFirst("timeZone: UTC", "timeZone: Mars/Olympus"));
    assertEquals("schedules.monthly-dr-drill.timeZone", e.problems().get(0).path());
  }

  @Test
  void scheduleKeyThatCannotNameATemporalScheduleIsRefused() {
    CatalogException e =
        refused(CatalogFixture.text().replace("  monthly-dr-drill:\n", "  Monthly DR drill:\n"));
    assertEquals("schedules.Monthly DR drill", e.problems().get(0).path());
  }

  @Test
  void snapshotPickOnADrillIsRefused() {
    CatalogException e =
        refused(
            CatalogFixture.text()
                .replace("    catchupWindow: 7d\n", "    catchupWindow: 7d\n    pick: random\n"));
    assertEquals(
        List.of(
            new CatalogException.Problem(
                "schedules.monthly-dr-drill.pick",
                "only a backup-validation or fleet-validation schedule picks a snapshot")),
        e.problems());
  }

  @Test
  void missingFileIsNamed() {
    CatalogException e =
        assertThrows(
            CatalogException.class, () -> CatalogLoader.load(Path.of("no/such/catalog.yaml")));
    assertTrue(
        e.getMessage().contains("no/such/catalog.yaml: (file): does not exist"), e.getMessage());
  }

  private static final String INVENTORY_BACKUP =
      "      backup: { retentionDays: 30, window: \"03:00-04:00\", iamDatabaseAuthentication: true"
          + " }\n";

  /**
   * Issue 10, finding 3: a service's restores can be placed by the catalog instead of as the
   * source.
   */
  @Test
  void aDatabaseRestoreBlockIsReadAsTheServicesRestoreSettings() {
    assertTrue(
        CatalogFixture.text()
            .contains(
                "      instance: mycomputer-inventory-db\n      name: inventory\n"
                    + INVENTORY_BACKUP),
        "fixture changed");
    Catalog c =
        CatalogLoader.parse(
            CatalogFixture.text()
                .replace(
                    "      name: inventory\n" + INVENTORY_BACKUP,
                    "      name: inventory\n"
                        + INVENTORY_BACKUP
                        + "      restore:\n"
                        + "        subnetGroup: inventory-db-subnets\n"
                        + "        securityGroupIds: [sg-0a1b2c3d4e5f60718]\n"
                        + "        parameterGroup: inventory-pg15\n"),
            SOURCE);

    assertEquals(
        new RestoreSettings(
            "inventory-db-subnets", List.of("sg-0a1b2c3d4e5f60718"), "inventory-pg15", null),
        c.services().get("inventory").database().restore());
    assertEquals(
        null, c.services().get("customer-base").database().restore(), "absent: as the source");
  }

  @Test
  void aRestoreBlockWithASecurityGroupNameOrNothingInItIsRefusedNamingTheField() {
    CatalogException e =
        refused(
            CatalogFixture.text()
                .replace(
                    "      name: inventory\n" + INVENTORY_BACKUP,
                    "      name: inventory\n"
                        + INVENTORY_BACKUP
                        + "      restore:\n        securityGroupIds: [inventory-db, "
                        + "sg-0a1b2c3d]\n        subnetGroup: \"-bad\"\n        paramGroup: x\n"));
    assertEquals("services.inventory.database.restore.paramGroup", e.problems().get(0).path());
    assertTrue(
        e.getMessage()
            .contains(
                "unknown key 'paramGroup'; allowed here: optionGroup, parameterGroup, "
                    + "securityGroupIds, subnetGroup"),
        e.getMessage());

    e =
        refused(
            CatalogFixture.text()
                .replace(
                    "      name: inventory\n" + INVENTORY_BACKUP,
                    "      name: inventory\n"
                        + INVENTORY_BACKUP
                        + "      restore:\n        securityGroupIds: [inventory-db, "
                        + "sg-0a1b2c3d]\n        subnetGroup: \"-bad\"\n"));
    assertEquals(
        List.of(
            new CatalogException.Problem(
                "services.inventory.database.restore.subnetGroup",
                "'-bad' is not an RDS group name: at most 255 letters, digits, '.', '_', ':', '-'"
                    + " or spaces, starting with a letter or digit"),
            new CatalogException.Problem(
                "services.inventory.database.restore.securityGroupIds[0]",
                "'inventory-db' is not a VPC security group id such as sg-0123456789abcdef0 (write"
                    + " the id, not the group's name)")),
        e.problems());

    e =
        refused(
            CatalogFixture.text()
                .replace(
                    "      name: inventory\n" + INVENTORY_BACKUP,
                    "      name: inventory\n" + INVENTORY_BACKUP + "      restore: {}\n"));
    assertEquals(
        List.of(
            new CatalogException.Problem(
                "services.inventory.database.restore",
                "is empty: give at least one of subnetGroup, securityGroupIds, parameterGroup,"
                    + " optionGroup, or leave it out (restores then take the source instance's"
                    + " settings)")),
        e.problems());
  }

  @Test
  void drillHealthUrlOnAProductionHostIsRefused() {
    CatalogException e = refused(drillHealthUrl("https://api.mycomputer.com/{drillId}/health"));
    assertEquals(
        List.of(
            new CatalogException.Problem(
                "services.inventory.drillHealthUrl",
                "'https://api.mycomputer.com/{drillId}/health' points at the production host"
                    + " api.mycomputer.com; a drill must probe its own deployment, not production,"
                    + " e.g. https://drill.mycomputer.com/{drillId}/inventory/health")),
        e.problems());
    assertEquals(
        "services.inventory.drillHealthUrl",
        refused(drillHealthUrl("https://primary-alb.eu-west-1.elb.amazonaws.com/{drillId}"))
            .problems()
            .get(0)
            .path());
  }

  @Test
  void drillHealthUrlThatNamesNoDrillOrHasAnUnknownPlaceholderIsRefused() {
    assertTrue(
        refused(drillHealthUrl("https://drill.mycomputer.com/health"))
            .getMessage()
            .contains(
                "services.inventory.drillHealthUrl: 'https://drill.mycomputer.com/health' names no"
                    + " drill: include {drillId} or a stack output"));
    assertTrue(
        refused(drillHealthUrl("https://drill.mycomputer.com/{drillId}/{region}/health"))
            .getMessage()
            .contains(
                "unknown placeholder '{region}'; allowed: {drillId}, {service},"
                    + " {output:<StackOutput>}"));
    assertTrue(
        refused(drillHealthUrl("drill.mycomputer.com/{drillId}"))
            .getMessage()
            .contains("'drill.mycomputer.com/{drillId}' must be an http(s) URL"));
  }

  private static String drillHealthUrl(String url) {
    return CatalogFixture.text()
        .replace(
            "drillHealthUrl: https://drill.mycomputer.com/{drillId}/inventory/health",
            "drillHealthUrl: \"" + url + "\"");
  }

  private static CatalogException refused(String yaml) {
    return assertThrows(CatalogException.class, () -> CatalogLoader.parse(yaml, SOURCE));
  }

  private static void assertObjectives(
      Catalog c, String key, String name, int rtoMinutes, int rpoMinutes, Priority p) {
    ServiceSpec s = c.services().get(key);
    assertEquals(name, s.displayName());
    assertEquals(Duration.ofMinutes(rtoMinutes), s.objectives().rto());
    assertEquals(Duration.ofMinutes(rpoMinutes), s.objectives().rpo());
    assertEquals(p, s.priority());
  }
}
