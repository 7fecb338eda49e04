package dev.drrunbooks.standby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.catalog.ServiceDefinition;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where an instantiated standby goes in the DR region, from Payments' catalog entry. */
class DrPlacementTest {
  private static final String KEY =
      "arn:aws:kms:eu-central-1:123456789012:key/7c2e9a41-5b3d-4e8f-a1c6-0d9b8e7f6a52";

  @Test
  void theDrRestorePlacementAndTheDrRegionsKey() {
    ServiceDefinition payments = payments(CatalogFixture.text());
    Standby standby = Standby.of(payments);
    DrPlacement p = DrPlacement.of(payments, standby, "replica");
    assertEquals("mycomputer-dr-db", p.subnetGroup());
    assertEquals(List.of("sg-0a1b2c3d4e5f60718"), p.securityGroupIds());
    assertEquals(KEY, DrPlacement.kmsKeyOf(payments, standby, "replica"));
  }

  @Test
  void aKeyOfAnotherRegionOrNoSecurityGroupsAreRefusedNamingTheField() {
    ServiceDefinition otherKey =
        payments(CatalogFixture.text().replace(KEY, KEY.replace("eu-central-1", "eu-west-1")));
    ApplicationFailure key =
        assertThrows(
            ApplicationFailure.class,
            () -> DrPlacement.kmsKeyOf(otherKey, Standby.of(otherKey), "secondary cluster"));
    assertEquals("InvalidInput", key.getType());
    assertTrue(
        key.getOriginalMessage().contains("is not a key of eu-central-1, the secondary cluster's"),
        key.getOriginalMessage());

    ServiceDefinition noGroups =
        payments(
            CatalogFixture.text()
                .replace(
                    "drRestore: { subnetGroup: mycomputer-dr-db, securityGroupIds:"
                        + " [sg-0a1b2c3d4e5f60718], parameterGroup: mycomputer-postgres15-dr }\n"
                        + "      dataRecovery:\n        ledger: { table: payment_entries",
                    "drRestore: { subnetGroup: mycomputer-dr-db }\n"
                        + "      dataRecovery:\n        ledger: { table: payment_entries"));
    ApplicationFailure groups =
        assertThrows(
            ApplicationFailure.class,
            () -> DrPlacement.of(noGroups, Standby.of(noGroups), "replica"));
    assertTrue(
        groups
            .getOriginalMessage()
            .startsWith(
                "service: 'payments' is not valid; to create its standby replica the catalog must"
                    + " give database.drRestore.securityGroupIds"),
        groups.getOriginalMessage());
  }

  @Test
  void aBlankKeyIsNone() {
    ServiceDefinition blank = payments(CatalogFixture.text().replace("\"" + KEY + "\"", "\" \""));
    assertNull(DrPlacement.drReplicationKey(blank));
  }

  private static ServiceDefinition payments(String catalogText) {
    return CatalogFixture.parse(catalogText).definitionOf("payments");
  }
}
