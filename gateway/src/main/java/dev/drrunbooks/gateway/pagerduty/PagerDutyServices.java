package dev.drrunbooks.gateway.pagerduty;

import dev.drrunbooks.catalog.Catalog;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which catalog services a PagerDuty service stands for: DR_GATEWAY_PAGERDUTY_SERVICES, e.g. {@code
 * PABC123=inventory,payments;PDEF456=locations} (PagerDuty service id, {@code =}, catalog service
 * keys). Checked against the catalog when the gateway starts, so a typo stops it there rather than
 * at the first page.
 */
public final class PagerDutyServices {
  public static final String ENV = "DR_GATEWAY_PAGERDUTY_SERVICES";
  private final Map<String, List<String>> byPagerDutyId;

  private PagerDutyServices(Map<String, List<String>> byPagerDutyId) {
    this.byPagerDutyId = byPagerDutyId;
  }

  /**
   * @throws IllegalArgumentException naming the entry and what is allowed
   */
  public static PagerDutyServices parse(String spec, Catalog catalog) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) return new PagerDutyServices(map);
    for (String entry : spec.split(";")) {
      if (entry.isBlank()) continue;
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1)
        throw new IllegalArgumentException(
            ENV + ": '" + entry.trim() + "' is not valid; allowed: PAGERDUTY_SERVICE_ID=svc[,svc]");
      List<String> services =
          Arrays.stream(entry.substring(eq + 1).split(",")).map(String::trim).toList();
      for (String s : services) {
        if (!catalog.services().containsKey(s))
          throw new IllegalArgumentException(
              ENV
                  + ": '"
                  + s
                  + "' is not a catalog service; allowed: "
                  + String.join(", ", catalog.serviceKeys()));
      }
      map.put(entry.substring(0, eq).trim(), services);
    }
    return new PagerDutyServices(map);
  }

  /** The catalog services of a PagerDuty service id, if mapped. */
  public Optional<List<String>> of(String pagerDutyServiceId) {
    return Optional.ofNullable(byPagerDutyId.get(pagerDutyServiceId));
  }

  public String known() {
    return byPagerDutyId.isEmpty()
        ? "(none: set " + ENV + ")"
        : String.join(", ", byPagerDutyId.keySet());
  }
}
