package dev.drrunbooks.bootstrap.catalog;

import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.accepted;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.edit;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.only;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.catalog.OldPrimary;
import dev.drrunbooks.catalog.RecoverySpec;
import dev.drrunbooks.catalog.RecoveryStrategy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A service's recovery strategy against its objectives, and its standby named in full: the
 * catalog's objectives table must not promise an RPO the design cannot deliver without saying so.
 */
class CatalogValidatorRecoveryRulesTest {
  private static final String PAYMENTS = "services.payments";
  private static final String RECOVERY = PAYMENTS + ".recovery";
  private static final String PAYMENTS_RECOVERY =
      "    recovery:\n"
          + "      strategy: replica\n"
          + "      replica: { instance: mycomputer-payments-db-replica }\n"
          + "      databasePointer: { cname: payments-db.mycomputer.internal, hostedZone:"
          + " mycomputer.internal }\n"
          + "      oldPrimary: replaceable\n"
          + "      knowinglyUnmet:\n"
          + "        rpo: \"cross-region replication is asynchronous: a region loss loses the"
          + " replica's lag, which the standby failover measures and reports; RPO 0 holds for a"
          + " planned switchover only\"\n";
  private static final String INVENTORY_OBJECTIVES = "objectives: { rto: 30m, rpo: 15m }";

  /** Payments' recovery block replaced by {@code block}. */
  private static String payments(String block) {
    return edit(PAYMENTS_RECOVERY, block);
  }

  @Test
  void theShippedCatalogRunsPaymentsOnAReplicaWithItsRpoZeroAcknowledged() {
    Catalog c = accepted(CatalogFixture.text());
    RecoverySpec payments = c.services().get("payments").recoveryOrDefault();
    assertEquals(RecoveryStrategy.REPLICA, payments.strategyOrDefault());
    assertEquals("mycomputer-payments-db-replica", payments.replica().instance());
    assertNull(payments.replica().region(), "the DR region");
    assertEquals(OldPrimary.REPLACEABLE, payments.oldPrimaryOrDefault());
    assertEquals(
        OldPrimary.KEEP,
        c.services().get("inventory").recoveryOrDefault().oldPrimaryOrDefault(),
        "kept unless the catalog says otherwise");
    assertEquals(
        RecoveryStrategy.RESTORE,
        c.services().get("inventory").recoveryOrDefault().strategyOrDefault(),
        "no recovery block: restore");
  }

  @Test
  void restoreCannotPromiseAnRpoUnderFiveMinutes() {
    assertEquals(
        only(
            PAYMENTS + ".objectives.rpo",
            "RPO 0m cannot be met by strategy 'restore' in a region loss: it meets 5m (the latest"
                + " restorable time trails by about 5 minutes); choose a strategy that can, or say"
                + " why it is accepted in "
                + RECOVERY
                + ".knowinglyUnmet.rpo"),
        problems(payments("")));
    String inventoryAt = "services.inventory.objectives.rpo";
    assertEquals(
        inventoryAt,
        problems(edit(INVENTORY_OBJECTIVES, "objectives: { rto: 30m, rpo: 4m }")).get(0).path());
    assertEquals(
        Duration.ofMinutes(5),
        accepted(edit(INVENTORY_OBJECTIVES, "objectives: { rto: 30m, rpo: 5m }"))
            .services()
            .get("inventory")
            .objectives()
            .rpo(),
        "5 minutes is what restore meets");
  }

  @Test
  void asynchronousStandbysCannotPromiseRpoZeroButAnyRpoAboveIt() {
    assertEquals(
        only(
            PAYMENTS + ".objectives.rpo",
            "RPO 0m cannot be met by strategy 'replica' in a region loss: it meets more than 0"
                + " (replication is asynchronous); choose a strategy that can, or say why it is"
                + " accepted in "
                + RECOVERY
                + ".knowinglyUnmet.rpo"),
        problems(
            edit(
                PAYMENTS_RECOVERY,
                PAYMENTS_RECOVERY.substring(
                    0, PAYMENTS_RECOVERY.indexOf("      knowinglyUnmet")))));
    assertEquals(
        only(
            RECOVERY + ".knowinglyUnmet.rpo",
            "strategy 'replica' can meet RPO 1s: remove the acknowledgement"),
        problems(edit("objectives: { rto: 15m, rpo: 0m }", "objectives: { rto: 15m, rpo: 1s }")));
    assertEquals(
        only(RECOVERY + ".knowinglyUnmet.rpo", "must say why the RPO is accepted as unmet"),
        problems(edit("        rpo: \"cross-region", "        rpo: \" \"\n#")));
  }

  @Test
  void auroraGlobalNamesItsGlobalClusterAndBothMembers() {
    String aurora =
        "    recovery:\n"
            + "      strategy: aurora-global\n"
            + "      auroraGlobal: { globalCluster: payments-global, primaryCluster:"
            + " payments-eu-west-1, secondaryCluster: payments-eu-central-1 }\n"
            + "      databasePointer: { parameter: /mycomputer/payments/database-host }\n"
            + "      knowinglyUnmet: { rpo: \"unplanned failover loses the replication lag\" }\n";
    Catalog c = accepted(payments(aurora));
    assertEquals(
        "payments-eu-central-1",
        c.services().get("payments").recovery().auroraGlobal().secondaryCluster());
    assertEquals(
        only(RECOVERY + ".auroraGlobal.globalCluster", "required field is missing"),
        problems(payments(aurora.replace("globalCluster: payments-global, ", ""))));
    assertEquals(
        only(
            RECOVERY + ".auroraGlobal.secondaryCluster",
            "'Payments-EU-West-1' is the primary cluster too; name the secondary"),
        problems(payments(aurora.replace("payments-eu-central-1", "Payments-EU-West-1"))),
        "identifiers are case-insensitive");
    assertEquals(
        only(
            RECOVERY + ".auroraGlobal.secondaryRegion",
            "'eu-west-1' is the primary region: a standby there is lost with the primary"),
        problems(
            payments(
                aurora.replace(
                    "secondaryCluster: payments-eu-central-1",
                    "secondaryCluster: payments-eu-central-1, secondaryRegion: eu-west-1"))));
    String members =
        "      auroraGlobal: { globalCluster: payments-global, primaryCluster: payments-eu-west-1,"
            + " secondaryCluster: payments-eu-central-1 }\n";
    assertEquals(
        only(RECOVERY + ".auroraGlobal", "required field is missing"),
        problems(payments(aurora.replace(members, ""))));
    assertEquals(
        only(RECOVERY + ".replica", "only with strategy replica"),
        problems(
            payments(aurora + "      replica: { instance: mycomputer-payments-db-replica }\n")));
  }

  @Test
  void aReplicaIsAnRdsIdentifierOutsideThePrimaryRegion() {
    assertEquals(
        only(RECOVERY + ".replica.instance", "required field is missing"),
        problems(edit("replica: { instance: mycomputer-payments-db-replica }", "replica: { }")));
    for (String bad : new String[] {"9payments", "pay--ments", "payments-", "pay_ments"})
      assertEquals(
          only(
              RECOVERY + ".replica.instance",
              "'"
                  + bad
                  + "' is not an RDS identifier: 1 to 63 letters, digits and hyphens, a letter"
                  + " first, no two hyphens in a row, no hyphen last"),
          problems(edit("instance: mycomputer-payments-db-replica", "instance: " + bad)),
          bad);
    assertEquals(
        "a" + "b".repeat(62),
        accepted(edit("mycomputer-payments-db-replica", "a" + "b".repeat(62)))
            .services()
            .get("payments")
            .recovery()
            .replica()
            .instance(),
        "63 characters");
    assertEquals(
        RECOVERY + ".replica.instance",
        problems(edit("mycomputer-payments-db-replica", "a" + "b".repeat(63))).get(0).path(),
        "64 characters");
    assertEquals(
        only(
            RECOVERY + ".replica.region",
            "'eu-west-1' is the primary region: a standby there is lost with the primary"),
        problems(
            edit(
                "replica: { instance: mycomputer-payments-db-replica }",
                "replica: { instance: mycomputer-payments-db-replica, region: eu-west-1 }")));
    assertEquals(
        only(RECOVERY + ".replica.region", "'dr' is not an AWS region name such as eu-west-1"),
        problems(
            edit(
                "replica: { instance: mycomputer-payments-db-replica }",
                "replica: { instance: mycomputer-payments-db-replica, region: dr }")));
    assertEquals(
        "us-east-1",
        accepted(
                edit(
                    "replica: { instance: mycomputer-payments-db-replica }",
                    "replica: { instance: mycomputer-payments-db-replica, region: us-east-1 }"))
            .services()
            .get("payments")
            .recovery()
            .replica()
            .region());
    assertEquals(
        only(RECOVERY + ".replica", "required field is missing"),
        problems(edit("      replica: { instance: mycomputer-payments-db-replica }\n", "")));
    assertEquals(
        only(RECOVERY + ".auroraGlobal", "only with strategy aurora-global"),
        problems(
            edit(
                "      replica: { instance: mycomputer-payments-db-replica }\n",
                "      replica: { instance: mycomputer-payments-db-replica }\n"
                    + "      auroraGlobal: { globalCluster: g }\n")));
  }

  @Test
  void restoreTakesNoStandbyOrPointer() {
    String restore =
        "    recovery:\n"
            + "      strategy: restore\n"
            + "      replica: { instance: r }\n"
            + "      auroraGlobal: { globalCluster: g }\n"
            + "      databasePointer: { parameter: p }\n"
            + "      oldPrimary: replaceable\n"
            + "      knowinglyUnmet: { rpo: \"restores only\" }\n";
    assertEquals(
        List.of(
            CatalogEdits.problem(RECOVERY + ".replica", "only with strategy replica"),
            CatalogEdits.problem(RECOVERY + ".auroraGlobal", "only with strategy aurora-global"),
            CatalogEdits.problem(
                RECOVERY + ".databasePointer", "only with strategy replica or aurora-global"),
            CatalogEdits.problem(
                RECOVERY + ".oldPrimary", "only with strategy replica or aurora-global")),
        problems(payments(restore)));
  }

  @Test
  void theDatabasePointerIsOneRoute53NameOrOneParameter() {
    String pointer =
        "databasePointer: { cname: payments-db.mycomputer.internal, hostedZone: mycomputer.internal"
            + " }";
    String at = RECOVERY + ".databasePointer";
    assertEquals(
        only(at, "required field is missing"), problems(edit("      " + pointer + "\n", "")));
    assertEquals(
        only(at, "give exactly one of cname (a Route 53 record) or parameter (Parameter Store)"),
        problems(edit(pointer, "databasePointer: { hostedZone: mycomputer.internal }")));
    assertEquals(
        only(at, "give exactly one of cname (a Route 53 record) or parameter (Parameter Store)"),
        problems(edit(pointer, "databasePointer: { cname: a.example.com, parameter: /a/b }")));
    assertEquals(
        only(
            at + ".cname", "'payments-db.example.com' is not in hosted zone 'mycomputer.internal'"),
        problems(edit("cname: payments-db.mycomputer.internal", "cname: payments-db.example.com")));
    assertEquals(
        "mycomputer.internal.",
        accepted(edit("cname: payments-db.mycomputer.internal,", "cname: mycomputer.internal.,"))
            .services()
            .get("payments")
            .recovery()
            .databasePointer()
            .cname(),
        "the zone's apex, written fully qualified");
    assertEquals(
        only(at + ".cname", "'payments db' is not a DNS name such as db.example.com"),
        problems(edit("cname: payments-db.mycomputer.internal", "cname: \"payments db\"")));
    assertEquals(
        "Payments-DB.MyComputer.internal",
        accepted(
                edit(
                    "cname: payments-db.mycomputer.internal",
                    "cname: Payments-DB.MyComputer.internal"))
            .services()
            .get("payments")
            .recovery()
            .databasePointer()
            .cname(),
        "DNS names are case-insensitive");
    assertEquals(
        only(at + ".hostedZone", "only with cname: the zone the record is in"),
        problems(
            edit(
                pointer, "databasePointer: { parameter: /a/b, hostedZone: mycomputer.internal }")));
    for (String good : new String[] {"/mycomputer/payments/database-host", "payments.db_host"})
      assertEquals(
          good,
          accepted(edit(pointer, "databasePointer: { parameter: \"" + good + "\" }"))
              .services()
              .get("payments")
              .recovery()
              .databasePointer()
              .parameter());
    for (String bad : new String[] {"a/b", "/a//b", "/a b", "/" + "x".repeat(1011)})
      assertEquals(
          at + ".parameter",
          problems(edit(pointer, "databasePointer: { parameter: \"" + bad + "\" }")).get(0).path(),
          bad);
    for (String reserved : new String[] {"/aws/db", "SSM-db", "/ssm/x"})
      assertEquals(
          only(at + ".parameter", "'" + reserved + "' begins with aws or ssm, which AWS reserves"),
          problems(edit(pointer, "databasePointer: { parameter: \"" + reserved + "\" }")),
          reserved);
  }

  @Test
  void aReplicaNeedsTheDatabaseItReplicates() {
    String locations =
        "    database:\n"
            + "      instance: mycomputer-locations-db\n"
            + "      name: locations\n"
            + "      backup: { retentionDays: 30, window: \"03:00-04:00\","
            + " iamDatabaseAuthentication: true }\n";
    String yaml = edit(locations, "");
    yaml =
        edit(
            yaml,
            "    failover: { requireApproval: false, stages: [100] }\n",
            "    failover: { requireApproval: false, stages: [100] }\n"
                + "    recovery: { strategy: replica, replica: { instance: loc-replica },"
                + " databasePointer: { parameter: /loc/db } }\n");
    assertEquals(
        List.of(
            CatalogEdits.problem(
                "services.locations.recovery.strategy",
                "replica needs the service's database: it replicates it"),
            CatalogEdits.problem("services.locations.database", "required field is missing")),
        problems(yaml));
  }
}
