package io.dualrun.hooks.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualrun.hooks.fingerprint.FingerprintCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Fingerprint throughput against the raw read cost, on a real PostgreSQL and a real MariaDB (the
 * servers of {@code FingerprintDatabasesIT}). For each database a table of N rows (bigint,
 * numeric(18,4), double, date, timestamp, text, nullable text) is generated server-side; then, in
 * alternating rounds, (a) a plain JDBC {@code SELECT *} reads every column of every row with {@code
 * getObject}, with the fingerprinter's streaming settings (auto-commit off, read-only, forward-only
 * cursor, same fetch size), and (b) {@code dualrun fingerprint --table} runs in-process without a
 * progress bar. Prints rows/s of both and the median ratio fingerprint/select. Not part of the test
 * suite. Arguments: rows (500000), rounds (3), fetch size (10000).
 */
public final class FingerprintBenchmark {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String TABLE = "fp_bench";

  private FingerprintBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int fetchSize = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    System.out.printf(
        "rows %d, rounds %d, fetch size %d, %d CPUs, Java %s%n",
        rows,
        rounds,
        fetchSize,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    List<String> summary = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    try (Server pg = Server.start("LocalPostgres", "jdbcUrl")) {
      createPostgres(pg.url, rows);
      summary.add(run("PostgreSQL", pg.url, rows, rounds, fetchSize, hashes));
    }
    try (Server maria = Server.start("LocalMariaDb", "fpUrl")) {
      createMariaDb(maria.url, rows);
      summary.add(run("MariaDB", maria.url, rows, rounds, fetchSize, hashes));
    }
    System.out.println();
    summary.forEach(System.out::println);
    System.out.println(
        "content hashes "
            + hashes
            + (hashes.stream().map(h -> h.substring(h.indexOf('=') + 1)).distinct().count() == 1
                ? " (equal)"
                : " (DIFFERENT)"));
  }

  /** Alternating rounds on one database; returns its summary line. */
  static String run(
      String name, String url, int rows, int rounds, int fetchSize, List<String> hashes)
      throws Exception {
    System.out.println(name + ":");
    // Warm-up (JIT, server caches): one pass of each, not counted.
    select(url, fetchSize, rows);
    fingerprint(url, fetchSize, rows);
    double[] selectRates = new double[rounds];
    double[] fingerprintRates = new double[rounds];
    double[] ratios = new double[rounds];
    String hash = null;
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      select(url, fetchSize, rows);
      long t1 = System.nanoTime();
      hash = fingerprint(url, fetchSize, rows);
      long t2 = System.nanoTime();
      selectRates[r] = rows / ((t1 - t0) / 1e9);
      fingerprintRates[r] = rows / ((t2 - t1) / 1e9);
      ratios[r] = fingerprintRates[r] / selectRates[r];
      System.out.printf(
          Locale.ROOT,
          "  round %d: select %.0f rows/s, fingerprint %.0f rows/s, ratio %.2f%n",
          r + 1,
          selectRates[r],
          fingerprintRates[r],
          ratios[r]);
    }
    hashes.add(name + "=" + hash);
    return String.format(
        Locale.ROOT,
        "%-10s median: select %.0f rows/s, fingerprint %.0f rows/s, ratio fingerprint/select"
            + " %.2f (target >= 0.7: %s)",
        name,
        median(selectRates),
        median(fingerprintRates),
        median(ratios),
        median(ratios) >= 0.7 ? "met" : "NOT met");
  }

  /** Reads every column of every row with getObject, streamed like JdbcSource. */
  static void select(String url, int fetchSize, int expectedRows) throws Exception {
    long count = 0;
    long nonNull = 0;
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      try (Statement s =
              c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
          ResultSet rs = executeQuery(s, fetchSize)) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= columns; i++) {
            if (rs.getObject(i) != null) {
              nonNull++;
            }
          }
          count++;
        }
      }
      c.rollback();
    }
    if (count != expectedRows || nonNull == 0) {
      throw new IllegalStateException("select read " + count + " rows, expected " + expectedRows);
    }
  }

  private static ResultSet executeQuery(Statement s, int fetchSize) throws Exception {
    s.setFetchSize(fetchSize);
    return s.executeQuery("SELECT * FROM " + TABLE);
  }

  /** {@code dualrun fingerprint --table} in-process; returns the content hash. */
  static String fingerprint(String url, int fetchSize, int expectedRows) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    int exit;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      exit =
          new CommandLine(new FingerprintCommand())
              .execute(
                  "--jdbc",
                  url,
                  "--table",
                  TABLE,
                  "--fetch-size",
                  Integer.toString(fetchSize),
                  "--no-progress");
    } finally {
      System.setOut(stdout);
    }
    if (exit != 0) {
      throw new IllegalStateException("dualrun fingerprint exited " + exit);
    }
    JsonNode json = MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
    if (json.path("rowCount").asLong() != expectedRows) {
      throw new IllegalStateException("fingerprint counted " + json.path("rowCount"));
    }
    return json.path("contentHash").asText();
  }

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

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * A database server of {@code FingerprintDatabasesIT} ({@code LocalPostgres}, {@code
   * LocalMariaDb}: package-private test helpers, reached reflectively from this package).
   */
  static final class Server implements AutoCloseable {
    final AutoCloseable database;
    final String url;

    private Server(AutoCloseable database, String url) {
      this.database = database;
      this.url = url;
    }

    static Server start(String simpleName, String urlMethod) throws Exception {
      Class<?> type = Class.forName("io.dualrun.hooks.fingerprint." + simpleName);
      Constructor<?> constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      AutoCloseable database = (AutoCloseable) constructor.newInstance();
      try {
        Method url = type.getDeclaredMethod(urlMethod);
        url.setAccessible(true);
        return new Server(database, (String) url.invoke(database));
      } catch (Exception e) {
        database.close();
        throw e;
      }
    }

    @Override
    public void close() throws Exception {
      database.close();
    }
  }
}
