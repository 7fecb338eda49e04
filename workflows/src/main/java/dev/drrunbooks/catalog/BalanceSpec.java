package dev.drrunbooks.catalog;

/**
 * The table whose {@code amount} column each ledger row moves: the row whose {@code key} equals the
 * ledger row's key gets the ledger amount added. {@code updatedAt} (optional timestamptz) is raised
 * to the latest replayed transaction's time; {@code nonNegative} (default false) makes a negative
 * amount after the replay a row still wrong.
 */
public record BalanceSpec(
    String table, String key, String amount, String updatedAt, Boolean nonNegative) {

  public boolean mustNotBeNegative() {
    return Boolean.TRUE.equals(nonNegative);
  }
}
