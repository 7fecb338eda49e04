package dev.drrunbooks.starter;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with columns sized to their content. */
public final class Table {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public Table(String... header) {
    this.header = List.of(header);
  }

  public Table row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (Object c : cells) row.add(c == null ? "-" : c.toString());
    rows.add(row);
    return this;
  }

  public String render() {
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) width[i] = header.get(i).length();
    for (List<String> row : rows) {
      for (int i = 0; i < width.length; i++) width[i] = Math.max(width[i], row.get(i).length());
    }
    StringBuilder out = new StringBuilder();
    line(out, header, width);
    for (List<String> row : rows) line(out, row, width);
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells, int[] width) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      line.append(String.format("%-" + width[i] + "s", cells.get(i)));
      if (i < width.length - 1) line.append("  ");
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
