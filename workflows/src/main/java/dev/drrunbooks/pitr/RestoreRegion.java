package dev.drrunbooks.pitr;

import dev.drrunbooks.catalog.Regions;
import dev.drrunbooks.model.Inputs;

/**
 * Where a point-in-time restore runs: {@code primary} (default: the service's own region, from its
 * instance or its retained automated backups), {@code dr} (the catalog's {@code regions.dr}, from
 * the automated backups replicated there), or an AWS region name such as {@code eu-central-1}.
 */
public final class RestoreRegion {
  public static final String PRIMARY = "primary";
  public static final String DR = "dr";

  private RestoreRegion() {}

  /**
   * {@code value} checked and trimmed, lower case; null or blank is {@value #PRIMARY}. Bad values:
   * InvalidInput.
   */
  public static String check(String field, String value) {
    if (value == null || value.isBlank()) return PRIMARY;
    String v = value.trim().toLowerCase(java.util.Locale.ROOT);
    if (v.equals(PRIMARY) || v.equals(DR) || Inputs.isRegionName(v)) return v;
    throw Inputs.invalid(
        field, value, "expected primary, dr or an AWS region name such as eu-central-1");
  }

  /** The region {@code value} names for a service placed in {@code regions}. */
  public static String resolve(String field, String value, Regions regions) {
    String v = check(field, value);
    if (v.equals(PRIMARY)) return regions.primary();
    if (v.equals(DR)) {
      if (regions.dr() == null || regions.dr().isBlank()) {
        throw Inputs.invalid(
            field, value, "the catalog has no regions.dr; name the region instead");
      }
      return regions.dr();
    }
    return v;
  }
}
