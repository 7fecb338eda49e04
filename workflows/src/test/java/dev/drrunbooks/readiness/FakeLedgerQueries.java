package dev.drrunbooks.readiness;

import dev.drrunbooks.activities.ledger.AuditedRun;
import dev.drrunbooks.activities.ledger.LastPassingRun;
import dev.drrunbooks.activities.ledger.LedgerQueryActivities;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The ledger's answers, as a test sets them. */
final class FakeLedgerQueries implements LedgerQueryActivities {
  final List<StepSample> samples = new CopyOnWriteArrayList<>();
  final List<LastPassingRun> lastPassing = new CopyOnWriteArrayList<>();
  volatile Instant askedSince;

  @Override
  public List<StepSample> stepSamples(Instant since) {
    askedSince = since;
    return samples.stream().filter(s -> !s.endedAt().isBefore(since)).toList();
  }

  @Override
  public List<LastPassingRun> lastPassing(List<String> procedures) {
    return lastPassing.stream().filter(r -> procedures.contains(r.procedure())).toList();
  }

  /** Readiness never reads the audit trail. */
  @Override
  public List<AuditedRun> auditTrail(Instant since, String service) {
    throw new UnsupportedOperationException("readiness does not read the audit trail");
  }
}
