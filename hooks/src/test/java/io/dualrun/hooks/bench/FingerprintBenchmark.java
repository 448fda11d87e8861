package io.dualrun.hooks.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualrun.hooks.fingerprint.FingerprintCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Fingerprint throughput against the raw read cost, on a real PostgreSQL and a real MariaDB (the
 * servers of {@code FingerprintDatabasesIT}) and on a CSV file. For each database the table of
 * {@link BenchData} is generated server-side; then, in alternating rounds, (a) a plain JDBC {@code
 * SELECT *} reads every column of every row with {@code getObject}, with the fingerprinter's
 * streaming settings (auto-commit off, read-only, forward-only cursor, same fetch size), (b) {@code
 * dualrun fingerprint --table} runs in-process without a progress bar, and (c) the same with a key
 * ({@code --bucket-key id --buckets 64}). The CSV rounds do the same on the PostgreSQL table's
 * export: (a) is a parse of every field with the CSV reader's settings, (b) and (c) {@code dualrun
 * fingerprint --csv} with the columns typed. Then, per database, the in-database fingerprint
 * ({@code --pushdown}, without and with a key) against a plain select of the same rows (the table's
 * columns but its float, which the database cannot fingerprint exactly). Prints rows/s and the
 * median ratios fingerprint/read. Not part of the test suite. Arguments: rows (500000), rounds (3),
 * fetch size (10000), and {@code pushdown} to run only the in-database rounds.
 */
public final class FingerprintBenchmark {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String[] KEYED = {"--bucket-key", "id", "--buckets", "64"};

  private FingerprintBenchmark() {}

  /** One timed pass over all rows; returns the content hash (null for a plain read). */
  @FunctionalInterface
  interface Pass {
    String run() throws Exception;
  }

  /** A named pass. */
  record Named(String name, Pass pass) {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int fetchSize = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    boolean onlyPushdown = args.length > 3 && args[3].equals("pushdown");
    // Logging starts now, not on the first fingerprint's captured stdout, where its status lines
    // (printed when several logback-test.xml are on the class path) would precede the JSON.
    LoggerFactory.getLogger(FingerprintBenchmark.class);
    System.out.printf(
        "rows %d, rounds %d, fetch size %d, %d CPUs, Java %s%n",
        rows,
        rounds,
        fetchSize,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    List<String> summary = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    List<String> pushdownHashes = new ArrayList<>();
    Path csv = Files.createTempFile("fp-bench", ".csv");
    try {
      try (Server pg = Server.start("LocalPostgres", "jdbcUrl")) {
        BenchData.createPostgres(pg.url, rows);
        if (!onlyPushdown) {
          summary.addAll(run("PostgreSQL", jdbc(pg.url, fetchSize, rows), rows, rounds, hashes));
          BenchData.exportCsv(pg.url, csv);
        }
        summary.addAll(pushdown("PostgreSQL", pg.url, fetchSize, rows, rounds, pushdownHashes));
      }
      try (Server maria = Server.start("LocalMariaDb", "fpUrl")) {
        BenchData.createMariaDb(maria.url, rows);
        if (!onlyPushdown) {
          summary.addAll(run("MariaDB", jdbc(maria.url, fetchSize, rows), rows, rounds, hashes));
        }
        summary.addAll(pushdown("MariaDB", maria.url, fetchSize, rows, rounds, pushdownHashes));
      }
      if (!onlyPushdown) {
        summary.addAll(run("CSV", csv(csv, rows), rows, rounds, hashes));
      }
    } finally {
      Files.deleteIfExists(csv);
    }
    System.out.println();
    summary.forEach(System.out::println);
    if (!onlyPushdown) {
      System.out.println("content hashes " + hashes + equal(hashes));
    }
    System.out.println(
        "pushdown content hashes (columns without ratio) "
            + pushdownHashes
            + equal(pushdownHashes));
  }

  private static String equal(List<String> hashes) {
    return hashes.stream().map(h -> h.substring(h.indexOf('=') + 1)).distinct().count() == 1
        ? " (equal)"
        : " (DIFFERENT)";
  }

  /**
   * The plain read of {@link BenchData#PUSHDOWN_QUERY} (the table without its float column, which
   * the database cannot fingerprint exactly) against {@code dualrun fingerprint --pushdown} of the
   * same query, without and with a key; the client's fingerprint of the query, computed once, must
   * have the same content hash.
   */
  static List<String> pushdown(
      String database, String url, int fetchSize, int rows, int rounds, List<String> hashes)
      throws Exception {
    String[] query = {
      "--jdbc",
      url,
      "--query",
      BenchData.PUSHDOWN_QUERY,
      "--output",
      BenchData.TABLE,
      "--fetch-size",
      Integer.toString(fetchSize)
    };
    hashes.add(
        database
            + " client="
            + fingerprint(
                rows, concat(query, new String[] {"--no-pushdown", "--no-column-hashes"})));
    List<Named> passes =
        List.of(
            new Named("select", () -> select(url, fetchSize, rows, BenchData.PUSHDOWN_QUERY)),
            new Named(
                "pushdown", () -> fingerprint(rows, concat(query, new String[] {"--pushdown"}))),
            new Named(
                "keyed-pushdown",
                () -> fingerprint(rows, concat(concat(query, KEYED), new String[] {"--pushdown"}))),
            new Named(SHA256_ONLY, () -> sha256Only(url, rows)));
    return run(database + " pushdown", passes, rows, rounds, hashes);
  }

  /**
   * The floor of any in-database fingerprint whose row hash is SHA-256: one SHA-256 per row of the
   * shortest text a row can have (the key's digits), nothing else computed, counted in the database
   * (parallel workers allowed). Its ratio to the select is the most a pushdown can reach here.
   */
  static final String SHA256_ONLY = "sha256-only";

  static String sha256Only(String url, int rows) throws Exception {
    String sql =
        url.startsWith("jdbc:postgresql:")
            ? "SELECT count(*) FROM "
                + BenchData.TABLE
                + " WHERE sha256(convert_to(id::text, 'UTF8')) IS NOT NULL"
            : "SELECT count(*) FROM " + BenchData.TABLE + " WHERE SHA2(id, 256) IS NOT NULL";
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      if (rs.getLong(1) != rows) {
        throw new IllegalStateException(sql + " counted " + rs.getLong(1) + ", not " + rows);
      }
    }
    return null;
  }

  /** The read, the fingerprint and the keyed fingerprint of a database's table. */
  static List<Named> jdbc(String url, int fetchSize, int rows) {
    String[] table = {
      "--jdbc", url, "--table", BenchData.TABLE, "--fetch-size", Integer.toString(fetchSize)
    };
    return List.of(
        new Named("select", () -> select(url, fetchSize, rows, "SELECT * FROM " + BenchData.TABLE)),
        new Named("fingerprint", () -> fingerprint(rows, table)),
        new Named("keyed", () -> fingerprint(rows, concat(table, KEYED))));
  }

  /** The parse, the fingerprint and the keyed fingerprint of the CSV export. */
  static List<Named> csv(Path csv, int rows) {
    String[] file = concat(new String[] {"--csv", csv.toString()}, BenchData.CSV_TYPES);
    return List.of(
        new Named("parse", () -> parse(csv, rows)),
        new Named("fingerprint", () -> fingerprint(rows, file)),
        new Named("keyed", () -> fingerprint(rows, concat(file, KEYED))));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /**
   * Alternating rounds of {@code passes} (the first is the plain read the others are compared
   * with); returns the summary lines.
   */
  static List<String> run(
      String source, List<Named> passes, int rows, int rounds, List<String> hashes)
      throws Exception {
    System.out.println(source + ":");
    // Warm-up (JIT, server caches): one pass of each, not counted.
    for (Named p : passes) {
      p.pass().run();
    }
    double[][] rates = new double[passes.size()][rounds];
    double[][] ratios = new double[passes.size()][rounds];
    for (int r = 0; r < rounds; r++) {
      StringBuilder line = new StringBuilder("  round " + (r + 1) + ":");
      for (int p = 0; p < passes.size(); p++) {
        long t0 = System.nanoTime();
        String hash = passes.get(p).pass().run();
        rates[p][r] = rows / ((System.nanoTime() - t0) / 1e9);
        ratios[p][r] = rates[p][r] / rates[0][r];
        line.append(
            String.format(Locale.ROOT, " %s %.0f rows/s", passes.get(p).name(), rates[p][r]));
        line.append(p == 0 ? "," : String.format(Locale.ROOT, " (%.2f),", ratios[p][r]));
        if (hash != null && r == rounds - 1) {
          hashes.add(source + " " + passes.get(p).name() + "=" + hash);
        }
      }
      System.out.println(line);
    }
    List<String> summary = new ArrayList<>();
    for (int p = 1; p < passes.size(); p++) {
      summary.add(
          String.format(
                  Locale.ROOT,
                  "%-10s median: %s %.0f rows/s, %s %.0f rows/s, ratio %s/%s %.2f %s",
                  source,
                  passes.get(0).name(),
                  median(rates[0]),
                  passes.get(p).name(),
                  median(rates[p]),
                  passes.get(p).name(),
                  passes.get(0).name(),
                  median(ratios[p]),
                  Arrays.toString(round2(ratios[p])))
              + target(passes.get(0).name(), passes.get(p).name(), median(ratios[p])));
    }
    return summary;
  }

  /**
   * Against a plain JDBC select, the fingerprint's target is 0.7 of its throughput; the pushdown's
   * is 3 times it.
   */
  private static String target(String read, String pass, double ratio) {
    if (!read.equals("select")) {
      return "";
    }
    if (pass.equals(SHA256_ONLY)) {
      return " (the most a pushdown with a SHA-256 row hash can reach here)";
    }
    double target = pass.endsWith("pushdown") ? 3 : 0.7;
    return String.format(
        Locale.ROOT, " (target >= %s: %s)", target, ratio >= target ? "met" : "NOT met");
  }

  private static double[] round2(double[] values) {
    return Arrays.stream(values).map(v -> Math.round(v * 100) / 100.0).toArray();
  }

  /** Reads every column of every row with getObject, streamed like JdbcSource. */
  static String select(String url, int fetchSize, int expectedRows, String query) throws Exception {
    long count = 0;
    long nonNull = 0;
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      try (Statement s =
              c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
          ResultSet rs = executeQuery(s, fetchSize, query)) {
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
    check(count, expectedRows, nonNull);
    return null;
  }

  /** Parses every field of the CSV file with the settings of {@code CsvSource}. */
  static String parse(Path csv, int expectedRows) throws Exception {
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setNullString("")
            .setQuoteMode(QuoteMode.ALL_NON_NULL)
            .get();
    long count = 0;
    long nonNull = 0;
    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      for (CSVRecord r : parser) {
        for (int i = 0; i < r.size(); i++) {
          if (r.get(i) != null) {
            nonNull++;
          }
        }
        count++;
      }
    }
    check(count, expectedRows, nonNull);
    return null;
  }

  private static void check(long count, int expectedRows, long nonNull) {
    if (count != expectedRows || nonNull == 0) {
      throw new IllegalStateException("read " + count + " rows, expected " + expectedRows);
    }
  }

  private static ResultSet executeQuery(Statement s, int fetchSize, String query) throws Exception {
    s.setFetchSize(fetchSize);
    return s.executeQuery(query);
  }

  /** {@code dualrun fingerprint ARGS --no-progress} in-process; returns the content hash. */
  static String fingerprint(int expectedRows, String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    int exit;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      exit =
          new CommandLine(new FingerprintCommand())
              .execute(concat(args, new String[] {"--no-progress"}));
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
