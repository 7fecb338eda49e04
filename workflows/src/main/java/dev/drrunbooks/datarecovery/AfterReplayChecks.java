package dev.drrunbooks.datarecovery;

import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.activities.sql.replay.RecoveryVerification;
import dev.drrunbooks.restore.RestoreSteps;
import java.util.ArrayList;
import java.util.List;

/**
 * What the checks after the replay found: the integrity checks re-run on the recovered database and
 * its rows still wrong; both null when they did not run (no replay, or a run recorded before them).
 */
record AfterReplayChecks(ValidationReport integrity, RecoveryVerification rows) {
  static final AfterReplayChecks NOT_RUN = new AfterReplayChecks(null, null);

  boolean ran() {
    return integrity != null && rows != null;
  }

  /** True when they did not run (the run ends as it did before them) or found nothing wrong. */
  boolean passed() {
    return !ran() || integrity.passed() && rows.passed();
  }

  /** One sentence for the summary and the RPO basis: what passed, or what is still wrong. */
  String describe() {
    if (!ran()) return "not checked after the replay";
    if (passed()) return "after the replay " + integrity.summary() + " and " + rows.summary();
    List<String> clauses = new ArrayList<>();
    if (!rows.passed()) clauses.add(rows.summary());
    if (!integrity.passed())
      clauses.add("integrity checks after the replay: " + RestoreSteps.evidence(integrity));
    return String.join("; ", clauses);
  }
}
