package dev.drrunbooks.bootstrap.catalog;

import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.edit;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.only;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.drrunbooks.bootstrap.catalog.CatalogException.Problem;
import dev.drrunbooks.catalog.AuditSpec;
import dev.drrunbooks.catalog.BalanceSpec;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.catalog.DataRecoverySpec;
import dev.drrunbooks.catalog.Expectation;
import dev.drrunbooks.catalog.LedgerSpec;
import dev.drrunbooks.catalog.SqlIdentifiers;
import dev.drrunbooks.catalog.ValidationQuery;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code database.dataRecovery} at its boundaries: names, roles, tables, the ledger entity,
 * integrity checks.
 */
class DataRecoveryRulesTest {
  private static final String AT = "services.x.database.dataRecovery";
  private static final LedgerSpec LEDGER =
      new LedgerSpec("ledger", "id", "ref", "at", "account", "amount");
  private static final BalanceSpec BALANCE =
      new BalanceSpec("accounts", "id", "balance", null, null);
  private static final AuditSpec AUDIT =
      new AuditSpec("audit", "id", "at", "who", "what", "entity", "entity_id", "details", null);
  private static final ValidationQuery CHECK =
      new ValidationQuery("sums", "SELECT 0", new Expectation(0L, null, null));
  private static final String NOT_A_NAME =
      "is not a plain SQL name: lowercase letters, digits and _, starting with "
          + "a letter or _, at most 63 characters";

  private static List<Problem> check(
      LedgerSpec l, BalanceSpec b, AuditSpec a, List<ValidationQuery> integrity) {
    return DataRecoveryRules.check(AT, new DataRecoverySpec(l, b, a, integrity));
  }

  private static List<Problem> ledger(LedgerSpec l) {
    return check(l, BALANCE, AUDIT, null);
  }

  private static List<Problem> integrity(ValidationQuery... q) {
    return check(LEDGER, BALANCE, AUDIT, List.of(q));
  }

  private static Problem problem(String path, String message) {
    return new Problem(AT + path, message);
  }

  @Test
  void theProjectCatalogDeclaresInventoryAndPaymentsAndPassesWithoutOneAbsent() {
    Catalog catalog = CatalogFixture.load();
    assertEquals(
        "inventory_transactions",
        catalog.services().get("inventory").database().dataRecovery().ledger().table());
    assertEquals(
        "payment_entries",
        catalog.services().get("payments").database().dataRecovery().ledger().table());
    assertEquals(List.of(), DataRecoveryRules.check(AT, null));
    assertEquals(List.of(), check(LEDGER, BALANCE, AUDIT, List.of(CHECK)));
  }

  @Test
  void theValidatorReportsProblemsUnderTheServicesPath() {
    assertEquals(
        only("services.inventory.database.dataRecovery.ledger.id", "'Id' " + NOT_A_NAME),
        problems(
            edit(
                "ledger: { table: inventory_transactions, id: id,",
                "ledger: { table: inventory_transactions, id: Id,")));
  }

  @Test
  void ledgerBalanceAndAuditAreRequiredAndSoIsEachColumn() {
    assertEquals(
        List.of(
            problem(".ledger", "required field is missing"),
            problem(".balance", "required field is missing"),
            problem(".audit", "required field is missing")),
        check(null, null, null, null));
    assertEquals(
        List.of(
            problem(".ledger.table", "required field is missing"),
            problem(".ledger.id", "required field is missing"),
            problem(".ledger.reference", "required field is missing"),
            problem(".ledger.time", "required field is missing"),
            problem(".ledger.key", "required field is missing"),
            problem(".ledger.amount", "required field is missing")),
        ledger(new LedgerSpec(null, null, null, null, null, null)));
    assertEquals(
        List.of(
            problem(".balance.table", "required field is missing"),
            problem(".balance.key", "required field is missing"),
            problem(".balance.amount", "required field is missing")),
        check(LEDGER, new BalanceSpec(null, null, null, null, true), AUDIT, null));
    assertEquals(
        List.of(
            problem(".audit.table", "required field is missing"),
            problem(".audit.id", "required field is missing"),
            problem(".audit.time", "required field is missing"),
            problem(".audit.actor", "required field is missing"),
            problem(".audit.action", "required field is missing"),
            problem(".audit.entity", "required field is missing"),
            problem(".audit.entityKey", "required field is missing"),
            problem(".audit.details", "required field is missing")),
        check(
            LEDGER,
            BALANCE,
            new AuditSpec(null, null, null, null, null, null, null, null, null),
            null));
  }

  @Test
  void namesArePlainLowercaseIdentifiersOfAtMost63Characters() {
    String longest = "_" + "a".repeat(62);
    assertEquals(
        List.of(),
        ledger(new LedgerSpec("s." + longest, longest, "r9", "at", "account", "amount")));
    for (String bad :
        List.of(
            "a".repeat(64), "Id", "9id", "id; DROP TABLE accounts", "\"id\"", "id-x", "", "a.b")) {
      assertEquals(
          List.of(problem(".ledger.id", "'" + bad + "' " + NOT_A_NAME)),
          ledger(new LedgerSpec("ledger", bad, "ref", "at", "account", "amount")),
          bad);
    }
    for (String bad : List.of("a.b.c", "s." + "a".repeat(64), "x;y", ".t", "t.")) {
      assertEquals(
          List.of(
              problem(
                  ".ledger.table", "'" + bad + "' " + NOT_A_NAME + " (optionally schema.table)")),
          ledger(new LedgerSpec(bad, "id", "ref", "at", "account", "amount")),
          bad);
    }
    assertEquals(
        List.of(problem(".balance.updatedAt", "'Updated' " + NOT_A_NAME)),
        check(LEDGER, new BalanceSpec("accounts", "id", "balance", "Updated", null), AUDIT, null));
  }

  @Test
  void eachColumnHasOneRoleAndEachTableOne() {
    assertEquals(
        List.of(
            problem(".ledger.amount", "'id' is already the id column; each column has one role")),
        ledger(new LedgerSpec("ledger", "id", "ref", "at", "account", "id")));
    assertEquals(
        List.of(
            problem(
                ".balance.updatedAt",
                "'balance' is already the amount column; each column has one role")),
        check(LEDGER, new BalanceSpec("accounts", "id", "balance", "balance", null), AUDIT, null));
    assertEquals(
        List.of(),
        check(
            LEDGER, new BalanceSpec("accounts", "id", "balance", "updated_at", null), AUDIT, null));
    assertEquals(
        List.of(
            problem(".ledger.id", "'Id' " + NOT_A_NAME),
            problem(".ledger.reference", "'Id' " + NOT_A_NAME)),
        ledger(new LedgerSpec("ledger", "Id", "Id", "at", "account", "amount")),
        "a bad name has no role to repeat");
    assertEquals(
        List.of(
            problem(
                ".audit.details", "'who' is already the actor column; each column has one role")),
        check(
            LEDGER,
            BALANCE,
            new AuditSpec("audit", "id", "at", "who", "what", "entity", "entity_id", "who", null),
            null));
    assertEquals(
        List.of(
            problem(
                ".audit.table",
                "'ledger' is already "
                    + AT
                    + ".ledger.table; ledger, balance and "
                    + "audit are three tables")),
        check(
            LEDGER,
            BALANCE,
            new AuditSpec(
                "ledger", "id", "at", "who", "what", "entity", "entity_id", "details", null),
            null));
  }

  @Test
  void theLedgerEntityIsOneTo128PrintableCharacters() {
    String message =
        "must be 1 to 128 printable characters (the audit entity value of ledger rows; default: the"
            + " ledger's table name)";
    for (String ok : List.of("p", "payment entry", "x".repeat(128))) {
      assertEquals(List.of(), check(LEDGER, BALANCE, audit(ok), null), ok);
    }
    for (String bad : List.of("", "  ", "x".repeat(129), "pay\nment")) {
      assertEquals(
          List.of(problem(".audit.ledgerEntity", "'" + bad + "' " + message)),
          check(LEDGER, BALANCE, audit(bad), null),
          bad);
    }
  }

  private static AuditSpec audit(String ledgerEntity) {
    return new AuditSpec(
        "audit", "id", "at", "who", "what", "entity", "entity_id", "details", ledgerEntity);
  }

  @Test
  void integrityChecksAreNamedOnceWithSqlAndExactlyOneExpectation() {
    Expectation exact = new Expectation(0L, null, null);
    assertEquals(
        List.of(
            problem(".integrity[0].name", "required field is missing"),
            problem(".integrity[0].sql", "required field is missing"),
            problem(".integrity[0].expect", "required field is missing")),
        integrity(new ValidationQuery(null, null, null)));
    assertEquals(
        List.of(),
        integrity(
            new ValidationQuery("a".repeat(63), "SELECT 1", exact),
            new ValidationQuery("0-ok", "SELECT 1", exact)));
    for (String bad : List.of("a".repeat(64), "Sums", "-sums", "su ms", "")) {
      assertEquals(
          List.of(
              problem(
                  ".integrity[0].name",
                  "'"
                      + bad
                      + "' must be lowercase letters, digits and -, at most 63 "
                      + "characters")),
          integrity(new ValidationQuery(bad, "SELECT 1", exact)),
          bad);
    }
    assertEquals(
        List.of(
            problem(
                ".integrity[0].name",
                "'rows-ledger' starts with 'rows-', kept for the generated row "
                    + "count of each declared table")),
        integrity(new ValidationQuery("rows-ledger", "SELECT 1", exact)));
    assertEquals(
        List.of(
            problem(
                ".integrity[1].name",
                "'sums' names another integrity check already; names are " + "unique")),
        integrity(CHECK, CHECK));
    assertEquals(
        List.of(problem(".integrity[0].sql", "is blank; give a read-only query")),
        integrity(new ValidationQuery("sums", "  ", exact)));
    assertEquals(
        List.of(
            problem(
                ".integrity[0].expect",
                "needs exactly one of equals, atLeast, withinPercentOfSource; " + "found 2")),
        integrity(new ValidationQuery("sums", "SELECT 1", new Expectation(0L, 1L, null))));
    assertEquals(
        List.of(
            problem(
                ".integrity[0].expect",
                "needs exactly one of equals, atLeast, withinPercentOfSource; " + "found 0")),
        integrity(new ValidationQuery("sums", "SELECT 1", new Expectation(null, null, null))));
  }

  @Test
  void theChecksAreTheIntegrityQueriesThenARowCountOfEachTable() {
    DataRecoverySpec spec =
        new DataRecoverySpec(
            new LedgerSpec("pay.entries", "id", "ref", "at", "account", "amount"),
            BALANCE,
            AUDIT,
            List.of(CHECK));
    assertEquals(List.of("accounts", "pay.entries", "audit"), spec.tables());
    assertEquals(
        List.of(
            CHECK,
            new ValidationQuery(
                "rows-accounts",
                "SELECT count(*) FROM \"accounts\"",
                new Expectation(null, 1L, null)),
            new ValidationQuery(
                "rows-pay.entries",
                "SELECT count(*) FROM \"pay\".\"entries\"",
                new Expectation(null, 1L, null)),
            new ValidationQuery(
                "rows-audit", "SELECT count(*) FROM \"audit\"", new Expectation(null, 1L, null))),
        spec.checks());
    assertEquals(List.of(), new DataRecoverySpec(LEDGER, BALANCE, AUDIT, null).integrity());
  }

  @Test
  void defaultsOfTheBalanceAndTheAuditTrail() {
    assertEquals(false, BALANCE.mustNotBeNegative());
    assertEquals(false, new BalanceSpec("a", "k", "v", null, false).mustNotBeNegative());
    assertEquals(true, new BalanceSpec("a", "k", "v", null, true).mustNotBeNegative());
    assertEquals("ledger", AUDIT.ledgerEntityOr("ledger"));
    assertEquals("payment_entry", audit("payment_entry").ledgerEntityOr("ledger"));
  }

  @Test
  void quotingRefusesWhatIsNotAPlainName() {
    assertEquals("\"s\".\"t_1\"", SqlIdentifiers.quote("s.t_1"));
    for (String bad : new String[] {null, "T", "a\"b", "a.b.c"}) {
      assertEquals(
          "'" + bad + "' is not a plain SQL name (" + SqlIdentifiers.TABLE.pattern() + ")",
          assertThrows(IllegalArgumentException.class, () -> SqlIdentifiers.quote(bad))
              .getMessage());
    }
  }
}
