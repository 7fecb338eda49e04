package dev.drrunbooks.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetValidationInputRulesTest {
  private final FleetValidationInputRules rules = new FleetValidationInputRules();

  @Test
  void aMalformedServiceKeyIsRefusedNamingTheFieldAndNoneMeansAll() {
    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class,
            () ->
                rules.checkInput(
                    new FleetValidationInput(
                        List.of("inventory", "Bad Key"), null, null, null, null),
                    null));
    assertEquals(
        "services: 'Bad Key' is not valid; a catalog service key: lower case letters, digits and"
            + " '-', e.g. inventory",
        f.getOriginalMessage());
    rules.checkInput(FleetValidationInput.all(), null);
    assertEquals(List.of("all"), rules.services(FleetValidationInput.all()));
    assertEquals(
        List.of("inventory"),
        rules.services(
            new FleetValidationInput(List.of(" inventory ", ""), null, null, null, null)));
  }
}
