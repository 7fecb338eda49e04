package dev.drrunbooks.activities.sql.replay;

import java.time.Instant;

/** One inventory_transactions row. */
public record TransactionRef(long id, String reference, Instant transactionDate, long itemId, int quantityDelta) {}
