package dev.drrunbooks.activities.rds;

import java.util.List;

/**
 * A restored copy's protections as verified by describing it after {@link RdsRestoreActivities#protectRestoredCopy}:
 * whether it is kept, its deletion protection, and every setting where it differs from its source, with why.
 */
public record CopySettings(String instanceId, boolean kept, boolean deletionProtection,
    List<SettingDifference> differences) {

  public CopySettings {
    differences = differences == null ? List.of() : List.copyOf(differences);
  }

  /** "kept, deletion protection on; as its source" or the differences joined with "; ". */
  public String summary() {
    return (kept ? "kept" : "validation copy") + ", deletion protection " + (deletionProtection ? "on" : "off") + "; "
        + (differences.isEmpty() ? "as its source"
            : String.join("; ", differences.stream().map(SettingDifference::describe).toList()));
  }
}
