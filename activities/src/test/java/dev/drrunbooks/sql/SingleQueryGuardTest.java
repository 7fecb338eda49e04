package dev.drrunbooks.sql;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.catalog.Expectation;
import dev.drrunbooks.catalog.ValidationQuery;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What counts as one read query; no database needed: the guard runs before anything is sent. */
class SingleQueryGuardTest {

  private static ValidationQuery check(String sql) {
    return new ValidationQuery("check", sql, new Expectation(1L, null, null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT COUNT(*) FROM inventory_items",
        "select ';' as semicolon",
        "select 1 as \"a;b\"",
        "select 1 -- ; commit\n",
        "/* ; commit; /* nested; */ */ select 1",
        "select length($$;commit;$$)",
        "select length($tag$; drop table x; $tag$)",
        "select 1;",
        "select 1; -- a trailing comment",
        "  -- leading comment\n  select 1",
        "(select 1)",
        "WITH d AS (SELECT 1) SELECT count(*) FROM d",
        "values (1)",
        "select E'\\'; commit; --'"
      })
  void oneQueryPasses(String sql) {
    assertDoesNotThrow(() -> SingleQueryGuard.check(check(sql), true));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "select 1; commit; create table x as select 1; select 1",
        "select 1; select 2",
        "select ';'; delete from t",
        "select $$a$$; commit"
      })
  void moreThanOneStatementIsRefused(String sql) {
    SingleQueryGuard.RefusedQuery e =
        assertThrows(
            SingleQueryGuard.RefusedQuery.class, () -> SingleQueryGuard.check(check(sql), true));
    assertTrue(
        e.getMessage().startsWith("validation query 'check' refused: it holds "), e.getMessage());
    assertTrue(e.getMessage().endsWith(sql), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "COMMIT",
        "begin",
        "start transaction read write",
        "SET default_transaction_read_only = off",
        "reset all",
        "update inventory_items set quantity = 0",
        "create table x as select 1",
        "copy (select 1) to program 'true'",
        "call p()",
        "do $$ begin end $$",
        "/* comment */ delete from t"
      })
  void aStatementThatIsNotAQueryIsRefused(String sql) {
    SingleQueryGuard.RefusedQuery e =
        assertThrows(
            SingleQueryGuard.RefusedQuery.class, () -> SingleQueryGuard.check(check(sql), true));
    assertTrue(e.getMessage().contains("statement, not a query"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", ";", "-- only a comment"})
  void noStatementIsRefused(String sql) {
    assertThrows(
        SingleQueryGuard.RefusedQuery.class, () -> SingleQueryGuard.check(check(sql), true));
  }

  @org.junit.jupiter.api.Test
  void stringsAreReadAsTheServerReadsThem() {
    // With standard_conforming_strings off, \' escapes the quote: the ';' below is outside any
    // string.
    String sql = "select 'a\\'' ; commit; select '";
    assertDoesNotThrow(() -> SingleQueryGuard.check(check(sql), true));
    assertThrows(
        SingleQueryGuard.RefusedQuery.class, () -> SingleQueryGuard.check(check(sql), false));
  }
}
