package dev.drrunbooks.incident;

import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.InputRules;
import dev.drrunbooks.model.Inputs;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What an incident refuses in its input before it opens. A run continued as new carries its state
 * instead, and is not checked again.
 */
public final class IncidentInputRules implements InputRules<IncidentInput> {
  @Override
  public void checkInput(IncidentInput in, Instant now) {
    if (in.state() != null) return;
    Severity.parseInput("severity", in.severity());
    if (in.services() == null || in.services().isEmpty()) {
      throw Inputs.invalid(
          "services", in.services(), "at least one catalog service key, e.g. [\"inventory\"]");
    }
    in.services().forEach(s -> Inputs.serviceKey("services", s, false));
    if (in.summary() == null || in.summary().isBlank()) {
      throw Inputs.invalid(
          "summary", in.summary(), "say in a line what is wrong, e.g. \"API returns 503\"");
    }
    Instant given = Inputs.instant("detectedAt", in.detectedAt());
    if (now != null && given != null && given.isAfter(now)) {
      throw Inputs.invalid(
          "detectedAt", in.detectedAt(), "must not be in the future (now is " + now + ")");
    }
    if (in.continueAsNewAfterEvents() != null
        && in.continueAsNewAfterEvents() < ContinueAsNewPolicy.MIN_EVENTS) {
      throw Inputs.invalid(
          "continueAsNewAfterEvents",
          in.continueAsNewAfterEvents(),
          "allowed: at least "
              + ContinueAsNewPolicy.MIN_EVENTS
              + " events, or leave it out (default "
              + ContinueAsNewPolicy.DEFAULT_EVENTS
              + ")");
    }
  }

  /** The affected services, each once. */
  @Override
  public List<String> services(IncidentInput in) {
    if (in.state() != null) return List.of();
    return List.copyOf(new LinkedHashSet<>(InputRules.keys(in.services())));
  }

  @Override
  public String servicesField() {
    return "services";
  }

  /** Any catalog service can be affected. */
  @Override
  public void checkServices(IncidentInput in, List<ServiceDefinition> services) {}
}
