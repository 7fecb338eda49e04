package dev.drrunbooks.catalog;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The SQL names a catalog may give (tables, columns): lowercase PostgreSQL identifiers that need no
 * quoting, a table optionally schema-qualified. Generated SQL quotes them all the same, so a name
 * can never be read as SQL (<a
 * href="https://www.postgresql.org/docs/current/sql-syntax-lexical.html">PostgreSQL: Identifiers
 * and Key Words</a>: at most 63 bytes; quoted identifiers are taken literally).
 */
public final class SqlIdentifiers {
  /** One column or table name. */
  public static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /** A table: {@code name} or {@code schema.name}. */
  public static final Pattern TABLE =
      Pattern.compile("([a-z_][a-z0-9_]{0,62}\\.)?[a-z_][a-z0-9_]{0,62}");

  private SqlIdentifiers() {}

  /**
   * {@code "name"} or {@code "schema"."name"}.
   *
   * @throws IllegalArgumentException when {@code name} is not a {@link #TABLE} (callers validated
   *     it)
   */
  public static String quote(String name) {
    if (name == null || !TABLE.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a plain SQL name (" + TABLE.pattern() + ")");
    }
    return Arrays.stream(name.split("\\."))
        .map(p -> "\"" + p + "\"")
        .collect(Collectors.joining("."));
  }
}
