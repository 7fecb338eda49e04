package dev.drrunbooks.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drrunbooks.activities.rds.InstanceShape;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.catalog.ServiceDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, finding 3: what a restore asks for. The run's settings win, then the catalog's {@code
 * database.restore} (primary region only); the rest is left for the activity to copy from the
 * source.
 */
class RequestedShapeTest {
  private static final String BACKUP =
      "      backup: { retentionDays: 30, window: \"03:00-04:00\", iamDatabaseAuthentication: true"
          + " }\n";
  private final ServiceDefinition inventory = withRestoreBlock().definitionOf("inventory");

  @Test
  void theCatalogsSettingsAreAskedForWhereTheRunGivesNone() {
    assertEquals(
        new InstanceShape(
            null,
            "inventory-db-subnets",
            List.of("sg-0a1b2c3d4e5f60718"),
            "inventory-pg15",
            null,
            false),
        RestoreSteps.requestedShape(inventory, "eu-west-1", InstanceShape.asSource().singleAz()));
  }

  @Test
  void theRunsSettingsWinOverTheCatalogs() {
    InstanceShape run =
        new InstanceShape("db.t3.small", "drill-subnets", List.of("sg-0ffffffffffffffff"));
    assertEquals(
        new InstanceShape(
            "db.t3.small",
            "drill-subnets",
            List.of("sg-0ffffffffffffffff"),
            "inventory-pg15",
            null,
            null),
        RestoreSteps.requestedShape(inventory, "eu-west-1", run));
  }

  @Test
  void theCatalogsNamesAreNotUsedInTheDrRegion() {
    assertEquals(
        InstanceShape.asSource(),
        RestoreSteps.requestedShape(inventory, "eu-central-1", InstanceShape.asSource()));
  }

  private static Catalog withRestoreBlock() {
    return CatalogFixture.parse(
        CatalogFixture.text()
            .replace(
                "      name: inventory\n" + BACKUP,
                "      name: inventory\n"
                    + BACKUP
                    + "      restore:\n"
                    + "        subnetGroup: inventory-db-subnets\n"
                    + "        securityGroupIds: [sg-0a1b2c3d4e5f60718]\n"
                    + "        parameterGroup: inventory-pg15\n"));
  }
}
