package dev.drrunbooks.sql.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.catalog.AuditSpec;
import dev.drrunbooks.catalog.BalanceSpec;
import dev.drrunbooks.catalog.DataRecoverySpec;
import dev.drrunbooks.catalog.LedgerSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The statements generated from a declaration, without a database: names quoted, values bound,
 * options honoured.
 */
class ReplaySqlTest {
  private static final LedgerSpec LEDGER =
      new LedgerSpec("pay.entries", "entry_id", "ref", "booked_at", "account_id", "cents");
  private static final AuditSpec AUDIT =
      new AuditSpec(
          "audit",
          "audit_id",
          "at",
          "who",
          "op",
          "entity",
          "entity_id",
          "payload",
          "payment_entry");
  private static final ReplaySql PAYMENTS =
      new ReplaySql(
          new DataRecoverySpec(
              LEDGER,
              new BalanceSpec("accounts", "account_id", "balance", null, null),
              AUDIT,
              List.of()));

  @Test
  void theLedgerIsReadAsItsFiveColumnsAndTheWholeRow() {
    assertEquals(
        "SELECT t.\"entry_id\", t.\"ref\", t.\"booked_at\", t.\"account_id\", t.\"cents\","
            + " to_jsonb(t)::text FROM \"pay\".\"entries\" t WHERE t.\"booked_at\" > ? AND"
            + " t.\"entry_id\" > ? AND t.\"entry_id\" <= ? ORDER BY t.\"entry_id\" LIMIT ?",
        PAYMENTS.readBatch());
    assertEquals(
        "SELECT count(*), coalesce(max(t.\"entry_id\"), 0) FROM \"pay\".\"entries\" t WHERE"
            + " t.\"booked_at\" > ?",
        PAYMENTS.countAfter());
    assertTrue(
        PAYMENTS.edgeAfter(true).endsWith("ORDER BY t.\"entry_id\" DESC LIMIT 1"),
        PAYMENTS.edgeAfter(true));
    assertTrue(
        PAYMENTS.edgeAfter(false).endsWith("ORDER BY t.\"entry_id\" LIMIT 1"),
        PAYMENTS.edgeAfter(false));
  }

  @Test
  void theCorruptionRuleUsesTheDeclaredAuditColumnsAndBindsItsValues() {
    assertEquals(
        "((a.\"payload\"->>'corruption') = 'true' OR upper(a.\"op\") = ANY(?) OR a.\"who\" LIKE"
            + " ANY(?))",
        PAYMENTS.rule());
    assertEquals(
        "SELECT DISTINCT ON (t.\"entry_id\") t.\"entry_id\", t.\"ref\", t.\"booked_at\","
            + " t.\"account_id\", t.\"cents\", a.\"audit_id\", a.\"at\", a.\"who\", a.\"op\", "
            + PAYMENTS.matched()
            + " AS matched FROM \"pay\".\"entries\" t JOIN \"audit\" a ON a.\"entity\" = ? AND"
            + " a.\"entity_id\" = t.\"entry_id\" AND "
            + PAYMENTS.rule()
            + " WHERE t.\"booked_at\" > ? AND t.\"entry_id\" <= ? ORDER BY t.\"entry_id\","
            + " a.\"audit_id\"",
        PAYMENTS.condemned());
    assertEquals("payment_entry", PAYMENTS.ledgerEntity);
    assertEquals(
        "pay.entries",
        new ReplaySql(
                new DataRecoverySpec(
                    LEDGER,
                    new BalanceSpec("accounts", "k", "v", null, null),
                    new AuditSpec(
                        "audit",
                        "audit_id",
                        "at",
                        "who",
                        "op",
                        "entity",
                        "entity_id",
                        "payload",
                        null),
                    null))
            .ledgerEntity,
        "the ledger's table name when the catalog gives no entity value");
  }

  @Test
  void theBatchInsertMovesTheDeclaredBalanceAndRaisesUpdatedAtOnlyWhenDeclared() {
    String insert = PAYMENTS.insertBatch();
    assertTrue(
        insert.startsWith(
            "WITH src AS (SELECT * FROM jsonb_populate_recordset(NULL::\"pay\".\"entries\","
                + " ?::jsonb)), ins AS (INSERT INTO \"pay\".\"entries\" SELECT * FROM src ORDER BY"
                + " \"entry_id\" ON CONFLICT DO NOTHING RETURNING *), upd AS (UPDATE \"accounts\""
                + " AS b SET \"balance\" = b.\"balance\" + d.total FROM "),
        insert);
    assertTrue(
        insert.contains(
            "INSERT INTO \"audit\" (\"at\", \"who\", \"op\", \"entity\", \"entity_id\","
                + " \"payload\") SELECT now(), ?, ?, ?, ins.\"entry_id\", "),
        insert);
    assertFalse(insert.contains("greatest"), insert);
    String withUpdatedAt =
        new ReplaySql(
                new DataRecoverySpec(
                    LEDGER,
                    new BalanceSpec("accounts", "account_id", "balance", "touched_at", true),
                    AUDIT,
                    null))
            .insertBatch();
    assertTrue(
        withUpdatedAt.contains(
            "SET \"balance\" = b.\"balance\" + d.total, \"touched_at\" = "
                + "greatest(b.\"touched_at\", d.last_at) FROM"),
        withUpdatedAt);
  }

  @Test
  void theChecksAfterTheReplayNameTheDeclaredTables() {
    assertEquals(
        "SELECT b.\"account_id\", b.\"balance\" FROM \"accounts\" b WHERE b.\"balance\" < 0 ORDER"
            + " BY b.\"account_id\"",
        PAYMENTS.negativeBalances());
    assertEquals(
        "SELECT count(DISTINCT a.\"entity_id\") FROM \"audit\" a WHERE a.\"who\" = ? AND a.\"op\" ="
            + " ? AND a.\"entity\" = ? AND a.\"payload\"->>'replay_id' = ?",
        PAYMENTS.countApplied());
    assertEquals(false, PAYMENTS.balanceNonNegative);
    assertEquals("accounts", PAYMENTS.balanceName);
  }

  @Test
  void aNameThatIsNotPlainNeverBecomesSql() {
    LedgerSpec injected =
        new LedgerSpec("entries; DROP TABLE accounts", "id", "ref", "at", "k", "v");
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ReplaySql(
                new DataRecoverySpec(
                    injected, new BalanceSpec("accounts", "k", "v", null, null), AUDIT, null)));
  }
}
