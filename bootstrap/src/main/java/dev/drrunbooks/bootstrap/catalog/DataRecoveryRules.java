package dev.drrunbooks.bootstrap.catalog;

import dev.drrunbooks.bootstrap.catalog.CatalogException.Problem;
import dev.drrunbooks.catalog.AuditSpec;
import dev.drrunbooks.catalog.BalanceSpec;
import dev.drrunbooks.catalog.DataRecoverySpec;
import dev.drrunbooks.catalog.LedgerSpec;
import dev.drrunbooks.catalog.SqlIdentifiers;
import dev.drrunbooks.catalog.ValidationQuery;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a service's {@code database.dataRecovery} ({@link DataRecoverySpec}): every table
 * and column a plain SQL name ({@link SqlIdentifiers}: nothing from the catalog is ever read as
 * SQL), one role per column and per table, integrity checks named once and with exactly one
 * expectation. The block is optional; a service without it cannot be recovered by replay.
 */
final class DataRecoveryRules {
  /**
   * A check's name: it becomes part of reports and must not collide with the generated row counts.
   */
  private static final Pattern CHECK_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  static final int MAX_LEDGER_ENTITY = 128;

  /** The String components of a table's spec that are not columns. */
  private static final Set<String> NOT_COLUMNS = Set.of("table", "ledgerEntity");

  private final List<Problem> problems = new ArrayList<>();

  private DataRecoveryRules() {}

  /** The problems of {@code spec} found at path {@code at} (none when it is absent). */
  static List<Problem> check(String at, DataRecoverySpec spec) {
    DataRecoveryRules rules = new DataRecoveryRules();
    if (spec != null) rules.all(at, spec);
    return rules.problems;
  }

  private void all(String at, DataRecoverySpec d) {
    Map<String, String> tables = new LinkedHashMap<>();
    LedgerSpec l = d.ledger();
    if (required(at + ".ledger", l)) {
      table(at + ".ledger.table", l.table(), tables);
      columns(at + ".ledger", l, Set.of());
    }
    BalanceSpec b = d.balance();
    if (required(at + ".balance", b)) {
      table(at + ".balance.table", b.table(), tables);
      columns(at + ".balance", b, Set.of("updatedAt"));
    }
    AuditSpec a = d.audit();
    if (required(at + ".audit", a)) {
      table(at + ".audit.table", a.table(), tables);
      columns(at + ".audit", a, Set.of());
      ledgerEntity(at + ".audit.ledgerEntity", a.ledgerEntity());
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < d.integrity().size(); i++)
      check(at + ".integrity[" + i + "]", d.integrity().get(i), names);
  }

  /** A table name, and no other role of this block already on it. */
  private void table(String at, String name, Map<String, String> seen) {
    if (!name(at, name, SqlIdentifiers.TABLE, " (optionally schema.table)")) return;
    String other = seen.putIfAbsent(name, at);
    if (other != null) {
      problem(
          at,
          "'" + name + "' is already " + other + "; ledger, balance and audit are three tables");
    }
  }

  /**
   * The columns of one table's spec: its String components but {@code table} and the audit's {@code
   * ledgerEntity} (a value, not a column), each a role named like the component. Found by
   * reflection so that a role added to a spec is checked without a change here. Each is a plain
   * name, no column has two roles; one in {@code optional} may be absent.
   */
  private void columns(String at, Record spec, Set<String> optional) {
    Map<String, String> byColumn = new LinkedHashMap<>();
    for (RecordComponent c : spec.getClass().getRecordComponents()) {
      String role = c.getName();
      if (c.getType() != String.class || NOT_COLUMNS.contains(role)) continue;
      String column = (String) read(c, spec);
      if (column == null && optional.contains(role)) continue;
      String path = at + "." + role;
      if (!name(path, column, SqlIdentifiers.NAME, "")) continue;
      String other = byColumn.putIfAbsent(column, role);
      if (other != null) {
        problem(
            path, "'" + column + "' is already the " + other + " column; each column has one role");
      }
    }
  }

  private static Object read(RecordComponent c, Record spec) {
    try {
      return c.getAccessor().invoke(spec);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + c + " of " + spec.getClass(), e);
    }
  }

  private boolean name(String at, String value, Pattern allowed, String note) {
    if (!required(at, value)) return false;
    if (allowed.matcher(value).matches()) return true;
    problem(
        at,
        "'"
            + value
            + "' is not a plain SQL name: lowercase letters, digits and _, starting with a letter"
            + " or _, at most 63 characters"
            + note);
    return false;
  }

  private void ledgerEntity(String at, String value) {
    if (value == null) return;
    if (value.isBlank()
        || value.length() > MAX_LEDGER_ENTITY
        || value.chars().anyMatch(Character::isISOControl)) {
      problem(
          at,
          "'"
              + value
              + "' must be 1 to "
              + MAX_LEDGER_ENTITY
              + " printable characters (the audit entity "
              + "value of ledger rows; default: the ledger's table name)");
    }
  }

  /**
   * One integrity check ({@code q} is never null: the loader refuses an empty list entry by its
   * path).
   */
  private void check(String at, ValidationQuery q, Set<String> names) {
    if (required(at + ".name", q.name())) {
      if (!CHECK_NAME.matcher(q.name()).matches()) {
        problem(
            at + ".name",
            "'" + q.name() + "' must be lowercase letters, digits and -, at most 63 characters");
      } else if (q.name().startsWith(DataRecoverySpec.ROWS_CHECK_PREFIX)) {
        problem(
            at + ".name",
            "'"
                + q.name()
                + "' starts with '"
                + DataRecoverySpec.ROWS_CHECK_PREFIX
                + "', kept for the generated row count of each declared table");
      } else if (!names.add(q.name())) {
        problem(
            at + ".name",
            "'" + q.name() + "' names another integrity check already; names are unique");
      }
    }
    if (required(at + ".sql", q.sql()) && q.sql().isBlank())
      problem(at + ".sql", "is blank; give a read-only query");
    if (required(at + ".expect", q.expect()) && q.expect().kindsSet() != 1) {
      problem(
          at + ".expect",
          "needs exactly one of equals, atLeast, withinPercentOfSource; found "
              + q.expect().kindsSet());
    }
  }

  private boolean required(String at, Object value) {
    if (value != null) return true;
    problem(at, "required field is missing");
    return false;
  }

  private void problem(String at, String message) {
    problems.add(new Problem(at, message));
  }
}
