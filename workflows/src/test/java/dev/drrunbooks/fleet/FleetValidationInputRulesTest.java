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
    assertEquals(
        List.of("all"),
        rules.services(new FleetValidationInput(List.of(), null, null, null, null)),
        "an empty list names none: all");
  }

  /** A new user's {@code --services ''} started a fleet of every service. */
  @Test
  void aSelectionOfOnlyBlankEntriesIsRefusedNotReadAsAll() {
    for (List<String> blank : List.of(List.of(""), List.of(" ", ""))) {
      ApplicationFailure f =
          assertThrows(
              ApplicationFailure.class,
              () -> rules.checkInput(new FleetValidationInput(blank, null, null, null, null), null),
              blank.toString());
      assertEquals(
          "services: '"
              + String.join(",", blank)
              + "' is not valid; allowed: one or more service keys of the catalog,"
              + " comma-separated; leave it out for every service",
          f.getOriginalMessage());
    }
    rules.checkInput(new FleetValidationInput(List.of(), null, null, null, null), null);
  }
}
