package dev.drrunbooks.activities.rds;

import dev.drrunbooks.model.Inputs;

/**
 * Why a restore makes its copy. A recovery's copy is kept and protected as its source once
 * validated; a validation copy (a backup check's, a drill's) is never protected, so the run's
 * cleanup can delete it.
 */
public enum CopyPurpose {
  RECOVERY,
  VALIDATION;

  /**
   * The input field {@code purpose}: null or blank is {@link #RECOVERY}; anything else unknown is
   * refused.
   */
  public static CopyPurpose parse(String field, String value) {
    if (value == null || value.isBlank()) return RECOVERY;
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "recovery" -> RECOVERY;
      case "validation" -> VALIDATION;
      default ->
          throw Inputs.invalid(
              field,
              value,
              "allowed: recovery (default: the copy is kept and gets its source's deletion"
                  + " protection and backup retention), validation (the copy is deleted at the end"
                  + " and never protected)");
    };
  }

  public boolean keeps() {
    return this == RECOVERY;
  }

  public String inputValue() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
