package dev.drrunbooks.activities.ledger;

import dev.drrunbooks.readiness.StepSample;
import io.temporal.activity.ActivityInterface;
import java.time.Instant;
import java.util.List;

/**
 * What readiness reads from the evidence ledger. A worker without a ledger answers with nothing (no
 * samples, no runs), which readiness reports as insufficient evidence, never as a pass.
 */
@ActivityInterface(namePrefix = "LedgerQuery")
public interface LedgerQueryActivities {

  /**
   * The measured steps of every service whose kind predicts a recovery ({@link
   * dev.drrunbooks.readiness.StepKind}), of runs that ended at or after {@code since}, oldest
   * first.
   */
  List<StepSample> stepSamples(Instant since);

  /**
   * The newest passing run of each of {@code procedures} (keys such as {@code dr-drill}) for each
   * service it covered; a service with none is absent.
   */
  List<LastPassingRun> lastPassing(List<String> procedures);

  /**
   * Every drill, validation and recovery that ended at or after {@code since}, oldest first (not
   * readiness evaluations): the audit trail of {@code dr evidence}.
   *
   * @param service only the runs that covered it; null for all
   * @throws io.temporal.failure.ApplicationFailure non-retryable {@value #NO_LEDGER} on a worker
   *     without a ledger
   */
  List<AuditedRun> auditTrail(Instant since, String service);

  /** The failure type of a read from a worker that has no ledger. */
  String NO_LEDGER = "NoEvidenceLedger";
}
