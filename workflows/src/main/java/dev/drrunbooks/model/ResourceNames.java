package dev.drrunbooks.model;

import java.util.Locale;

/**
 * Names of created resources, derived from the workflow id so a retried activity finds its own
 * earlier work instead of creating a twin. Deterministic: safe in workflow code.
 */
public final class ResourceNames {
  private static final int RDS_MAX = 63;

  private ResourceNames() {}

  /**
   * An RDS identifier (instance or snapshot): letters, digits and single hyphens, starting with a
   * letter, at most 63 characters. Long ids keep their end, which holds the timestamp, and a hash.
   */
  public static String rds(String workflowId, String suffix) {
    String base =
        (workflowId + "-" + suffix)
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    if (base.isEmpty() || !Character.isLetter(base.charAt(0))) base = "dr-" + base;
    if (base.length() > RDS_MAX) {
      String hash = Integer.toString(Math.abs((workflowId + "/" + suffix).hashCode() % 46656), 36);
      String tail = base.substring(base.length() - (RDS_MAX - 3 - hash.length() - 2));
      base = "dr-" + hash + "-" + tail.replaceAll("^-+", "");
    }
    return base.replaceAll("-+$", "");
  }
}
