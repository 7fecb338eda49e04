package dev.drrunbooks.report;

import dev.drrunbooks.model.ObjectiveCheck;
import java.time.Duration;

/**
 * One service's recovery objectives against what the run achieved. An achieved value of null means
 * not measured (e.g. RPO of a DNS failover); {@code passed} is the service's own verdict where the
 * procedure gives one (a drill), else null.
 */
public record ObjectiveRow(
    String service,
    Duration rtoObjective,
    Duration rtoAchieved,
    boolean rtoBreached,
    Duration rpoObjective,
    Duration rpoAchieved,
    boolean rpoBreached,
    String basis,
    Boolean passed) {

  /** From the run's checks; either may be null (not part of this procedure). */
  public static ObjectiveRow of(
      String service, ObjectiveCheck rto, ObjectiveCheck rpo, Boolean passed) {
    String basis =
        rto != null && rto.basis() != null ? rto.basis() : rpo != null ? rpo.basis() : null;
    if (rto != null && rpo != null && rpo.basis() != null && !rpo.basis().equals(basis)) {
      basis = "RTO " + basis + "; RPO " + rpo.basis();
    }
    return new ObjectiveRow(
        service,
        rto == null ? null : rto.objective(),
        rto == null ? null : rto.achieved(),
        rto != null && rto.breached(),
        rpo == null ? null : rpo.objective(),
        rpo == null ? null : rpo.achieved(),
        rpo != null && rpo.breached(),
        basis,
        passed);
  }

  /** True when either objective was missed. */
  public boolean breached() {
    return rtoBreached || rpoBreached;
  }
}
