package dev.drrunbooks.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's {@code drillHealthUrl}: where the monthly drill smoke-tests the deployment it made in
 * its own test environment, never production. A template with placeholders:
 *
 * <ul>
 *   <li>{@code {drillId}}: the drill's test environment (its CloudFormation stack and {@code
 *       DrillId}), e.g. {@code dr-drill-inventory-20261201t000000z-k3f9-env};
 *   <li>{@code {service}}: the service's catalog key;
 *   <li>{@code {output:Name}}: the value of the stack's output {@code Name}.
 * </ul>
 *
 * It must name the drill's deployment ({@code {drillId}} or a stack output) and must not point at a
 * production host; the catalog loader checks that when it reads the catalog. Pure string work: safe
 * in workflow code.
 */
public final class DrillHealthUrl {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final Pattern OUTPUT = Pattern.compile("output:([A-Za-z0-9]+)");
  public static final String EXAMPLE = "https://drill.mycomputer.com/{drillId}/inventory/health";

  private DrillHealthUrl() {}

  /**
   * The URL for one drill.
   *
   * @throws IllegalArgumentException naming a stack output the template needs and the stack does
   *     not have
   */
  public static String resolve(
      String template, String drillId, String service, Map<String, String> stackOutputs) {
    return fill(
        template,
        name -> {
          if (name.equals("drillId")) return drillId;
          if (name.equals("service")) return service;
          Matcher output = OUTPUT.matcher(name);
          String key = output.matches() ? output.group(1) : name;
          String value = stackOutputs == null ? null : stackOutputs.get(key);
          if (value == null) {
            throw new IllegalArgumentException(
                "drillHealthUrl '"
                    + template
                    + "' needs the stack output '"
                    + key
                    + "'; the stack has: "
                    + (stackOutputs == null
                        ? "none"
                        : String.join(", ", new TreeSet<>(stackOutputs.keySet()))));
          }
          return value;
        });
  }

  /**
   * The template with each placeholder (its name without braces, e.g. {@code output:ServiceHost})
   * replaced.
   */
  public static String fill(String template, UnaryOperator<String> valueOf) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder url = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(url, Matcher.quoteReplacement(valueOf.apply(m.group(1))));
    }
    m.appendTail(url);
    return url.toString();
  }

  /**
   * The placeholder names in the template, in order, without braces: {@code drillId}, {@code
   * output:Host}.
   */
  public static List<String> placeholders(String template) {
    List<String> names = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) names.add(m.group(1));
    return names;
  }

  /** True for a placeholder that differs per drill: {@code drillId} or a stack output. */
  public static boolean namesTheDrill(String placeholder) {
    return placeholder.equals("drillId") || OUTPUT.matcher(placeholder).matches();
  }
}
