package dev.drrunbooks.bootstrap.catalog;

import dev.drrunbooks.catalog.DrillHealthUrl;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the catalog loader requires of a {@code drillHealthUrl} template ({@link DrillHealthUrl}):
 * an http(s) URL, known placeholders only, one that names the drill's own deployment, and a host
 * that is not production's.
 */
final class DrillHealthUrlRules {
  private DrillHealthUrlRules() {}

  /** What is wrong with {@code template}, each as one sentence; empty when it is fine. */
  static List<String> problems(String template, Set<String> productionHosts) {
    List<String> problems = new ArrayList<>();
    if (!template.matches("https?://\\S+")) {
      problems.add("'" + template + "' must be an http(s) URL, e.g. " + DrillHealthUrl.EXAMPLE);
      return problems;
    }
    boolean perDrill = false;
    for (String name : DrillHealthUrl.placeholders(template)) {
      if (DrillHealthUrl.namesTheDrill(name)) {
        perDrill = true;
      } else if (!name.equals("service")) {
        problems.add(
            "unknown placeholder '{"
                + name
                + "}'; allowed: {drillId}, {service}, {output:<StackOutput>}");
      }
    }
    if (!perDrill) {
      problems.add(
          "'"
              + template
              + "' names no drill: include {drillId} or a stack output such as "
              + "{output:ServiceUrl}, so each drill probes its own deployment, e.g. "
              + DrillHealthUrl.EXAMPLE);
    }
    // Every placeholder replaced by a host-safe sample, to check the host the template yields.
    String host = hostOf(DrillHealthUrl.fill(template, name -> "sample"));
    if (host != null && productionHosts.contains(host)) {
      problems.add(
          "'"
              + template
              + "' points at the production host "
              + host
              + "; a drill must probe its own "
              + "deployment, not production, e.g. "
              + DrillHealthUrl.EXAMPLE);
    }
    return problems;
  }

  /** The host of an http(s) URL, lower case; null when it has none. */
  static String hostOf(String url) {
    try {
      String host = URI.create(url).getHost();
      return host == null ? null : host.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
