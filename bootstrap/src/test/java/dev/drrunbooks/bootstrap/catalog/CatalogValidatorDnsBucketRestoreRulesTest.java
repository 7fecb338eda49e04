package dev.drrunbooks.bootstrap.catalog;

import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.accepted;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.edit;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.only;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import org.junit.jupiter.api.Test;

/**
 * The rules of DNS records, buckets and a database's restore placement, each with its valid
 * neighbour.
 */
class CatalogValidatorDnsBucketRestoreRulesTest {
  private static final String API = "dnsRecords.api";
  private static final String API_HEALTH_CHECK =
      "healthCheck: { fqdn: api.mycomputer.com, path: /health }";
  private static final String API_PRIMARY =
      "    primary:\n"
          + "      setIdentifier: Primary\n"
          + "      region: eu-west-1\n"
          + "      aliasHostedZoneId: Z215JYRZR8TBV5\n"
          + "      aliasDnsName: primary-alb.eu-west-1.elb.amazonaws.com\n"
          + "      evaluateTargetHealth: true\n"
          + "      healthEndpoint: https://primary-alb.eu-west-1.elb.amazonaws.com/health\n"
          + "      alarm: api-primary-unhealthy\n";
  private static final String ASSETS = "buckets.assets";
  private static final String DR_RESTORE =
      "drRestore: { subnetGroup: mycomputer-dr-db, securityGroupIds: "
          + "[sg-0a1b2c3d4e5f60718], parameterGroup: mycomputer-postgres15-dr }";
  private static final String RESTORE_AT = "services.customer-base.database.drRestore";
  private static final String NOT_A_GROUP_NAME =
      " is not an RDS group name: at most 255 letters, digits, '.', '_', ':',"
          + " '-' or spaces, starting with a letter or digit";

  @Test
  void aDnsRecordsZoneNameAndTypeAreRequired() {
    assertEquals(
        only(API + ".hostedZone", "required field is missing"),
        problems(
            edit(
                "    hostedZone: mycomputer.com\n    name: api.mycomputer.com\n",
                "    name: api.mycomputer.com\n")));
    assertEquals(
        only(API + ".type", "required field is missing"),
        problems(
            edit("    name: api.mycomputer.com\n    type: A\n", "    name: api.mycomputer.com\n")));
  }

  @Test
  void aHealthCheckNamesItsIdOrItsFqdn() {
    assertEquals(
        only(API + ".healthCheck", "needs an id, or the fqdn (and path) the health check probes"),
        problems(edit(API_HEALTH_CHECK, "healthCheck: { path: /health }")));
    assertEquals(
        "abc-123",
        accepted(edit(API_HEALTH_CHECK, "healthCheck: { id: abc-123 }"))
            .dnsRecords()
            .get("api")
            .healthCheck()
            .id());
  }

  @Test
  void bothWeightedTargetsAreRequiredAndComplete() {
    assertEquals(
        only(API + ".primary", "required field is missing"), problems(edit(API_PRIMARY, "")));
    String secondary = "      setIdentifier: Secondary\n      region: eu-central-1\n";
    assertEquals(
        only(API + ".secondary.region", "'eu-central' is not an AWS region name such as eu-west-1"),
        problems(edit(secondary, "      setIdentifier: Secondary\n      region: eu-central\n")));
    assertEquals(
        only(API + ".secondary.setIdentifier", "required field is missing"),
        problems(edit(secondary, "      region: eu-central-1\n")));
    assertEquals(
        only(API + ".primary.evaluateTargetHealth", "required field is missing"),
        problems(edit("      evaluateTargetHealth: true\n", "")));
    assertEquals(
        only(API + ".primary.aliasHostedZoneId", "required field is missing"),
        problems(edit("      aliasHostedZoneId: Z215JYRZR8TBV5\n", "")));
    assertEquals(
        only(API + ".primary.healthEndpoint", "'primary-alb/health' must be an http(s) URL"),
        problems(
            edit(
                "      healthEndpoint: https://primary-alb.eu-west-1.elb.amazonaws.com/health\n",
                "      healthEndpoint: primary-alb/health\n")));
    accepted(
        edit(
            "      healthEndpoint: https://primary-alb.eu-west-1.elb.amazonaws.com/health\n",
            "      healthEndpoint: http://primary-alb.eu-west-1.elb.amazonaws.com/health\n"));
  }

  @Test
  void aBucketsRegionsAndReplicationFieldsAreChecked() {
    assertEquals(
        only(ASSETS + ".region", "'eu-west' is not an AWS region name such as eu-west-1"),
        problems(
            edit(
                "    name: mycomputer-assets\n    region: eu-west-1\n",
                "    name: mycomputer-assets\n    region: eu-west\n")));
    assertEquals(
        only(ASSETS + ".name", "required field is missing"),
        problems(edit("    name: mycomputer-assets\n", "")));
    assertEquals(
        only(
            ASSETS + ".replication.destinationRegion",
            "'central' is not an AWS region name such as " + "eu-west-1"),
        problems(edit("destinationRegion: eu-central-1", "destinationRegion: central")));
    assertEquals(
        only(ASSETS + ".replication.ruleId", "required field is missing"),
        problems(edit("      ruleId: ReplicateAll\n", "")));
    assertEquals(
        only(ASSETS + ".replication.role", "required field is missing"),
        problems(edit("      role: arn:aws:iam::123456789012:role/replication-role\n", "")));
    assertEquals(
        only(ASSETS + ".replication.destinationBucket", "required field is missing"),
        problems(edit("      destinationBucket: mycomputer-assets-dr\n", "")));
    assertEquals(
        only(ASSETS + ".replication.replicationTime", "required field is missing"),
        problems(edit("      replicationTime: 15m\n", "")));
    assertEquals(
        only(
            ASSETS + ".replication.replicationTime",
            "S3 Replication Time Control supports exactly 15 " + "minutes, found 16m"),
        problems(edit("replicationTime: 15m", "replicationTime: 16m")));
    assertEquals(
        only(ASSETS + ".replication.storageClass", "required field is missing"),
        problems(edit("      storageClass: STANDARD_IA\n", "")));
    assertEquals(
        only(ASSETS + ".versioning", "required field is missing"),
        problems(
            edit(
                "    region: eu-west-1\n    versioning: true\n    replication:\n      ruleId",
                "    region: eu-west-1\n    replication:\n      ruleId")));
    assertEquals(
        0,
        accepted(
                edit(
                    "      destinationBucket: mycomputer-assets-dr\n",
                    "      destinationBucket: mycomputer-assets-dr\n      priority: 0\n"))
            .buckets()
            .get("assets")
            .replication()
            .priority());
  }

  @Test
  void aBucketWithoutReplicationNeedsNoVersioning() {
    String text = CatalogFixture.text();
    String replication =
        text.substring(
            text.indexOf("    replication:\n      ruleId: ReplicateAll\n"),
            text.indexOf("  customer-documents:\n    name:"));
    Catalog c =
        accepted(
            edit(
                edit(text, replication, ""),
                "    region: eu-west-1\n    versioning: true\n",
                "    region: eu-west-1\n    versioning: false\n"));
    assertEquals(null, c.buckets().get("assets").replication());
  }

  @Test
  void everyRestoreGroupNameIsAnRdsNameAndEachSecurityGroupIsListedOnce() {
    assertEquals(
        only(RESTORE_AT + ".parameterGroup", "'-pg'" + NOT_A_GROUP_NAME),
        problems(edit(DR_RESTORE, DR_RESTORE.replace("mycomputer-postgres15-dr", "\"-pg\""))));
    assertEquals(
        only(RESTORE_AT + ".optionGroup", "'_og'" + NOT_A_GROUP_NAME),
        problems(edit(DR_RESTORE, DR_RESTORE.replace(" }", ", optionGroup: _og }"))));
    String name255 = "a".repeat(255);
    accepted(edit(DR_RESTORE, DR_RESTORE.replace(" }", ", optionGroup: " + name255 + " }")));
    assertEquals(
        only(RESTORE_AT + ".optionGroup", "'" + name255 + "a'" + NOT_A_GROUP_NAME),
        problems(edit(DR_RESTORE, DR_RESTORE.replace(" }", ", optionGroup: " + name255 + "a }"))));
    assertEquals(
        only(RESTORE_AT + ".securityGroupIds[1]", "'sg-0a1b2c3d4e5f60718' is listed twice"),
        problems(
            edit(
                DR_RESTORE,
                DR_RESTORE.replace(
                    "[sg-0a1b2c3d4e5f60718]", "[sg-0a1b2c3d4e5f60718, sg-0a1b2c3d4e5f60718]"))));
    accepted(
        edit(
            DR_RESTORE,
            DR_RESTORE.replace("[sg-0a1b2c3d4e5f60718]", "[sg-0a1b2c3d4e5f60718, sg-0a1b2c3d]")));
  }
}
