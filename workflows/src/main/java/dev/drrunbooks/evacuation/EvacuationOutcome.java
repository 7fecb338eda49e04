package dev.drrunbooks.evacuation;

/** How a region evacuation ended, over all the services it was asked to move. */
public enum EvacuationOutcome {
  /** Every service is served from the DR region. */
  COMPLETE,
  /** Some services moved; the others stayed (their rows say why). */
  PARTIAL,
  /** No service moved. */
  FAILED,
  /** The approval gate said no (or timed out to abort): nothing was changed. */
  ABORTED;

  /** Over {@code moved} of {@code total} services moved (total > 0). */
  static EvacuationOutcome of(long moved, long total) {
    return moved == total ? COMPLETE : moved == 0 ? FAILED : PARTIAL;
  }
}
