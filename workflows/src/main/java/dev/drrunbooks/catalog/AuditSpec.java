package dev.drrunbooks.catalog;

/**
 * The audit trail (column names): {@code id} increasing integer, {@code time} timestamptz, {@code
 * actor} and {@code action} text, {@code entity} the text naming the table a row is about, {@code
 * entityKey} that row's id (integer), {@code details} jsonb ({@code {"corruption": true}} flags an
 * entry as the corruption). {@code ledgerEntity}: the value of {@code entity} on the ledger's
 * entries (default: the ledger's table name). Its other columns need defaults: the replay writes
 * one entry per applied transaction with only these.
 */
public record AuditSpec(
    String table,
    String id,
    String time,
    String actor,
    String action,
    String entity,
    String entityKey,
    String details,
    String ledgerEntity) {

  /** {@code ledgerEntity}, or the ledger table's name when it is not given. */
  public String ledgerEntityOr(String ledgerTable) {
    return ledgerEntity == null ? ledgerTable : ledgerEntity;
  }
}
