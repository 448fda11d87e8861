package io.dualrun.hooks.fingerprint;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of a JDBC query, streamed: forward-only cursor, auto-commit off (PostgreSQL streams only
 * then) and a fetch size, so memory stays constant whatever the table size.
 */
public final class JdbcSource implements RowSource {
  private final Connection connection;
  private final Statement statement;
  private final ResultSet rows;
  private final List<Column> columns = new ArrayList<>();
  private final JdbcColumnType.Fetch[] fetch;

  public JdbcSource(Connection connection, String query, int fetchSize) throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(false);
    connection.setReadOnly(true);
    statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    statement.setFetchSize(fetchSize);
    rows = statement.executeQuery(query);
    ResultSetMetaData meta = rows.getMetaData();
    fetch = new JdbcColumnType.Fetch[meta.getColumnCount()];
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      JdbcColumnType type = JdbcColumnType.of(meta, i);
      fetch[i - 1] = type.fetch();
      columns.add(type.column());
    }
  }

  /** The query of {@code --table}: every column of the table. */
  public static String tableQuery(String table) {
    if (!table.matches("[A-Za-z0-9_$.\"`]+")) {
      throw new IllegalArgumentException(
          "--table: '" + table + "' is not a table name; use --query for anything else");
    }
    return "SELECT * FROM " + table;
  }

  @Override
  public List<Column> columns() {
    return columns;
  }

  @Override
  public boolean next(Object[] values) throws SQLException {
    if (!rows.next()) {
      return false;
    }
    for (int i = 0; i < fetch.length; i++) {
      values[i] = value(i + 1, fetch[i]);
    }
    return true;
  }

  private Object value(int i, JdbcColumnType.Fetch f) throws SQLException {
    Object v =
        switch (f) {
          case OBJECT -> rows.getObject(i);
          case LONG -> rows.getLong(i);
          case DECIMAL -> rows.getBigDecimal(i);
          case REAL -> rows.getFloat(i);
          case DOUBLE -> rows.getDouble(i);
          case BOOLEAN -> rows.getBoolean(i);
          case DATE -> rows.getObject(i, LocalDate.class);
          case TIMESTAMP_TZ -> rows.getObject(i, OffsetDateTime.class);
          case TIMESTAMP -> rows.getObject(i, LocalDateTime.class);
          case TIME -> rows.getObject(i, LocalTime.class);
          case CHAR -> stripTrailing(rows.getString(i));
          case STRING -> rows.getString(i);
          case BYTES -> rows.getBytes(i);
        };
    return rows.wasNull() ? null : v;
  }

  private static String stripTrailing(String s) {
    return s == null ? null : s.stripTrailing();
  }

  @Override
  public void close() throws SQLException {
    try (connection;
        statement;
        rows) {
      connection.rollback();
    }
  }
}
