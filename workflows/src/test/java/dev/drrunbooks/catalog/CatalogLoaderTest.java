package dev.drrunbooks.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogLoaderTest {
  private static final String SOURCE = "broken.yaml";

  @Test
  void theRunbooksObjectivesTableIsTheCatalog() {
    Catalog catalog = CatalogFixture.load();
    assertEquals(List.of("customer-base", "inventory", "locations", "payments"), catalog.serviceKeys());
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
    assertEquals("primary-alb.eu-west-1.elb.amazonaws.com", inventory.dns().primary().aliasDnsName());
    assertEquals("Z3F0SRJ5LGBH90", inventory.dns().secondary().aliasHostedZoneId());
    BucketSpec assets = inventory.buckets().get(0);
    assertEquals("mycomputer-assets", assets.name());
    assertEquals("arn:aws:s3:::mycomputer-assets-dr", assets.replication().destinationBucketArn());
    assertEquals(Duration.ofMinutes(15), assets.replication().replicationTime());
    assertEquals("STANDARD_IA", assets.replication().storageClass());
    assertTrue(inventory.spec().validationQueries().stream().allMatch(q -> q.expect().kindsSet() == 1));
  }

  @Test
  void unknownKeyIsRefusedWithItsPathAndTheAllowedKeys() {
    CatalogException e = refused(CatalogFixture.text().replace("    displayName: Inventory\n",
        "    displayName: Inventory\n    owner: sre-team\n"));
    assertEquals("services.inventory.owner", e.problems().get(0).path());
    assertTrue(e.getMessage().contains("broken.yaml: services.inventory.owner: unknown key 'owner'; allowed here:"),
        e.getMessage());
    assertTrue(e.getMessage().contains("displayName"), e.getMessage());
  }

  @Test
  void missingRequiredFieldIsNamed() {
    CatalogException e = refused(CatalogFixture.text().replace("      instance: mycomputer-payments-db\n", ""));
    assertEquals(List.of(new CatalogException.Problem("services.payments.database.instance",
        "required field is missing")), e.problems());
    assertTrue(e.getMessage().contains("broken.yaml: services.payments.database.instance: required field is missing"));
  }

  @Test
  void durationThatDoesNotParseIsRefused() {
    CatalogException e = refused(CatalogFixture.text().replace("objectives: { rto: 30m, rpo: 15m }",
        "objectives: { rto: half an hour, rpo: 15m }"));
    assertEquals("services.inventory.objectives.rto", e.problems().get(0).path());
    assertTrue(e.getMessage().contains("'half an hour' is not a duration"), e.getMessage());
  }

  @Test
  void negativeRtoAndRpoAreRefused() {
    CatalogException e = refused(CatalogFixture.text().replace("objectives: { rto: 1h, rpo: 30m }",
        "objectives: { rto: -1h, rpo: -PT5M }"));
    assertEquals(List.of(
        new CatalogException.Problem("services.locations.objectives.rto", "must not be negative, found -1h"),
        new CatalogException.Problem("services.locations.objectives.rpo", "must not be negative, found -5m")),
        e.problems());
  }

  @Test
  void referenceToAnUndefinedServiceIsRefused() {
    CatalogException e = refused(CatalogFixture.text().replace("dependsOn: [customer-base]", "dependsOn: [billing]"));
    assertEquals("services.payments.dependsOn[0]", e.problems().get(0).path());
    assertEquals("service 'billing' is not defined under services; defined: customer-base, inventory, locations, payments",
        e.problems().get(0).message());
  }

  @Test
  void referenceToAnUndefinedBucketIsRefused() {
    CatalogException e = refused(CatalogFixture.text().replace("buckets: [assets]", "buckets: [asets]"));
    assertEquals("services.inventory.buckets[0]", e.problems().get(0).path());
  }

  @Test
  void replicationTimeOtherThanFifteenMinutesIsRefused() {
    String yaml = CatalogFixture.text().replaceFirst("replicationTime: 15m", "replicationTime: 10m");
    CatalogException e = refused(yaml);
    assertEquals("buckets.assets.replication.replicationTime", e.problems().get(0).path());
    assertTrue(e.problems().get(0).message().contains("exactly 15 minutes"));
  }

  @Test
  void missingFileIsNamed() {
    CatalogException e = assertThrows(CatalogException.class, () -> CatalogLoader.load(Path.of("no/such/catalog.yaml")));
    assertTrue(e.getMessage().contains("no/such/catalog.yaml: (file): does not exist"), e.getMessage());
  }

  private static CatalogException refused(String yaml) {
    return assertThrows(CatalogException.class, () -> CatalogLoader.parse(yaml, SOURCE));
  }

  private static void assertObjectives(Catalog c, String key, String name, int rtoMinutes, int rpoMinutes, Priority p) {
    ServiceSpec s = c.services().get(key);
    assertEquals(name, s.displayName());
    assertEquals(Duration.ofMinutes(rtoMinutes), s.objectives().rto());
    assertEquals(Duration.ofMinutes(rpoMinutes), s.objectives().rpo());
    assertEquals(p, s.priority());
  }
}
