package dev.drrunbooks.readiness;

import dev.drrunbooks.model.InputRules;
import dev.drrunbooks.model.SelectsServices;
import dev.drrunbooks.payload.RunInput;

/**
 * What a readiness evaluation covers.
 *
 * @param service a catalog service key, or {@code all} (the default)
 */
public record ReadinessInput(String service) implements RunInput, SelectsServices {
  /** The service named, or every one. */
  @Override
  public String selector() {
    return service == null || service.isBlank() ? InputRules.ALL : service;
  }
}
