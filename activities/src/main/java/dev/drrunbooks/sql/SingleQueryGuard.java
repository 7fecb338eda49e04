package dev.drrunbooks.sql;

import dev.drrunbooks.catalog.ValidationQuery;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

/**
 * Refuses a validation query that is not exactly one read query, before anything is sent.
 *
 * <p>Statements are split by the PostgreSQL JDBC driver's own lexer ({@link Parser#parseJdbcSql}):
 * the code that decides what the driver sends, and that already knows string literals (with or
 * without {@code standard_conforming_strings}), quoted identifiers, line and nested block comments
 * and dollar-quoted strings. A query that passes goes to the server as one extended-protocol Parse
 * message, and PostgreSQL refuses more than one command in one ("cannot insert multiple commands
 * into a prepared statement"), so a lexer disagreement cannot smuggle a second statement through.
 *
 * <p>The one statement must start with {@code SELECT}, {@code WITH} or {@code VALUES} (after
 * comments and opening parentheses): transaction and session control ({@code COMMIT}, {@code
 * BEGIN}, {@code SET}, {@code RESET}), {@code COPY}, {@code CALL}, {@code DO} and DDL/DML are
 * refused here; writes hidden in a query ({@code WITH ... DELETE}, {@code SELECT ... INTO}, {@code
 * nextval}) are refused by the READ ONLY transaction the query runs in ({@link
 * ValidationQueryRunner}).
 */
public final class SingleQueryGuard {
  private static final List<String> QUERY_KEYWORDS = List.of("select", "with", "values");

  private SingleQueryGuard() {}

  /**
   * Thrown before any statement is sent; the message names the query, why it was refused and its
   * SQL.
   */
  public static final class RefusedQuery extends IllegalArgumentException {
    RefusedQuery(ValidationQuery q, String why) {
      super(
          "validation query '"
              + q.name()
              + "' refused: "
              + why
              + "; a check must be exactly one SELECT, WITH or "
              + "VALUES query that answers one number: "
              + q.sql());
    }
  }

  /**
   * @param standardConformingStrings the server's setting: whether {@code '\'} is a whole string
   *     literal
   */
  public static void check(ValidationQuery q, boolean standardConformingStrings) {
    if (q.sql() == null || q.sql().isBlank()) throw new RefusedQuery(q, "it has no SQL");
    List<NativeQuery> parsed;
    try {
      parsed = Parser.parseJdbcSql(q.sql(), standardConformingStrings, false, true, false, false);
    } catch (SQLException e) {
      throw new RefusedQuery(q, "the JDBC driver cannot parse it (" + e.getMessage() + ")");
    }
    List<String> statements = new ArrayList<>();
    for (NativeQuery n : parsed) {
      char[] sql = n.nativeSql.toCharArray();
      int start = firstToken(sql);
      if (start < sql.length)
        statements.add(n.nativeSql.substring(start)); // a piece of only comments is no statement
    }
    if (statements.isEmpty()) throw new RefusedQuery(q, "it holds no statement, only comments");
    if (statements.size() > 1) {
      throw new RefusedQuery(
          q,
          "it holds "
              + statements.size()
              + " statements separated by ';' ("
              + String.join(" | ", statements.stream().map(SingleQueryGuard::firstWord).toList())
              + ")");
    }
    String first = firstWord(statements.get(0));
    if (!QUERY_KEYWORDS.contains(first.toLowerCase(Locale.ROOT))) {
      throw new RefusedQuery(
          q, "it is a " + first.toUpperCase(Locale.ROOT) + " statement, not a query");
    }
  }

  /** Where the first keyword starts: after white space, comments and opening parentheses. */
  private static int firstToken(char[] sql) {
    int i = 0;
    while (i < sql.length) {
      char c = sql[i];
      if (Parser.isSpace(c) || c == '(') {
        i++;
        continue;
      }
      int end =
          c == '-'
              ? Parser.parseLineComment(sql, i)
              : c == '/' ? Parser.parseBlockComment(sql, i) : i;
      if (end == i) return i;
      i = end + 1;
    }
    return sql.length;
  }

  private static String firstWord(String statement) {
    int end = 0;
    while (end < statement.length() && Parser.isIdentifierContChar(statement.charAt(end))) end++;
    return end == 0 ? statement.substring(0, 1) : statement.substring(0, end);
  }
}
