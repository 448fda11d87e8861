package io.dualrun.hooks.fingerprint;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A table with a column of every type the in-database fingerprint supports, in PostgreSQL and in
 * MariaDB, each column null in some rows and holding edge values in others (non-ASCII and
 * supplementary characters, U+FFFD against an emoji for the text order, trailing whitespace in
 * CHAR, half-way decimals for scale=N, local times repeated and skipped by Paris's clock changes).
 */
final class EveryTypeTable {
  static final int ROWS = 240;

  /** A column: name, SQL type, and the value of row i (an SQL literal, or NULL). */
  record Col(String name, String type, IntFunction<String> literal) {}

  private EveryTypeTable() {}

  static final String[] TEXTS = {
    "plain", "", "é€", "😀 smile", "\uFFFD replacement", "tab\t", "  padded  ", "MiXeD", "a'quote"
  };

  static String text(int i) {
    return TEXTS[i % TEXTS.length] + (i % 7 == 0 ? "" : "-" + i);
  }

  static String quoted(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** NULL in one row of every {@code every}, shifted by {@code shift}. */
  static IntFunction<String> nullable(int every, int shift, IntFunction<String> value) {
    return i -> (i + shift) % every == 0 ? "NULL" : value.apply(i);
  }

  static String decimal(int i) {
    // half-way values at one decimal (x.x5), negatives, zeros with a scale, large values
    return switch (i % 6) {
      case 0 -> "0.00";
      case 1 -> (i % 12 == 1 ? "-" : "") + (i / 6) + ".25";
      case 2 -> (i / 6) + ".35";
      case 3 -> "-" + (i / 6) + ".05";
      case 4 -> "1234567890.10";
      default -> Integer.toString(i * 37 % 1000);
    };
  }

  static String localTime(int i) {
    // around the end (2026-10-25 02:00–03:00 repeated) and start (2026-03-29 02:00–03:00 skipped)
    // of summer time in Paris, and ordinary times with microseconds
    return switch (i % 4) {
      case 0 -> "2026-10-25 02:" + String.format("%02d", i % 60) + ":07.123456";
      case 1 -> "2026-03-29 02:" + String.format("%02d", i % 60) + ":00.000999";
      case 2 -> "1969-12-31 23:59:59.999999";
      default -> "2026-11-20 07:05:" + String.format("%02d", i % 60) + "." + (100000 + i);
    };
  }

  static List<Col> postgres() {
    return List.of(
        new Col("id", "integer", Integer::toString),
        new Col("i2", "smallint", nullable(11, 1, i -> Integer.toString(i % 2 == 0 ? -i : i))),
        new Col(
            "i8",
            "bigint",
            nullable(13, 2, i -> i % 5 == 0 ? "-9223372036854775808" : (i * 1_000_003L) + "")),
        new Col("amount", "numeric(12,2)", nullable(9, 3, EveryTypeTable::decimal)),
        new Col(
            "big",
            "numeric(38,10)",
            nullable(10, 4, i -> "123456789012345678901234567." + (i * 7919 % 10000))),
        new Col("plain", "numeric", nullable(12, 5, i -> i % 3 == 0 ? "1e-20" : "100.000")),
        new Col("flag", "boolean", nullable(5, 1, i -> i % 2 == 0 ? "true" : "false")),
        new Col(
            "day",
            "date",
            nullable(
                8,
                2,
                i -> quoted(i % 3 == 0 ? "9999-12-31" : "2026-0" + (1 + i % 9) + "-1" + (i % 10)))),
        new Col("ts", "timestamp(6)", nullable(7, 3, i -> quoted(localTime(i)))),
        new Col(
            "tstz",
            "timestamptz",
            nullable(6, 4, i -> quoted(localTime(i) + (i % 2 == 0 ? "+05:30" : "-08:00")))),
        new Col(
            "clock",
            "time",
            nullable(
                9,
                5,
                i ->
                    quoted(
                        i % 3 == 0
                            ? "24:00:00"
                            : i % 3 == 1 ? "00:00:00" : "13:04:05.12345" + (i % 10)))),
        new Col(
            "code", "char(8)", nullable(10, 6, i -> quoted(i % 4 == 0 ? "x\t" : "C" + (i % 50)))),
        new Col("name", "varchar(40)", nullable(11, 7, i -> quoted(text(i)))),
        new Col("note", "text", nullable(12, 8, i -> quoted(text(i + 3)))),
        new Col(
            "bytes",
            "bytea",
            nullable(
                7,
                1,
                i ->
                    i % 3 == 0
                        ? "'\\x'::bytea"
                        : "'\\x00ab" + String.format("%02x", i % 256) + "'::bytea")),
        new Col(
            "uid", "uuid", nullable(8, 3, i -> quoted(new java.util.UUID(i * 31L, i).toString()))),
        new Col("doc", "json", nullable(6, 2, i -> quoted("{\"b\": " + i + ",  \"a\": \"é\"}"))),
        new Col(
            "docb", "jsonb", nullable(5, 2, i -> quoted("{\"b\": " + i + ",  \"a\": \"😀\"}"))));
  }

  static List<Col> mariadb() {
    return List.of(
        new Col("id", "int", Integer::toString),
        new Col(
            "ti",
            "tinyint",
            nullable(11, 1, i -> Integer.toString(i % 2 == 0 ? -(i % 128) : i % 128))),
        new Col("u8", "tinyint unsigned", nullable(12, 2, i -> Integer.toString(i % 256))),
        new Col("si", "smallint", nullable(13, 3, i -> Integer.toString(-i * 100))),
        new Col("mi", "mediumint", nullable(9, 4, i -> Integer.toString(i * 1000))),
        new Col(
            "ub",
            "bigint unsigned",
            nullable(
                10,
                5,
                i -> i % 4 == 0 ? "18446744073709551615" : Long.toString(i * 1_000_000_007L))),
        new Col(
            "i8",
            "bigint",
            nullable(
                8, 6, i -> i % 5 == 0 ? "-9223372036854775808" : Long.toString(i * 1_000_003L))),
        new Col("amount", "decimal(12,2)", nullable(9, 7, EveryTypeTable::decimal)),
        new Col(
            "big",
            "decimal(38,10)",
            nullable(7, 1, i -> "1234567890123456789012345678." + (i * 7919 % 10000))),
        new Col("flag", "tinyint(1)", nullable(5, 2, i -> Integer.toString(i % 3))),
        new Col("bit1", "bit(1)", nullable(6, 3, i -> i % 2 == 0 ? "b'1'" : "b'0'")),
        new Col("bool2", "boolean", nullable(7, 4, i -> i % 2 == 0 ? "true" : "false")),
        new Col(
            "day",
            "date",
            nullable(
                8,
                5,
                i -> quoted(i % 3 == 0 ? "9999-12-31" : "2026-0" + (1 + i % 9) + "-1" + (i % 10)))),
        new Col("dt", "datetime(6)", nullable(7, 6, i -> quoted(localTime(i)))),
        new Col(
            "ts",
            "timestamp(6) NULL",
            nullable(
                6,
                1,
                i -> quoted(localTime(i).replace("1969-12-31 23:59:59", "1970-01-02 00:00:01")))),
        new Col(
            "clock",
            "time(6)",
            nullable(9, 2, i -> quoted(i % 2 == 0 ? "00:00:00" : "23:59:59.99999" + (i % 10)))),
        new Col(
            "code", "char(8)", nullable(10, 3, i -> quoted(i % 4 == 0 ? "x\t" : "C" + (i % 50)))),
        new Col("name", "varchar(40)", nullable(11, 4, i -> quoted(text(i)))),
        new Col("note", "text", nullable(12, 5, i -> quoted(text(i + 3)))),
        new Col(
            "bytes",
            "varbinary(16)",
            nullable(
                7, 6, i -> i % 3 == 0 ? "X''" : "X'00ab" + String.format("%02x", i % 256) + "'")),
        new Col("blb", "blob", nullable(8, 7, i -> "X'" + String.format("%02x", i % 256) + "ff'")),
        new Col(
            "uid", "uuid", nullable(8, 1, i -> quoted(new java.util.UUID(i * 31L, i).toString()))),
        new Col("doc", "json", nullable(6, 2, i -> quoted("{\"b\": " + i + ",  \"a\": \"é\"}"))));
  }

  /** Creates {@code table} with {@code columns} and {@code rows} rows (none for an empty table). */
  static void create(Connection c, String table, List<Col> columns, int rows, String options)
      throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
      List<String> defs = new ArrayList<>();
      columns.forEach(col -> defs.add(col.name() + " " + col.type()));
      s.execute("CREATE TABLE " + table + " (" + String.join(", ", defs) + ")" + options);
    }
    String names = String.join(", ", columns.stream().map(Col::name).toList());
    try (Statement s = c.createStatement()) {
      for (int i = 0; i < rows; i++) {
        int row = i;
        List<String> values = columns.stream().map(col -> col.literal().apply(row)).toList();
        s.addBatch(
            "INSERT INTO " + table + " (" + names + ") VALUES (" + String.join(", ", values) + ")");
      }
      s.executeBatch();
    }
  }
}
