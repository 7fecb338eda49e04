package dev.drrunbooks.activities.sql.replay;

/**
 * A transaction the replay does not apply and why: the audit marks it as the corruption (names the
 * audit entry and the rule it matched), or it cannot go into the target (its id is taken there by
 * another transaction, its balance row does not exist there).
 */
public record SkippedTransaction(TransactionRef transaction, String reason) {}
