package io.dualrun.hooks.fingerprint;

import io.dualrun.schemas.normalise.ColumnRule;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;

/** The in-database fingerprint's SQL for PostgreSQL (13 or later: {@code trim_scale}). */
final class PostgresDialect implements SqlDialect {
  static final String TIMESTAMP_FORMAT = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'";

  /**
   * Trailing characters Java's {@code String.stripTrailing} removes ({@code
   * Character.isWhitespace}).
   */
  static final String TRAILING_WHITESPACE =
      escaped(
          "[\\t\\n\\u000B\\f\\r\\u001C-\\u001F \\u1680\\u2000-\\u2006\\u2008-\\u200A\\u2028\\u2029"
              + "\\u205F\\u3000]+$");

  /**
   * {@code text} (backslashes as the regular expression or bytea input reads them) as an escape
   * string literal: {@code E'…'} means the same whatever the session's {@code
   * standard_conforming_strings} (off, a plain literal's backslashes would be escapes).
   */
  static String escaped(String text) {
    return "E'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  private static final String RANGE_REASON =
      "values outside the years 0001 to 9999 (or infinity) have no exact SQL canonical text here";

  @Override
  public String name() {
    return "PostgreSQL";
  }

  @Override
  public String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  @Override
  public ColumnSql column(JdbcColumnType type, String r, ColumnRule rule) {
    Integer scale = rule == null ? null : rule.scale();
    return switch (type.typeName()) {
      case "int2", "int4", "int8" ->
          scale == null
              ? new ColumnSql(r + "::text", r)
              : decimal(roundHalfEven(r + "::numeric", scale));
      case "numeric" -> decimal(scale == null ? r : roundHalfEven(r, scale));
      case "bool" -> new ColumnSql(r + "::text", null);
      case "date" ->
          new ColumnSql("to_char(" + r + ", 'YYYY-MM-DD')", null)
              .guarded(outOfRange(r, "date '0001-01-01'", "date '9999-12-31'"), RANGE_REASON);
      case "timestamp" -> timestamp(naive(r, rule), r, rule);
      case "timestamptz" -> timestamp(r + " AT TIME ZONE 'UTC'", r, rule);
      case "time" ->
          new ColumnSql(
              "CASE WHEN "
                  + r
                  + " = time '24:00:00' THEN '23:59:59.999999' ELSE to_char("
                  + r
                  + ", 'HH24:MI:SS.US') END",
              null);
      case "text", "varchar" -> textRules(new ColumnSql(r + "::text", null), rule);
      case "bpchar" ->
          textRules(
              new ColumnSql(
                  "regexp_replace(" + r + "::text, " + TRAILING_WHITESPACE + ", '')", null),
              rule);
      case "uuid", "json", "jsonb" -> textRules(new ColumnSql(r + "::text", null), rule);
      case "bytea" -> new ColumnSql("encode(" + r + ", 'hex')", null);
      case "float4", "float8" ->
          throw new PushdownRefusal(type.label(), type.typeName(), FLOAT_REASON);
      default ->
          throw new PushdownRefusal(
              type.label(),
              type.typeName(),
              "no SQL canonical text known to equal the client's for this type (supported:"
                  + " int2, int4, int8, numeric, bool, date, timestamp, timestamptz, time, text,"
                  + " varchar, bpchar, uuid, json, jsonb, bytea)");
    };
  }

  private static ColumnSql decimal(String value) {
    return new ColumnSql(
        "CASE WHEN " + value + " = 0 THEN '0' ELSE trim_scale(" + value + ")::text END", value);
  }

  private ColumnSql timestamp(String utcWallClock, String r, ColumnRule rule) {
    String text = "to_char(" + utcWallClock + ", " + TIMESTAMP_FORMAT + ")";
    return new ColumnSql(precision(text, rule), null)
        .guarded(
            outOfRange(r, "'0001-01-01 00:00:00'", "'9999-12-31 23:59:59.999999'"), RANGE_REASON);
  }

  private static String outOfRange(String r, String from, String to) {
    return "NOT (" + r + " BETWEEN " + from + " AND " + to + ")";
  }

  /**
   * The UTC wall-clock time of naive timestamp {@code r} under the rule's time zone: a fixed offset
   * subtracted; a region's local time taken as Java's {@code LocalDateTime.atZone} does (PostgreSQL
   * takes a repeated local time at its later instant, Java at its earlier: the earlier is used when
   * it is valid).
   */
  private static String naive(String r, ColumnRule rule) {
    if (rule == null || rule.timezone() == null) {
      return r;
    }
    ZoneId zone = rule.timezone();
    if (zone.getRules().isFixedOffset()) {
      int seconds = zone.getRules().getOffset(java.time.Instant.EPOCH).getTotalSeconds();
      return "(" + r + " - " + seconds + " * interval '1 second')";
    }
    String z = SqlDialect.literal(zone.getId());
    String p = "(" + r + " AT TIME ZONE " + z + ")";
    String dayBefore = "(" + p + " - interval '1 day')";
    String shift = "(" + offset(dayBefore, z) + " - " + offset(p, z) + ")";
    String earlier = "(" + p + " - " + shift + ")";
    String instant =
        "(CASE WHEN "
            + earlier
            + " < "
            + p
            + " AND ("
            + earlier
            + " AT TIME ZONE "
            + z
            + ") = "
            + r
            + " THEN "
            + earlier
            + " ELSE "
            + p
            + " END)";
    return instant + " AT TIME ZONE 'UTC'";
  }

  /** The zone's UTC offset at timestamptz {@code instant}, as an interval. */
  private static String offset(String instant, String zone) {
    return "((" + instant + " AT TIME ZONE " + zone + ") - (" + instant + " AT TIME ZONE 'UTC'))";
  }

  @Override
  public String cell(String text) {
    // the database is UTF8 (Pushdown refuses any other): the text's own length is its UTF-8 one
    return "CASE WHEN "
        + text
        + " IS NULL THEN "
        + escaped("\\x00")
        + "::bytea ELSE "
        + escaped("\\x01")
        + "::bytea || int4send(octet_length("
        + text
        + ")) || convert_to("
        + text
        + ", 'UTF8') END";
  }

  @Override
  public String concat(List<String> bytes) {
    return bytes.isEmpty() ? "''::bytea" : String.join(" || ", bytes);
  }

  @Override
  public String hash64(String bytes) {
    return "('x' || encode(substr(sha256(" + bytes + "), 1, 8), 'hex'))::bit(64)::bigint";
  }

  @Override
  public String bucket(String keyHash, long buckets) {
    // keyHash is the signed view of the unsigned 64 bits: add 2^64 mod buckets when negative
    long wrap = BigInteger.ONE.shiftLeft(64).mod(BigInteger.valueOf(buckets)).longValue();
    return "CASE WHEN "
        + keyHash
        + " >= 0 THEN "
        + keyHash
        + " % "
        + buckets
        + " ELSE ("
        + keyHash
        + " % "
        + buckets
        + " + "
        + buckets
        + " + "
        + wrap
        + ") % "
        + buckets
        + " END";
  }

  /**
   * Code-point order (COLLATE "C") differs from the spec's UTF-16 order only where a character of
   * U+E000…U+FFFF meets a supplementary one: such characters get U+10FFFF in front (and U+10FFFF
   * itself becomes U+10FFFF U+0001), which sorts them after every supplementary character.
   */
  @Override
  public String orderKey(String text) {
    return "CASE WHEN octet_length("
        + text
        + ") = char_length("
        + text
        + ") THEN "
        + text
        + " ELSE regexp_replace(regexp_replace("
        + text
        + ", "
        + escaped("\\U0010FFFF")
        + ", chr(1114111) || chr(1), 'g'), "
        + escaped("([\\uE000-\\uFFFF])")
        + ", chr(1114111) || "
        + escaped("\\1")
        + ", 'g') END";
  }

  @Override
  public String asciiOrderKey(String text) {
    return text;
  }

  @Override
  public String min(String orderKey) {
    return "min((" + orderKey + ") COLLATE \"C\")";
  }

  @Override
  public String max(String orderKey) {
    return "max((" + orderKey + ") COLLATE \"C\")";
  }

  @Override
  public String decodeOrderKey(ResultSet rows, int column) throws SQLException {
    String key = rows.getString(column);
    if (key == null || key.indexOf(0xDBFF) < 0) {
      return key;
    }
    StringBuilder out = new StringBuilder(key.length());
    int i = 0;
    while (i < key.length()) {
      int c = key.codePointAt(i);
      i += Character.charCount(c);
      if (c == 0x10FFFF && i < key.length()) {
        int next = key.codePointAt(i);
        i += Character.charCount(next);
        out.appendCodePoint(next == 1 ? 0x10FFFF : next);
      } else {
        out.appendCodePoint(c);
      }
    }
    return out.toString();
  }

  @Override
  public String fence() {
    return " OFFSET 0";
  }

  @Override
  public String trimSpaces(String text) {
    return "btrim(" + text + ", ' ')";
  }

  @Override
  public String lower(String text) {
    return "lower(" + text + ")";
  }

  @Override
  public String nonAscii(String text) {
    return "octet_length(" + text + ") <> char_length(" + text + ")";
  }

  @Override
  public String leftThen(String text, int n, String suffix) {
    return "(left(" + text + ", " + n + ") || '" + suffix + "')";
  }

  @Override
  public String truncate(String value) {
    return "trunc(" + value + ")";
  }

  @Override
  public String round(String value) {
    return "round(" + value + ")";
  }
}
