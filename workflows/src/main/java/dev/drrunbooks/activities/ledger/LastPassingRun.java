package dev.drrunbooks.activities.ledger;

import java.time.Instant;

/**
 * The newest passing run of a procedure for a service, as the ledger recorded it.
 *
 * @param procedure the procedure's key ({@code dr-drill}, {@code backup-validation})
 * @param endedAt when the run ended
 */
public record LastPassingRun(
    String procedure, String service, String workflowId, Instant endedAt) {}
