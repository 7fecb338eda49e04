package dev.drrunbooks.bootstrap.catalog;

import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.accepted;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.edit;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.only;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.problem;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drrunbooks.catalog.CatalogFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The top-level and per-service rules at their boundaries: regions, objectives, ECS, DNS, queries,
 * failover.
 */
class CatalogValidatorServiceRulesTest {
  private static final String LOCATIONS = "services.locations";
  private static final String LOCATIONS_DATABASE =
      "    database:\n"
          + "      instance: mycomputer-locations-db\n"
          + "      name: locations\n"
          + "      backup: { retentionDays: 30, window: \"03:00-04:00\", iamDatabaseAuthentication:"
          + " true }\n";
  private static final String LOCATIONS_FAILOVER =
      "failover: { requireApproval: false, stages: [100] }";

  @Test
  void theOrganisationAndAccountAreRequired() {
    assertEquals(
        only("organisation", "required field is missing"),
        problems(edit("organisation: MyComputer\n", "")));
    assertEquals(
        only("accountId", "required field is missing"),
        problems(edit("accountId: \"123456789012\"\n", "")));
  }

  /**
   * Without regions (or a DR region) the DR-region key check has nothing to compare with, and is
   * skipped.
   */
  @Test
  void regionsAreRequiredAndNamedAsAws() {
    assertEquals(
        only("regions", "required field is missing"),
        problems(edit("regions:\n  primary: eu-west-1\n  dr: eu-central-1\n", "")));
    assertEquals(
        only("regions.dr", "required field is missing"),
        problems(edit("  dr: eu-central-1\n", "")));
    assertEquals(
        only("regions.primary", "'eu-west' is not an AWS region name such as eu-west-1"),
        problems(edit("  primary: eu-west-1\n", "  primary: eu-west\n")));
    assertEquals(
        "us-gov-west-1",
        accepted(edit("  primary: eu-west-1\n", "  primary: us-gov-west-1\n")).regions().primary());
  }

  @Test
  void atLeastOneServiceIsRequired() {
    String text = CatalogFixture.text();
    String services =
        text.substring(text.indexOf("services:\n"), text.indexOf("# Weighted Route53"));
    List<CatalogException.Problem> found = problems(edit(services, "services: {}\n"));
    assertEquals(problem("services", "at least one service is required"), found.get(0));
  }

  @Test
  void aServicesNameTierAndObjectivesAreRequired() {
    assertEquals(
        only(LOCATIONS + ".displayName", "required field is missing"),
        problems(edit("    displayName: Locations\n", "")));
    assertEquals(
        only(LOCATIONS + ".priority", "required field is missing"),
        problems(
            edit(
                "    displayName: Locations\n    priority: Medium\n",
                "    displayName: Locations\n")));
    assertEquals(
        only(LOCATIONS + ".objectives", "required field is missing"),
        problems(edit("    objectives: { rto: 1h, rpo: 30m }\n", "")));
    assertEquals(
        only(LOCATIONS + ".objectives.rto", "required field is missing"),
        problems(edit("objectives: { rto: 1h, rpo: 30m }", "objectives: { rpo: 30m }")));
    assertEquals(
        Duration.ZERO,
        accepted(edit("objectives: { rto: 1h, rpo: 30m }", "objectives: { rto: 0m, rpo: 30m }"))
            .services()
            .get("locations")
            .objectives()
            .rto());
  }

  @Test
  void aServicesDatabaseAndItsBackupAreRequired() {
    assertEquals(
        only(LOCATIONS + ".database", "required field is missing"),
        problems(edit(LOCATIONS_DATABASE, "")));
    assertEquals(
        only(LOCATIONS + ".database.backup", "required field is missing"),
        problems(
            edit(
                LOCATIONS_DATABASE,
                LOCATIONS_DATABASE.substring(0, LOCATIONS_DATABASE.indexOf("      backup")))));
    assertEquals(
        only(LOCATIONS + ".database.name", "required field is missing"),
        problems(edit("      name: locations\n", "")));
  }

  @Test
  void theEcsTaskDefinitionIsFamilyAndLabelAndTheCountIsZeroOrMore() {
    assertEquals(
        only(
            LOCATIONS + ".ecs.stableTaskDefinition",
            "'locations-service' must be family:label or "
                + "family:revision, e.g. inventory-service:stable"),
        problems(
            edit(
                "stableTaskDefinition: locations-service:stable",
                "stableTaskDefinition: locations-service")));
    assertEquals(
        only(LOCATIONS + ".ecs.stableTaskDefinition", "required field is missing"),
        problems(edit("      stableTaskDefinition: locations-service:stable\n", "")));
    accepted(
        edit(
            "stableTaskDefinition: locations-service:stable",
            "stableTaskDefinition: locations-service:12"));
    assertEquals(
        only(LOCATIONS + ".ecs.desiredCount", "must be 0 or more, found -1"),
        problems(edit("desiredCount: 3", "desiredCount: -1")));
    assertEquals(
        0,
        accepted(edit("desiredCount: 3", "desiredCount: 0"))
            .services()
            .get("locations")
            .ecs()
            .desiredCount());
    assertEquals(
        only(LOCATIONS + ".ecs.desiredCount", "required field is missing"),
        problems(edit("      desiredCount: 3\n", "")));
    assertEquals(
        only(LOCATIONS + ".ecs.cluster", "required field is missing"),
        problems(
            edit(
                "      cluster: mycomputer-production\n      service: locations-service\n",
                "      service: locations-service\n")));
    assertEquals(
        only(LOCATIONS + ".ecs.service", "required field is missing"),
        problems(edit("      service: locations-service\n", "")));
  }

  @Test
  void theDnsRecordMustBeDefinedAndTheHealthEndpointAUrl() {
    assertEquals(
        only(
            LOCATIONS + ".dns",
            "DNS record 'location' is not defined under dnsRecords; defined: api, "
                + "customers, locations, payments"),
        problems(edit("    dns: locations\n", "    dns: location\n")));
    assertEquals(
        only(
            LOCATIONS + ".healthEndpoint",
            "'locations.mycomputer.com/health' must be an http(s) URL"),
        problems(
            edit(
                "healthEndpoint: https://locations.mycomputer.com/health",
                "healthEndpoint: locations.mycomputer.com/health")));
    accepted(
        edit(
            "healthEndpoint: https://locations.mycomputer.com/health",
            "healthEndpoint: http://locations.mycomputer.com/health"));
  }

  /**
   * Every DNS record's name (without its root dot, any case) is a production host a drill may not
   * probe.
   */
  @Test
  void aDrillMayNotProbeADnsRecordsNameOrAlias() {
    String yaml =
        edit("    name: locations.mycomputer.com\n", "    name: LOCATIONS-DNS.mycomputer.com.\n");
    assertEquals(
        only(
            LOCATIONS + ".drillHealthUrl",
            "'https://locations-dns.mycomputer.com/{drillId}/health' points at the production host"
                + " locations-dns.mycomputer.com; a drill must probe its own deployment, not"
                + " production, e.g. https://drill.mycomputer.com/{drillId}/inventory/health"),
        problems(
            edit(
                yaml,
                "drillHealthUrl: https://drill.mycomputer.com/{drillId}/locations/health",
                "drillHealthUrl: \"https://locations-dns.mycomputer.com/{drillId}/health\"")));
    String alias =
        edit(
            CatalogFixture.text()
                .replace(
                    "primary-alb.eu-west-1.elb.amazonaws.com/health", "health.example.com/health"),
            "aliasDnsName: primary-alb.eu-west-1.elb.amazonaws.com",
            "aliasDnsName: PRIMARY-ALB.eu-west-1.elb.amazonaws.com");
    assertEquals(
        LOCATIONS + ".drillHealthUrl",
        problems(
                edit(
                    alias,
                    "drillHealthUrl: https://drill.mycomputer.com/{drillId}/locations/health",
                    "drillHealthUrl:"
                        + " \"https://primary-alb.eu-west-1.elb.amazonaws.com/{drillId}\""))
            .get(0)
            .path());
  }

  /**
   * A service's own health endpoint and a weighted target's health endpoint are production hosts
   * too.
   */
  @Test
  void aDrillMayNotProbeAServicesOrATargetsHealthEndpoint() {
    String drill = "drillHealthUrl: https://drill.mycomputer.com/{drillId}/locations/health";
    String service =
        edit(
            "healthEndpoint: https://locations.mycomputer.com/health",
            "healthEndpoint: https://locations-origin.mycomputer.com/health");
    assertEquals(
        only(
            LOCATIONS + ".drillHealthUrl",
            "'https://locations-origin.mycomputer.com/{drillId}' points at the production host"
                + " locations-origin.mycomputer.com; a drill must probe its own deployment, not"
                + " production, e.g. https://drill.mycomputer.com/{drillId}/inventory/health"),
        problems(
            edit(
                service,
                drill,
                "drillHealthUrl: \"https://locations-origin.mycomputer.com/{drillId}\"")));
    String target =
        edit(
            "      healthEndpoint: https://primary-alb.eu-west-1.elb.amazonaws.com/health\n",
            "      healthEndpoint: https://primary-probe.mycomputer.com/health\n");
    assertEquals(
        only(
            LOCATIONS + ".drillHealthUrl",
            "'https://primary-probe.mycomputer.com/{drillId}' points at the production host"
                + " primary-probe.mycomputer.com; a drill must probe its own deployment, not"
                + " production, e.g. https://drill.mycomputer.com/{drillId}/inventory/health"),
        problems(
            edit(
                target,
                drill,
                "drillHealthUrl: \"https://primary-probe.mycomputer.com/{drillId}\"")));
    accepted(edit(drill, "drillHealthUrl: \"https://primary-probe.mycomputer.com/{drillId}\""));
  }

  @Test
  void aValidationQueryExpectsExactlyOneThing() {
    String query = "        expect: { atLeast: 100 }";
    String at = "services.inventory.validationQueries[0]";
    assertEquals(
        only(
            at + ".expect", "needs exactly one of equals, atLeast, withinPercentOfSource; found 0"),
        problems(edit(query, "        expect: {}")));
    assertEquals(
        only(
            at + ".expect", "needs exactly one of equals, atLeast, withinPercentOfSource; found 2"),
        problems(edit(query, "        expect: { atLeast: 100, equals: 100 }")));
    assertEquals(
        only(at + ".expect", "required field is missing"), problems(edit(query + "\n", "")));
    assertEquals(
        only(at + ".sql", "required field is missing"),
        problems(edit("        sql: SELECT COUNT(*) FROM inventory_items\n", "")));
    assertEquals(
        only(at + ".name", "required field is missing"),
        problems(edit("      - name: items-present\n        sql:", "      - sql:")));
  }

  @Test
  void theApprovalTimeoutIsLongerThanZero() {
    String at = LOCATIONS + ".failover.approvalTimeout";
    assertEquals(
        only(at, "must be longer than zero, found 0m"),
        problems(edit(LOCATIONS_FAILOVER, "failover: { approvalTimeout: 0m, stages: [100] }")));
    assertEquals(
        only(at, "must be longer than zero, found -1m"),
        problems(edit(LOCATIONS_FAILOVER, "failover: { approvalTimeout: -1m, stages: [100] }")));
    assertEquals(
        Duration.ofSeconds(1),
        accepted(edit(LOCATIONS_FAILOVER, "failover: { approvalTimeout: 1s }"))
            .services()
            .get("locations")
            .failover()
            .approvalTimeout());
  }

  @Test
  void stagesRiseAboveZeroToExactly100() {
    String at = LOCATIONS + ".failover.stages";
    String why =
        "stages are rising percentages of traffic to the secondary, each above the last and at most"
            + " 100; found ";
    assertEquals(
        List.of(1, 99, 100),
        accepted(edit(LOCATIONS_FAILOVER, "failover: { stages: [1, 99, 100] }"))
            .services()
            .get("locations")
            .failover()
            .stages());
    assertEquals(
        only(at + "[0]", why + "0"),
        problems(edit(LOCATIONS_FAILOVER, "failover: { stages: [0, 100] }")));
    assertEquals(
        only(at + "[1]", why + "50"),
        problems(edit(LOCATIONS_FAILOVER, "failover: { stages: [50, 50, 100] }")));
    assertEquals(
        only(at + "[1]", why + "101"),
        problems(edit(LOCATIONS_FAILOVER, "failover: { stages: [50, 101] }")));
    assertEquals(
        only(at, "the last stage must be 100 (all traffic), found 99"),
        problems(edit(LOCATIONS_FAILOVER, "failover: { stages: [10, 99] }")));
  }
}
