package io.dualrun.sql;

import java.util.List;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.types.Row;

/**
 * The rows one statement returned.
 *
 * @param statement the statement's text
 * @param columns column names and types, in order
 * @param rows every row (positions match {@code columns})
 */
public record QueryResult(String statement, List<Column> columns, List<Row> rows) {
  public QueryResult {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /** One result column. */
  public record Column(String name, LogicalType type) {}

  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }
}
