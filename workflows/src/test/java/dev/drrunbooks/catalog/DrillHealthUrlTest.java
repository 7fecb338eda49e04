package dev.drrunbooks.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Resolving a drill's smoke-test URL in workflow code; the loader's rules for the template are in
 * bootstrap.
 */
class DrillHealthUrlTest {

  @Test
  void drillHealthUrlIsATemplateForTheDrillsOwnDeployment() {
    ServiceSpec inventory = CatalogFixture.load().services().get("inventory");
    assertEquals(
        "https://drill.mycomputer.com/dr-drill-x-env/inventory/health",
        DrillHealthUrl.resolve(
            inventory.drillHealthUrl(), "dr-drill-x-env", "inventory", Map.of()));
    assertEquals(
        "https://internal-alb-1.elb.amazonaws.com/inventory/health",
        DrillHealthUrl.resolve(
            "https://{output:ServiceHost}/{service}/health",
            "d",
            "inventory",
            Map.of("ServiceHost", "internal-alb-1.elb.amazonaws.com")));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                DrillHealthUrl.resolve(
                    "https://{output:ServiceHost}/health", "d", "inventory", Map.of("VpcId", "v")));
    assertEquals(
        "drillHealthUrl 'https://{output:ServiceHost}/health' needs the stack output 'ServiceHost';"
            + " the stack has: VpcId",
        e.getMessage());
  }

  @Test
  void placeholdersAreListedInOrderAndOnlyDrillIdOrAStackOutputNameTheDrill() {
    assertEquals(
        List.of("service", "drillId", "output:Host"),
        DrillHealthUrl.placeholders("https://x/{service}/{drillId}/{output:Host}"));
    assertEquals(true, DrillHealthUrl.namesTheDrill("drillId"));
    assertEquals(true, DrillHealthUrl.namesTheDrill("output:ServiceHost"));
    assertEquals(false, DrillHealthUrl.namesTheDrill("service"));
    assertEquals(false, DrillHealthUrl.namesTheDrill("output:"));
    assertEquals(
        "https://a-$1-b/x",
        DrillHealthUrl.fill(
            "https://{p}-{q}-{r}/x",
            n ->
                switch (n) {
                  case "p" -> "a";
                  case "q" -> "$1";
                  default -> "b";
                }));
  }
}
