package dev.drrunbooks.activities.sql.replay;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.time.Instant;

/**
 * One ledger row as the catalog's {@code dataRecovery.ledger} declares it: its id, unique
 * reference, time, the balance row it moves ({@code balanceKey}) and by how much ({@code amount}).
 * Runs recorded before the ledger was declared wrote the Inventory names, read here through the
 * aliases.
 */
public record TransactionRef(
    long id,
    String reference,
    @JsonAlias("transactionDate") Instant time,
    @JsonAlias("itemId") long balanceKey,
    @JsonAlias("quantityDelta") long amount) {}
