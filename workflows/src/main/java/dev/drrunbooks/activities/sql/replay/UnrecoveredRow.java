package dev.drrunbooks.activities.sql.replay;

/**
 * A row of the recovered database still wrong after the replay: its table, its id, and what is
 * wrong with it ("quantity -3 is negative", "good transaction TXN-000123 (+2 on inventory_items #7)
 * is missing").
 */
public record UnrecoveredRow(String table, long id, String problem) {

  /** For messages: {@code inventory_items #7: quantity -3 is negative}. */
  public String describe() {
    return table + " #" + id + ": " + problem;
  }
}
