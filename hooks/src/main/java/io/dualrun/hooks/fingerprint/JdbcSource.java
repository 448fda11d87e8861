package io.dualrun.hooks.fingerprint;

import io.dualrun.schemas.ColumnKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rows of a JDBC query, streamed: forward-only cursor, auto-commit off (PostgreSQL streams only
 * then) and a fetch size, so memory stays constant whatever the table size.
 */
public final class JdbcSource implements RowSource {
  /** How a column's value is fetched. */
  private enum Fetch {
    OBJECT,
    LONG,
    DECIMAL,
    REAL,
    DOUBLE,
    BOOLEAN,
    DATE,
    TIMESTAMP_TZ,
    TIMESTAMP,
    TIME,
    CHAR,
    STRING,
    BYTES
  }

  private final Connection connection;
  private final Statement statement;
  private final ResultSet rows;
  private final List<Column> columns = new ArrayList<>();
  private final Fetch[] fetch;

  public JdbcSource(Connection connection, String query, int fetchSize) throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(false);
    connection.setReadOnly(true);
    statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    statement.setFetchSize(fetchSize);
    rows = statement.executeQuery(query);
    ResultSetMetaData meta = rows.getMetaData();
    fetch = new Fetch[meta.getColumnCount()];
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      int type = meta.getColumnType(i);
      String typeName = meta.getColumnTypeName(i);
      fetch[i - 1] = fetchOf(type, typeName, meta.getPrecision(i));
      if (fetch[i - 1] == Fetch.OBJECT && meta.isSigned(i)) {
        fetch[i - 1] = Fetch.LONG;
      }
      columns.add(new Column(meta.getColumnLabel(i), kindOf(fetch[i - 1], typeName)));
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

  private static Fetch fetchOf(int type, String typeName, int precision) {
    String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
    return switch (type) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> Fetch.OBJECT;
      case Types.DECIMAL, Types.NUMERIC -> Fetch.DECIMAL;
      case Types.REAL -> Fetch.REAL;
      case Types.FLOAT, Types.DOUBLE -> Fetch.DOUBLE;
      case Types.BOOLEAN -> Fetch.BOOLEAN;
      case Types.BIT -> precision <= 1 || name.startsWith("bool") ? Fetch.BOOLEAN : Fetch.BYTES;
      case Types.DATE -> Fetch.DATE;
      case Types.TIMESTAMP_WITH_TIMEZONE -> Fetch.TIMESTAMP_TZ;
      case Types.TIMESTAMP ->
          name.contains("tz") || name.contains("time zone") ? Fetch.TIMESTAMP_TZ : Fetch.TIMESTAMP;
      case Types.TIME, Types.TIME_WITH_TIMEZONE -> Fetch.TIME;
      case Types.CHAR, Types.NCHAR -> Fetch.CHAR;
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> Fetch.BYTES;
      default -> Fetch.STRING;
    };
  }

  private static ColumnKind kindOf(Fetch fetch, String typeName) {
    return switch (fetch) {
      case OBJECT, LONG -> ColumnKind.INTEGER;
      case DECIMAL -> ColumnKind.DECIMAL;
      case REAL, DOUBLE -> ColumnKind.FLOAT;
      case BOOLEAN -> ColumnKind.BOOLEAN;
      case DATE -> ColumnKind.DATE;
      case TIMESTAMP, TIMESTAMP_TZ -> ColumnKind.TIMESTAMP;
      case CHAR -> ColumnKind.TEXT;
      case BYTES -> ColumnKind.BINARY;
      case TIME -> ColumnKind.OTHER;
      case STRING -> stringKind(typeName);
    };
  }

  private static ColumnKind stringKind(String typeName) {
    ColumnKind kind = ColumnKind.ofTypeName(typeName);
    return kind == ColumnKind.TEXT ? ColumnKind.TEXT : ColumnKind.OTHER;
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

  private Object value(int i, Fetch f) throws SQLException {
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
