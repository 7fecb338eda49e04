package dev.drrunbooks.bootstrap.catalog;

import dev.drrunbooks.activities.catalog.CatalogActivities;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.ScheduleSpec;
import dev.drrunbooks.catalog.ServiceDefinition;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;

/** Answers from the catalog the worker loaded at start-up. */
public class CatalogActivitiesImpl implements CatalogActivities {
  private final Catalog catalog;
  private final String source;

  public CatalogActivitiesImpl(Catalog catalog, String source) {
    this.catalog = catalog;
    this.source = source;
  }

  @Override
  public Map<String, ScheduleSpec> schedules() {
    return catalog.schedules();
  }

  @Override
  public List<ServiceDefinition> resolveServices(String selector) {
    if ("all".equals(selector)) {
      return catalog.serviceKeys().stream().map(catalog::definitionOf).toList();
    }
    if (!catalog.services().containsKey(selector)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "'"
              + selector
              + "' is not in the catalog "
              + source
              + "; known services: "
              + String.join(", ", catalog.serviceKeys())
              + " (or 'all')",
          "UnknownService");
    }
    return List.of(catalog.definitionOf(selector));
  }
}
