package dev.drrunbooks.drill;

import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.catalog.Durations;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.RecoveryObjectives;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a service's drill passed once every step worked: only if every measured objective was met
 * and every data check passed. A drill that restores data older than its RPO allows has shown the
 * service cannot be recovered as promised, so it does not pass.
 */
final class DrillVerdict {
  private DrillVerdict() {}

  /**
   * What kept the drill from passing, e.g. "RPO breached: 2h achieved, objective 15m"; null when
   * nothing did.
   */
  static String breaches(RecoveryObjectives objectives, ValidationReport validation) {
    List<String> found = new ArrayList<>();
    if (objectives != null) {
      breach("RTO", objectives.rto(), found);
      breach("RPO", objectives.rpo(), found);
    }
    if (validation != null && !validation.passed())
      found.add("data checks: " + validation.summary());
    return found.isEmpty() ? null : String.join("; ", found);
  }

  private static void breach(String name, ObjectiveCheck check, List<String> found) {
    if (check != null && check.breached()) {
      found.add(
          name
              + " breached: "
              + Durations.format(check.achieved())
              + " achieved, objective "
              + Durations.format(check.objective())
              + " ("
              + check.basis()
              + ")");
    }
  }
}
