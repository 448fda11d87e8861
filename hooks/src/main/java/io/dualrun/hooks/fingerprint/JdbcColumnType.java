package io.dualrun.hooks.fingerprint;

import io.dualrun.schemas.ColumnKind;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;

/**
 * A query column as the JDBC driver describes it, and what the fingerprint makes of it: how the
 * client path fetches its values and its normalised type. The in-database path reads the same
 * description, so both paths type a column alike.
 *
 * @param label the column's label (as the query names it)
 * @param sqlType its {@link Types} code
 * @param typeName the database's type name, lower-cased
 * @param precision the driver's precision (bits for {@code BIT})
 * @param signed whether the driver reports the column as signed
 */
public record JdbcColumnType(
    String label, int sqlType, String typeName, int precision, boolean signed) {

  /** How the client path fetches a column's values. */
  enum Fetch {
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

  public JdbcColumnType {
    typeName = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
  }

  /** Column {@code i} (from 1) of {@code meta}. */
  static JdbcColumnType of(ResultSetMetaData meta, int i) throws SQLException {
    return new JdbcColumnType(
        meta.getColumnLabel(i),
        meta.getColumnType(i),
        meta.getColumnTypeName(i),
        meta.getPrecision(i),
        meta.isSigned(i));
  }

  Fetch fetch() {
    Fetch f =
        switch (sqlType) {
          case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> Fetch.OBJECT;
          case Types.DECIMAL, Types.NUMERIC -> Fetch.DECIMAL;
          case Types.REAL -> Fetch.REAL;
          case Types.FLOAT, Types.DOUBLE -> Fetch.DOUBLE;
          case Types.BOOLEAN -> Fetch.BOOLEAN;
          case Types.BIT ->
              precision <= 1 || typeName.startsWith("bool") ? Fetch.BOOLEAN : Fetch.BYTES;
          case Types.DATE -> Fetch.DATE;
          case Types.TIMESTAMP_WITH_TIMEZONE -> Fetch.TIMESTAMP_TZ;
          case Types.TIMESTAMP ->
              typeName.contains("tz") || typeName.contains("time zone")
                  ? Fetch.TIMESTAMP_TZ
                  : Fetch.TIMESTAMP;
          case Types.TIME, Types.TIME_WITH_TIMEZONE -> Fetch.TIME;
          case Types.CHAR, Types.NCHAR -> Fetch.CHAR;
          case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> Fetch.BYTES;
          default -> Fetch.STRING;
        };
    return f == Fetch.OBJECT && signed ? Fetch.LONG : f;
  }

  /** The column's normalised type. */
  ColumnKind kind() {
    return switch (fetch()) {
      case OBJECT, LONG -> ColumnKind.INTEGER;
      case DECIMAL -> ColumnKind.DECIMAL;
      case REAL, DOUBLE -> ColumnKind.FLOAT;
      case BOOLEAN -> ColumnKind.BOOLEAN;
      case DATE -> ColumnKind.DATE;
      case TIMESTAMP, TIMESTAMP_TZ -> ColumnKind.TIMESTAMP;
      case CHAR -> ColumnKind.TEXT;
      case BYTES -> ColumnKind.BINARY;
      case TIME -> ColumnKind.OTHER;
      case STRING ->
          ColumnKind.ofTypeName(typeName) == ColumnKind.TEXT ? ColumnKind.TEXT : ColumnKind.OTHER;
    };
  }

  Column column() {
    return new Column(label, kind());
  }
}
