package io.dualrun.hooks.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualrun.hooks.diff.DiffCommand;
import io.dualrun.hooks.fingerprint.InDatabaseBuckets;
import io.dualrun.schemas.normalise.Normalisation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/**
 * dualrun diff against one in-database checksum pass (not a test; figures in docs/diff.md): a
 * PostgreSQL server holds the benchmark's table twice, the copy with 10 keys planted different (6
 * changed cells, 2 rows deleted, 2 inserted); the diff's time is divided by the time of one
 * in-database checksum pass over one table (the bucket sums at the first level), and the bytes that
 * left the two sides by the table's size on disk. Both in one process and one run.
 *
 * <pre>
 * DiffBenchmark [rows, default 1000000] [buckets, default 64 and 4096]
 * </pre>
 */
public final class DiffBenchmark {
  private static final String COPY = BenchData.TABLE + "_c";

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    List<Integer> fanOuts =
        args.length > 1 ? List.of(Integer.parseInt(args[1])) : List.of(64, 4096);
    try (FingerprintBenchmark.Server pg =
        FingerprintBenchmark.Server.start("LocalPostgres", "jdbcUrl")) {
      BenchData.createPostgres(pg.url, rows);
      long size = plant(pg.url);
      double checksum = Double.MAX_VALUE;
      for (int round = 0; round < 2; round++) {
        checksum = Math.min(checksum, checksumSeconds(pg.url));
      }
      System.out.printf(
          "one in-database checksum pass over %d rows: %.2f s (%,d bytes on disk)%n",
          rows, checksum, size);
      for (int fanOut : fanOuts) {
        long t0 = System.nanoTime();
        JsonNode r = diff(pg.url, fanOut);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long crossed =
            r.path("bytesSent").path("baseline").asLong()
                + r.path("bytesSent").path("candidate").asLong();
        System.out.printf(
            "diff --buckets %d: %s, %d differences %s, %d levels, %.2f s = %.2f x the checksum"
                + " pass; %,d bytes crossed = %.5f %% of the table%n",
            fanOut,
            r.path("status").asText(),
            r.path("differences").size(),
            r.path("counts"),
            r.path("levels").size(),
            seconds,
            seconds / checksum,
            crossed,
            100.0 * crossed / size);
      }
    }
  }

  /** The copy, with 10 keys made different; the table's size on disk. */
  private static long plant(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + COPY + " AS SELECT * FROM " + BenchData.TABLE);
      s.execute(
          "UPDATE " + COPY + " SET note = 'changed' WHERE id IN (11, 2222, 33333, 4444, 55, 666)");
      s.execute("DELETE FROM " + COPY + " WHERE id IN (7, 77777)");
      s.execute(
          "INSERT INTO "
              + COPY
              + " SELECT id + 100000000, amount, ratio, day, ts, name, note FROM "
              + BenchData.TABLE
              + " WHERE id IN (1, 2)");
      s.execute("VACUUM ANALYZE " + COPY);
      try (ResultSet rs = s.executeQuery("SELECT pg_relation_size('" + BenchData.TABLE + "')")) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static double checksumSeconds(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url)) {
      long t0 = System.nanoTime();
      new InDatabaseBuckets(
              c, BenchData.PUSHDOWN_QUERY, List.of(), List.of("id"), Normalisation.NONE, false)
          .sums(64, 1, Set.of(0L));
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  private static JsonNode diff(String url, int fanOut) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DiffCommand command = new DiffCommand();
    java.lang.reflect.Field field = DiffCommand.class.getDeclaredField("out");
    field.setAccessible(true);
    field.set(command, new PrintStream(out, true, StandardCharsets.UTF_8));
    int code =
        new CommandLine(command)
            .execute(
                "--key",
                "id",
                "--baseline-jdbc",
                url,
                "--baseline-query",
                BenchData.PUSHDOWN_QUERY,
                "--candidate-jdbc",
                url,
                "--candidate-query",
                BenchData.PUSHDOWN_QUERY.replace(BenchData.TABLE, COPY),
                "--buckets",
                Integer.toString(fanOut),
                "--format",
                "json");
    if (code != 1) {
      throw new IllegalStateException("dualrun diff exited " + code + ": " + out);
    }
    return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
  }
}
