package dev.drrunbooks.testing;

import dev.drrunbooks.activities.catalog.CatalogActivities;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.catalog.ScheduleSpec;
import dev.drrunbooks.catalog.ServiceDefinition;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;

/** The project's catalog served as the worker serves it, for workflow-logic tests. */
public final class FakeCatalog implements CatalogActivities {
  private final Catalog catalog;

  public FakeCatalog() {
    this(CatalogFixture.load());
  }

  /** Serves {@code catalog}, e.g. the fixture with one field changed. */
  public FakeCatalog(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public Map<String, ScheduleSpec> schedules() {
    return catalog.schedules();
  }

  @Override
  public List<ServiceDefinition> resolveServices(String selector) {
    if ("all".equals(selector))
      return catalog.serviceKeys().stream().map(catalog::definitionOf).toList();
    if (!catalog.services().containsKey(selector)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "'"
              + selector
              + "' is not in the catalog test.yaml; known "
              + "services: "
              + String.join(", ", catalog.serviceKeys())
              + " (or 'all')",
          "UnknownService");
    }
    return List.of(catalog.definitionOf(selector));
  }
}
