package dev.drrunbooks.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a fleet drill refuses before it starts a child, each refusal naming field and value. */
class FleetDrillInputRulesTest {
  private final FleetDrillInputRules rules = new FleetDrillInputRules();
  private final Catalog catalog = CatalogFixture.load();

  private String refusal(FleetDrillInput in) {
    return assertThrows(
            ApplicationFailure.class, () -> rules.checkStart(in, Instant.now(), catalog))
        .getOriginalMessage();
  }

  @Test
  void anUnknownOrMalformedServiceIsRefusedNamingTheCatalogsServices() {
    assertEquals(
        "services: 'billing' is not valid; allowed: customer-base, inventory, locations,"
            + " payments, or all (the services in the catalog)",
        refusal(new FleetDrillInput(List.of("inventory", "billing"), null, null, null)));
    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class,
            () ->
                rules.checkInput(new FleetDrillInput(List.of("Bad Key"), null, null, null), null));
    assertEquals(
        "services: 'Bad Key' is not valid; a catalog service key: lower case letters, digits and"
            + " '-', e.g. inventory",
        f.getOriginalMessage());
  }

  /** A new user's {@code dr drill --all --services ,} started a drill of every service. */
  @Test
  void aSelectionOfOnlyBlankEntriesIsRefusedNotReadAsAll() {
    assertEquals(
        "services: ',' is not valid; allowed: one or more service keys of the catalog,"
            + " comma-separated; leave it out for every service",
        refusal(new FleetDrillInput(List.of("", ""), null, null, null)));
  }

  @Test
  void limitsAndTheWaitBudgetAreRefusedOutOfRange() {
    assertEquals(
        "maxPerRegion: '3' is not valid; allowed: 1 to maxConcurrent (2)",
        refusal(new FleetDrillInput(List.of("all"), 2, 3, null)));
    assertEquals(
        "maxConcurrent: '1001' is not valid; allowed: 1 to 1000",
        refusal(new FleetDrillInput(List.of("all"), 1001, null, null)));
    assertEquals(
        "waitBudget: 'soon' is not valid; expected a duration such as 30m, 2h or PT45M",
        refusal(new FleetDrillInput(List.of("all"), null, null, "soon")));
  }

  @Test
  void noneNamedIsAllAndEveryCatalogServiceCanBeDrilled() {
    assertEquals(List.of("all"), rules.services(FleetDrillInput.all()));
    assertEquals(
        List.of("payments"),
        rules.services(new FleetDrillInput(List.of(" payments ", ""), null, null, null)));
    assertEquals("services", rules.servicesField());
    rules.checkStart(FleetDrillInput.all(), Instant.now(), catalog);
    rules.checkStart(
        new FleetDrillInput(List.of("payments", "locations"), 4, 2, "45m"), null, catalog);
  }
}
