package dev.drrunbooks.catalog;

/**
 * The ledger a data recovery replays (column names, all plain PostgreSQL identifiers): {@code id} a
 * unique, increasing integer (the replay's order and resume point), {@code reference} a unique
 * business key (how a transaction already in the recovered database is recognised), {@code time}
 * when it happened (timestamptz: after the restore point means "to replay"), {@code key} the
 * balance row it moves (integer) and {@code amount} by how much (integer, signed). Every other
 * column is copied as it is.
 */
public record LedgerSpec(
    String table, String id, String reference, String time, String key, String amount) {}
