package dev.drrunbooks.catalog;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's {@code drillHealthUrl}: where the monthly drill smoke-tests the deployment it made in its
 * own test environment, never production. A template with placeholders:
 * <ul>
 *   <li>{@code {drillId}}: the drill's test environment (its CloudFormation stack and {@code DrillId}),
 *       e.g. {@code dr-drill-inventory-20261201t000000z-k3f9-env};</li>
 *   <li>{@code {service}}: the service's catalog key;</li>
 *   <li>{@code {output:Name}}: the value of the stack's output {@code Name}.</li>
 * </ul>
 * It must name the drill's deployment ({@code {drillId}} or a stack output) and must not point at a
 * production host (the service's {@code healthEndpoint}, a DNS record or its regions' health endpoints).
 * Pure string work: safe in workflow code.
 */
public final class DrillHealthUrl {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final Pattern OUTPUT = Pattern.compile("output:([A-Za-z0-9]+)");
  static final String EXAMPLE = "https://drill.mycomputer.com/{drillId}/inventory/health";

  private DrillHealthUrl() {}

  /**
   * The URL for one drill.
   *
   * @throws IllegalArgumentException naming a stack output the template needs and the stack does not have
   */
  public static String resolve(String template, String drillId, String service, Map<String, String> stackOutputs) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder url = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value;
      if (name.equals("drillId")) {
        value = drillId;
      } else if (name.equals("service")) {
        value = service;
      } else {
        Matcher output = OUTPUT.matcher(name);
        String key = output.matches() ? output.group(1) : name;
        value = stackOutputs == null ? null : stackOutputs.get(key);
        if (value == null) {
          throw new IllegalArgumentException("drillHealthUrl '" + template + "' needs the stack output '" + key
              + "'; the stack has: " + (stackOutputs == null ? "none" : String.join(", ", new TreeSet<>(
                  stackOutputs.keySet()))));
        }
      }
      m.appendReplacement(url, Matcher.quoteReplacement(value));
    }
    m.appendTail(url);
    return url.toString();
  }

  /** What is wrong with {@code template}, each as one sentence; empty when it is fine. */
  static List<String> problems(String template, Set<String> productionHosts) {
    List<String> problems = new ArrayList<>();
    if (!template.matches("https?://\\S+")) {
      problems.add("'" + template + "' must be an http(s) URL, e.g. " + EXAMPLE);
      return problems;
    }
    boolean perDrill = false;
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      String name = m.group(1);
      if (name.equals("drillId") || OUTPUT.matcher(name).matches()) {
        perDrill = true;
      } else if (!name.equals("service")) {
        problems.add("unknown placeholder '{" + name + "}'; allowed: {drillId}, {service}, {output:<StackOutput>}");
      }
    }
    if (!perDrill) {
      problems.add("'" + template + "' names no drill: include {drillId} or a stack output such as "
          + "{output:ServiceUrl}, so each drill probes its own deployment, e.g. " + EXAMPLE);
    }
    String host = hostOf(sample(template));
    if (host != null && productionHosts.contains(host)) {
      problems.add("'" + template + "' points at the production host " + host + "; a drill must probe its own "
          + "deployment, not production, e.g. " + EXAMPLE);
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

  /** The template with every placeholder replaced by a host-safe sample, to check the host it yields. */
  private static String sample(String template) {
    return PLACEHOLDER.matcher(template).replaceAll("sample");
  }
}
