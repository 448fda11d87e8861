package io.dualrun.hooks.fingerprint;

import io.dualrun.schemas.normalise.ColumnRule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The SQL of the in-database fingerprint for one database family (docs/fingerprint.md, "Computed in
 * the database"): each column's canonical text, the row encoding and its SHA-256-based hash, the
 * bucket of a key, and an order key whose minimum and maximum follow the spec's text order.
 */
interface SqlDialect {
  String FLOAT_REASON =
      "the canonical text of a float is the shortest round-trip decimal closest to the value"
          + " (Java 19+'s Double.toString), which SQL's float texts are not shown to equal for"
          + " every value (MariaDB's FLOAT reaches the client with 6 digits): floats are"
          + " fingerprinted by the client (--no-pushdown)";
  String CASE_REASON =
      "case-insensitive on non-ASCII text: the database's lower-casing is not known to equal"
          + " Java's toLowerCase(Locale.ROOT)";

  /** The database's name, as the command reports it. */
  String name();

  /** {@code identifier} quoted as a column name. */
  String quote(String identifier);

  /**
   * SQL of column {@code type}'s canonical text and value, read from {@code ref} and normalised by
   * {@code rule} (null: none).
   *
   * @throws PushdownRefusal when the type or the rule has no exact SQL form here
   */
  ColumnSql column(JdbcColumnType type, String ref, ColumnRule rule);

  /**
   * SQL of a cell's encoding (bytes): 00 for null, else 01, 4-byte length, UTF-8 of {@code text}.
   */
  String cell(String text);

  /** SQL of byte strings one after the other (none: the empty byte string). */
  String concat(List<String> bytes);

  /**
   * SQL of the first 8 bytes of the SHA-256 of {@code bytes} as an integer whose sum, reduced mod
   * 2^64, is the sum of the unsigned values mod 2^64.
   */
  String hash64(String bytes);

  /** SQL of the bucket (0 … buckets-1) of a key hash computed by {@link #hash64}. */
  String bucket(String keyHash, long buckets);

  /** SQL whose minimum and maximum (with {@link #min}/{@link #max}) are the spec's text order. */
  String orderKey(String text);

  /** As {@link #orderKey} for a text known to be ASCII (dates, timestamps, booleans, hex). */
  String asciiOrderKey(String text);

  String min(String orderKey);

  String max(String orderKey);

  /** The text a minimum or maximum of {@link #orderKey} stands for. */
  String decodeOrderKey(ResultSet rows, int column) throws SQLException;

  /** Appended to a subquery so that its outputs are computed once per row (may be empty). */
  String fence();

  /** SQL of {@code text} without leading and trailing U+0020. */
  String trimSpaces(String text);

  String lower(String text);

  /** SQL true when {@code text} holds a non-ASCII character. */
  String nonAscii(String text);

  /** SQL of the first {@code n} characters of {@code text} followed by {@code suffix}. */
  String leftThen(String text, int n, String suffix);

  /** SQL of numeric {@code value} truncated toward zero to an integer. */
  String truncate(String value);

  /** SQL of numeric {@code value} rounded half away from zero to an integer. */
  String round(String value);

  /** The text rules of {@code rule} (trim, case-insensitive, empty-is-null) applied to a text. */
  default ColumnSql textRules(ColumnSql column, ColumnRule rule) {
    if (rule == null || !rule.textRules()) {
      return column;
    }
    ColumnSql c = column;
    String t = c.text();
    if (rule.trim()) {
      t = trimSpaces(t);
    }
    if (rule.caseInsensitive()) {
      c = c.guarded(nonAscii(t), CASE_REASON);
      t = lower(t);
    }
    if (rule.emptyIsNull()) {
      t = "NULLIF(" + t + ", '')";
    }
    return c.withText(t);
  }

  /**
   * SQL of exact numeric {@code value} rounded half-even to {@code scale} decimals (the value stays
   * exact: the scaled integer times a decimal literal).
   */
  default String roundHalfEven(String value, int scale) {
    String up = "1" + "0".repeat(scale);
    String down = scale == 0 ? "1" : "0." + "0".repeat(scale - 1) + "1";
    String y = "(" + value + " * " + up + ")";
    String t = truncate(y);
    return "(CASE WHEN ABS("
        + y
        + " - "
        + t
        + ") = 0.5 THEN "
        + t
        + " + SIGN("
        + y
        + ") * MOD(ABS("
        + t
        + "), 2) ELSE "
        + round(y)
        + " END * "
        + down
        + ")";
  }

  /**
   * The timestamp text truncated as {@code rule}'s precision says (text:
   * yyyy-MM-ddTHH:mm:ss.ffffffZ).
   */
  default String precision(String text, ColumnRule rule) {
    if (rule == null || rule.precision() == null) {
      return text;
    }
    return switch (rule.precision()) {
      case MILLIS -> leftThen(text, 23, "000Z");
      case SECONDS -> leftThen(text, 19, ".000000Z");
    };
  }

  /** A SQL string literal of {@code s}. */
  static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
