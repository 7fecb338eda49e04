package dev.drrunbooks.bootstrap.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The template rules on their own; CatalogLoaderTest shows them through the loader with their
 * paths.
 */
class DrillHealthUrlRulesTest {

  @Test
  void aPlaceholderInTheHostMakesItTheDrillsOwnHost() {
    assertEquals(
        List.of(),
        DrillHealthUrlRules.problems(
            "https://api{drillId}.mycomputer.com/health", Set.of("api.mycomputer.com")));
  }

  @Test
  void hostsAreComparedInLowerCaseAndAUrlWithoutOneHasNone() {
    assertEquals(
        "api.mycomputer.com", DrillHealthUrlRules.hostOf("HTTPS://API.MyComputer.com/health"));
    assertNull(DrillHealthUrlRules.hostOf("https://not a host/health"));
    assertNull(DrillHealthUrlRules.hostOf("https:///health"));
  }
}
