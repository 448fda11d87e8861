package io.dualrun.hooks.bench;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * The benchmark's table, the same N rows generated server-side in PostgreSQL and in MariaDB ({@code
 * bigint} key, {@code numeric(18,4)}, {@code double}, {@code date}, {@code timestamp}, a text, a
 * text null in every fourth row), and its export to a CSV file in the form {@code dualrun
 * fingerprint --csv} reads (header line, null as an empty unquoted field, other values quoted).
 */
final class BenchData {
  static final String TABLE = "fp_bench";

  /** The table without its float column: what the database can fingerprint exactly. */
  static final String PUSHDOWN_QUERY = "SELECT id, amount, day, ts, name, note FROM " + TABLE;

  /** The {@code --type} options that type the CSV export's columns like the table's. */
  static final String[] CSV_TYPES = {
    "--type", "id=integer",
    "--type", "amount=decimal",
    "--type", "ratio=float",
    "--type", "day=date",
    "--type", "ts=timestamp"
  };

  private BenchData() {}

  static void createPostgres(String url, int rows) throws Exception {
    long t0 = System.nanoTime();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE "
              + TABLE
              + " (id bigint PRIMARY KEY, amount numeric(18,4), ratio double precision,"
              + " day date, ts timestamp, name text, note text)");
      s.execute(
          "INSERT INTO "
              + TABLE
              + " SELECT g, ((g * 7919) % 100000000)::numeric / 10000, g::float8 / 7,"
              + " date '2000-01-01' + (g % 10000)::int,"
              + " timestamp '2020-01-01 00:00:00' + (g * 61) * interval '1 second'"
              + " + (g % 1000000) * interval '1 microsecond',"
              + " 'name-' || g || CASE WHEN g % 10 = 0 THEN ' é€' ELSE '' END,"
              + " CASE WHEN g % 4 = 0 THEN NULL ELSE 'note ' || g END"
              + " FROM generate_series(1::bigint, "
              + rows
              + ") AS g");
      s.execute("VACUUM ANALYZE " + TABLE);
    }
    System.out.printf(
        "PostgreSQL: %d rows loaded in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
  }

  static void createMariaDb(String url, int rows) throws Exception {
    long t0 = System.nanoTime();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE "
              + TABLE
              + " (id bigint PRIMARY KEY, amount decimal(18,4), ratio double, day date,"
              + " ts datetime(6), name text, note text) CHARACTER SET utf8mb4");
      s.execute(
          "INSERT INTO "
              + TABLE
              + " SELECT seq, (seq * 7919 % 100000000) / 10000, CAST(seq AS DOUBLE) / 7,"
              + " DATE '2000-01-01' + INTERVAL (seq % 10000) DAY,"
              + " TIMESTAMP '2020-01-01 00:00:00' + INTERVAL (seq * 61) SECOND"
              + " + INTERVAL (seq % 1000000) MICROSECOND,"
              + " CONCAT('name-', seq, IF(seq % 10 = 0, ' é€', '')),"
              + " IF(seq % 4 = 0, NULL, CONCAT('note ', seq))"
              + " FROM seq_1_to_"
              + rows);
      s.execute("ANALYZE TABLE " + TABLE);
    }
    System.out.printf("MariaDB: %d rows loaded in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
  }

  /** Writes the table's rows, as the driver's texts, to {@code csv}. */
  static void exportCsv(String url, Path csv) throws Exception {
    CSVFormat format = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL_NON_NULL).get();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + TABLE);
        Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
        CSVPrinter out = new CSVPrinter(w, format)) {
      int columns = rs.getMetaData().getColumnCount();
      for (int i = 1; i <= columns; i++) {
        out.print(rs.getMetaData().getColumnLabel(i));
      }
      out.println();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          out.print(rs.getString(i));
        }
        out.println();
      }
    }
  }
}
