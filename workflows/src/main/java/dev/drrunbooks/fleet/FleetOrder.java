package dev.drrunbooks.fleet;

import dev.drrunbooks.activities.catalog.CatalogActivities;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.ServiceLookup;
import dev.drrunbooks.model.Timeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The order a fleet run queues its services in: the same for validations and drills. */
final class FleetOrder {
  private FleetOrder() {}

  /**
   * The services {@code keys} name (catalog keys or {@code all}, each resolved by one catalog
   * activity, a timeline step), each once, most critical first and in catalog order within a
   * priority, so the services that matter most go first when the queue is long.
   */
  static List<ServiceDefinition> resolve(
      CatalogActivities catalog, Timeline timeline, List<String> keys) {
    Map<String, ServiceDefinition> byKey = new LinkedHashMap<>();
    for (String key : keys)
      for (ServiceDefinition s : ServiceLookup.resolveAll(catalog, timeline, key))
        byKey.putIfAbsent(s.key(), s);
    List<ServiceDefinition> ordered = new ArrayList<>(byKey.values());
    ordered.sort(Comparator.comparing(s -> s.spec().priority()));
    return ordered;
  }
}
