package dev.drrunbooks.activities.rds;

import java.util.List;

/**
 * A restored copy's protections as verified by describing it after {@link
 * RdsRestoreActivities#protectRestoredCopy}: whether it is kept, its deletion protection, and every
 * setting where it differs from its source, with why.
 */
public record CopySettings(
    String instanceId,
    boolean kept,
    boolean deletionProtection,
    List<SettingDifference> differences) {

  public CopySettings {
    differences = differences == null ? List.of() : List.copyOf(differences);
  }

  /**
   * One short clause, each thing said once (the settings themselves are {@link #differences}):
   * "kept, deletion protection on; as its source", "validation copy, deletion protection off;
   * differs from its source in deletion protection (off)", "kept, deletion protection on; 5 source
   * settings unknown: RDS instance X not found in eu-west-1".
   */
  public String summary() {
    String head =
        (kept ? "kept" : "validation copy")
            + ", deletion protection "
            + (deletionProtection ? "on" : "off");
    if (differences.isEmpty()) return head + "; as its source";
    List<String> differing =
        differences.stream()
            .filter(d -> d.unknownReason() == null)
            .map(d -> d.setting() + " (" + d.copy() + ")")
            .toList();
    List<String> reasons =
        differences.stream()
            .map(SettingDifference::unknownReason)
            .filter(r -> r != null)
            .distinct()
            .toList();
    long unknown = differences.size() - differing.size();
    StringBuilder s = new StringBuilder(head);
    if (!differing.isEmpty())
      s.append("; differs from its source in ").append(String.join(", ", differing));
    if (unknown > 0) {
      s.append("; ")
          .append(unknown)
          .append(unknown == 1 ? " source setting" : " source settings")
          .append(" unknown: ")
          .append(String.join("; ", reasons));
    }
    return s.toString();
  }
}
