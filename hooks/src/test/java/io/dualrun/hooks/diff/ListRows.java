package io.dualrun.hooks.diff;

import io.dualrun.hooks.fingerprint.Column;
import io.dualrun.hooks.fingerprint.RowSource;
import java.util.ArrayList;
import java.util.List;

/** Rows held in memory, read as a source is: a fresh copy of each row per {@link #next}. */
public final class ListRows implements RowSource {
  private final List<Column> columns;
  private final List<Object[]> rows;
  private int at;

  public ListRows(List<Column> columns, List<Object[]> rows) {
    this.columns = List.copyOf(columns);
    this.rows = new ArrayList<>(rows);
  }

  @Override
  public List<Column> columns() {
    return columns;
  }

  @Override
  public boolean next(Object[] values) {
    if (at == rows.size()) {
      return false;
    }
    System.arraycopy(rows.get(at++), 0, values, 0, values.length);
    return true;
  }

  @Override
  public void close() {}
}
