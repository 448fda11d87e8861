package io.dualrun.hooks.fingerprint;

import io.dualrun.schemas.normalise.ColumnRule;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/** The in-database fingerprint's SQL for MariaDB and MySQL 8 (tested on MariaDB 10.11). */
final class MariaDbDialect implements SqlDialect {
  static final String TIMESTAMP_FORMAT = "'%Y-%m-%dT%H:%i:%s.%fZ'";

  /** As {@link PostgresDialect#TRAILING_WHITESPACE}, in PCRE (backslashes as PCRE reads them). */
  static final String TRAILING_WHITESPACE =
      "[\\t\\n\\x{0B}\\f\\r\\x{1C}-\\x{1F} \\x{1680}\\x{2000}-\\x{2006}"
          + "\\x{2008}-\\x{200A}\\x{2028}\\x{2029}\\x{205F}\\x{3000}]+\\z";

  private static final Set<String> TEXT_TYPES =
      Set.of(
          "varchar", "tinytext", "text", "mediumtext", "longtext", "json", "enum", "set", "uuid");
  private static final Set<String> BINARY_TYPES =
      Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob");

  private final String name;
  private final boolean backslashEscapes;

  /**
   * @param backslashEscapes whether the session reads backslashes in string literals as escapes
   *     (the default; not with {@code NO_BACKSLASH_ESCAPES} in its {@code sql_mode})
   */
  MariaDbDialect(String name, boolean backslashEscapes) {
    this.name = name;
    this.backslashEscapes = backslashEscapes;
  }

  /**
   * {@code text} as a string literal that means {@code text} in this session's {@code sql_mode}.
   */
  String literal(String text) {
    String quoted = text.replace("'", "''");
    return "'" + (backslashEscapes ? quoted.replace("\\", "\\\\") : quoted) + "'";
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  @Override
  public ColumnSql column(JdbcColumnType type, String r, ColumnRule rule) {
    Integer scale = rule == null ? null : rule.scale();
    String typeName = type.typeName().replace(" unsigned", "");
    return switch (type.fetch()) {
      case LONG, OBJECT -> {
        if (typeName.startsWith("year")) {
          throw unsupported(type);
        }
        yield scale == null
            ? new ColumnSql("CAST(" + r + " AS CHAR)", r)
            : decimal(roundHalfEven("CAST(" + r + " AS DECIMAL(65,0))", scale));
      }
      case DECIMAL -> decimal(scale == null ? r : roundHalfEven(r, scale));
      case REAL, DOUBLE -> throw new PushdownRefusal(type.label(), type.typeName(), FLOAT_REASON);
      case BOOLEAN ->
          new ColumnSql(
              "CASE WHEN " + r + " <> 0 THEN 'true' WHEN " + r + " = 0 THEN 'false' END", null);
      case DATE -> {
        if (!typeName.equals("date")) {
          throw unsupported(type);
        }
        yield new ColumnSql("DATE_FORMAT(" + r + ", '%Y-%m-%d')", null)
            .guarded(zeroDate(r), "zero dates have no canonical text");
      }
      case TIMESTAMP ->
          new ColumnSql(
                  precision(
                      "DATE_FORMAT(" + naive(type, r, rule) + ", " + TIMESTAMP_FORMAT + ")", rule),
                  null)
              .guarded(zeroDate(r), "zero dates have no canonical text");
      case TIME ->
          new ColumnSql("TIME_FORMAT(" + r + ", '%H:%i:%s.%f')", null)
              .guarded(
                  r + " < TIME '00:00:00' OR " + r + " >= TIME '24:00:00'",
                  "TIME values outside 00:00:00 to 23:59:59.999999 are not times of day");
      case CHAR ->
          textRules(
              new ColumnSql(
                  "REGEXP_REPLACE(" + utf8(r) + ", " + literal(TRAILING_WHITESPACE) + ", '')",
                  null),
              rule);
      case STRING -> {
        if (!TEXT_TYPES.contains(typeName)) {
          throw unsupported(type);
        }
        yield textRules(new ColumnSql(utf8(r), null), rule);
      }
      case BYTES -> {
        if (!BINARY_TYPES.contains(typeName)) {
          throw unsupported(type);
        }
        yield new ColumnSql("LOWER(HEX(" + r + "))", null);
      }
      case TIMESTAMP_TZ -> throw unsupported(type);
    };
  }

  private static PushdownRefusal unsupported(JdbcColumnType type) {
    return new PushdownRefusal(
        type.label(),
        type.typeName(),
        "no SQL canonical text known to equal the client's for this type (supported: integers,"
            + " decimal, boolean/tinyint(1)/bit(1), date, datetime, timestamp, time, char,"
            + " varchar, text, json, enum, set, uuid, binary, varbinary, blob)");
  }

  private static String utf8(String r) {
    return "CONVERT(" + r + " USING utf8mb4)";
  }

  private static String zeroDate(String r) {
    return "MONTH(" + r + ") = 0 OR DAYOFMONTH(" + r + ") = 0";
  }

  private static ColumnSql decimal(String value) {
    String s = "CAST(" + value + " AS CHAR)";
    return new ColumnSql(
        "IF("
            + value
            + " = 0, '0', IF(LOCATE('.', "
            + s
            + ") > 0, TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM "
            + s
            + ")), "
            + s
            + "))",
        value);
  }

  /** Naive {@code r} as UTC wall-clock time: a fixed offset is subtracted; zones are refused. */
  private static String naive(JdbcColumnType type, String r, ColumnRule rule) {
    if (rule == null || rule.timezone() == null) {
      return r;
    }
    ZoneId zone = rule.timezone();
    if (!zone.getRules().isFixedOffset()) {
      throw new PushdownRefusal(
          type.label(),
          type.typeName(),
          "timezone="
              + zone.getId()
              + ": a zone's rules have no exact SQL form in MariaDB/MySQL here (CONVERT_TZ"
              + " needs the server's time zone tables); a fixed offset such as +01:00 is"
              + " honoured");
    }
    int seconds = zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds();
    return "(" + r + " - INTERVAL " + seconds + " SECOND)";
  }

  /** CONCAT is null when the text is: IFNULL gives the null marker without a second look. */
  @Override
  public String cell(String text) {
    return "IFNULL(CONCAT(X'01', UNHEX(LPAD(HEX(LENGTH("
        + text
        + ")), 8, '0')), "
        + text
        + "), X'00')";
  }

  @Override
  public String concat(List<String> bytes) {
    return bytes.isEmpty() ? "''" : "CONCAT(" + String.join(", ", bytes) + ")";
  }

  @Override
  public String hash64(String bytes) {
    return "CAST(CONV(LEFT(SHA2(" + bytes + ", 256), 16), 16, 10) AS UNSIGNED)";
  }

  @Override
  public String bucket(String keyHash, long buckets) {
    return "MOD(" + keyHash + ", " + buckets + ")";
  }

  /**
   * The UTF-8 bytes, whose order is code-point order; the spec's UTF-16 order puts U+E000…U+FFFF
   * (lead bytes EE, EF) after the supplementary characters (F0…F4): those lead bytes become F5 and
   * F6, which UTF-8 never uses (continuation bytes are 80…BF, so no other byte is touched).
   */
  @Override
  public String orderKey(String text) {
    String bytes = "CAST(" + text + " AS BINARY)";
    return "IF(LENGTH("
        + text
        + ") = CHAR_LENGTH("
        + text
        + "), "
        + bytes
        + ", REPLACE(REPLACE("
        + bytes
        + ", X'EE', X'F5'), X'EF', X'F6'))";
  }

  @Override
  public String asciiOrderKey(String text) {
    return "CAST(" + text + " AS BINARY)";
  }

  @Override
  public String min(String orderKey) {
    return "MIN(" + orderKey + ")";
  }

  @Override
  public String max(String orderKey) {
    return "MAX(" + orderKey + ")";
  }

  @Override
  public String decodeOrderKey(ResultSet rows, int column) throws SQLException {
    byte[] key = rows.getBytes(column);
    if (key == null) {
      return null;
    }
    for (int i = 0; i < key.length; i++) {
      if (key[i] == (byte) 0xF5) {
        key[i] = (byte) 0xEE;
      } else if (key[i] == (byte) 0xF6) {
        key[i] = (byte) 0xEF;
      }
    }
    return new String(key, StandardCharsets.UTF_8);
  }

  @Override
  public String fence() {
    return "";
  }

  @Override
  public String trimSpaces(String text) {
    return "TRIM(BOTH ' ' FROM " + text + ")";
  }

  @Override
  public String lower(String text) {
    return "LOWER(" + text + ")";
  }

  @Override
  public String nonAscii(String text) {
    return "LENGTH(" + text + ") <> CHAR_LENGTH(" + text + ")";
  }

  @Override
  public String leftThen(String text, int n, String suffix) {
    return "CONCAT(LEFT(" + text + ", " + n + "), '" + suffix + "')";
  }

  @Override
  public String truncate(String value) {
    return "TRUNCATE(" + value + ", 0)";
  }

  @Override
  public String round(String value) {
    return "ROUND(" + value + ")";
  }
}
