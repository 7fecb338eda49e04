package dev.drrunbooks.starter.commands;

/**
 * Numbered notes under a table: a value longer than {@link #WIDEST_CELL} characters (a whole
 * replication rule, a KMS key ARN, why a check could not be read) becomes {@code [n]} in its cell
 * and a line under the table, so one long value does not widen every row.
 */
final class TableNotes {
  static final int WIDEST_CELL = 40;

  private final StringBuilder text = new StringBuilder();
  private int count;

  /** Adds a note; returns its reference for the cell. */
  String add(String note) {
    String ref = "[" + ++count + "]";
    text.append(ref).append(' ').append(note).append('\n');
    return ref;
  }

  /**
   * {@code value} itself when short; else "(as expected)" when it is {@code expected}, else a note
   * labelled {@code label}.
   */
  String cell(String value, String expected, String label) {
    if (value == null || value.length() <= WIDEST_CELL) return value;
    if (value.equals(expected)) return "(as expected)";
    return add(label + ": " + value);
  }

  boolean isEmpty() {
    return count == 0;
  }

  /** The notes, one per line. */
  String text() {
    return text.toString();
  }
}
