package dev.drrunbooks.readiness;

import java.time.Duration;
import java.time.Instant;

/**
 * One measured step from the ledger.
 *
 * @param service the catalog service it was measured for
 * @param endedAt when it ended (the evidence's date)
 * @param took how long it took
 */
public record StepSample(StepKind kind, String service, Instant endedAt, Duration took) {}
