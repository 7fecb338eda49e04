package dev.drrunbooks.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * A service's {@code database.dataRecovery}: what corrupted-data recovery replays and checks, so
 * the procedure holds no table names of its own. {@code ledger} is the append-only table of
 * transactions replayed from the corrupted database into the one restored before the corruption;
 * each ledger row moves one row of {@code balance} by its amount; {@code audit} is where the
 * corruption is found and where the replay writes one row per transaction it applies; {@code
 * integrity} are read-only checks run on the restored database and again after the replay, besides
 * the service's validationQueries. Validated by {@link DataRecoveryRules}.
 */
public record DataRecoverySpec(
    LedgerSpec ledger, BalanceSpec balance, AuditSpec audit, List<ValidationQuery> integrity) {

  /** The prefix of the generated row-count check of each declared table ({@code rows-<table>}). */
  public static final String ROWS_CHECK_PREFIX = "rows-";

  public DataRecoverySpec {
    integrity = integrity == null ? List.of() : List.copyOf(integrity);
  }

  /**
   * The three declared tables, in the order their row counts are checked: balance, ledger, audit.
   */
  public List<String> tables() {
    return List.of(balance.table(), ledger.table(), audit.table());
  }

  /**
   * The checks of a recovered database: {@code integrity}, then one {@code rows-<table>} per
   * declared table that must not be empty (a restore that lost a table is no recovery).
   */
  public List<ValidationQuery> checks() {
    List<ValidationQuery> out = new ArrayList<>(integrity);
    tables()
        .forEach(
            t ->
                out.add(
                    new ValidationQuery(
                        ROWS_CHECK_PREFIX + t,
                        "SELECT count(*) FROM " + SqlIdentifiers.quote(t),
                        new Expectation(null, 1L, null))));
    return out;
  }
}
