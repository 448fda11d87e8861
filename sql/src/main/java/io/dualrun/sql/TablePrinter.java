package io.dualrun.sql;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.types.Row;

/** Prints rows as an aligned table; numbers are right-aligned, NULL shows as {@code NULL}. */
public final class TablePrinter implements ResultPrinter {
  private static final String NULL = "NULL";
  private final ValueRenderer renderer;

  public TablePrinter(ValueRenderer renderer) {
    this.renderer = renderer;
  }

  @Override
  public void print(QueryResult result, PrintWriter out) {
    List<QueryResult.Column> columns = result.columns();
    List<String[]> cells = new ArrayList<>();
    for (Row row : result.rows()) {
      String[] line = new String[columns.size()];
      for (int i = 0; i < line.length; i++) {
        String text = renderer.text(row.getField(i), columns.get(i).type());
        line[i] = text == null ? NULL : oneLine(text);
      }
      cells.add(line);
    }
    int[] widths = widths(columns, cells);
    String border = border(widths);
    out.println(border);
    out.println(
        line(result.columnNames().toArray(String[]::new), widths, new boolean[widths.length]));
    out.println(border);
    boolean[] right = rightAligned(columns);
    for (String[] line : cells) {
      out.println(line(line, widths, right));
    }
    if (!cells.isEmpty()) {
      out.println(border);
    }
    int n = cells.size();
    out.println(n + (n == 1 ? " row" : " rows"));
    out.flush();
  }

  private static String oneLine(String text) {
    return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
  }

  private static int[] widths(List<QueryResult.Column> columns, List<String[]> cells) {
    int[] widths = new int[columns.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = columns.get(i).name().length();
    }
    for (String[] line : cells) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    return widths;
  }

  private static boolean[] rightAligned(List<QueryResult.Column> columns) {
    boolean[] right = new boolean[columns.size()];
    for (int i = 0; i < right.length; i++) {
      right[i] = columns.get(i).type().is(LogicalTypeFamily.NUMERIC);
    }
    return right;
  }

  private static String border(int[] widths) {
    StringBuilder b = new StringBuilder("+");
    for (int width : widths) {
      b.append("-".repeat(width + 2)).append('+');
    }
    return b.toString();
  }

  private static String line(String[] values, int[] widths, boolean[] right) {
    StringBuilder b = new StringBuilder("|");
    for (int i = 0; i < widths.length; i++) {
      String pad = " ".repeat(widths[i] - values[i].length());
      b.append(' ');
      b.append(right[i] ? pad + values[i] : values[i] + pad);
      b.append(" |");
    }
    return b.toString();
  }
}
