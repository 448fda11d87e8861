package io.dualrun.hooks.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualrun.hooks.fingerprint.Databases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * dualrun diff between a real PostgreSQL (baseline) and a real MariaDB (candidate) holding the same
 * rows but for planted differences: rows deleted, rows inserted, cells changed. Keys are an
 * integer, a composite (text, integer) and a text; the text keys differ only in case or accents,
 * which MariaDB's utf8mb4_general_ci collation calls equal and PostgreSQL's "C" collation orders
 * apart: the diff must still find exactly the planted keys (buckets are by key hash, not range).
 */
class DiffDatabasesIT {
  private static final String[] REGIONS = {"a", "A", "b", "B", "e", "é", "É", "_x", "Zz", "zz"};
  private static Databases dbs;
  private String lastErr = "";

  @BeforeAll
  static void start() throws Exception {
    dbs = Databases.start();
  }

  @AfterAll
  static void stop() throws Exception {
    Databases.stop(dbs);
  }

  record Row(String region, long id, String amount, String note) {}

  static List<Row> rows(int n, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      String note = random.nextInt(10) == 0 ? null : "note " + random.nextInt(1000);
      rows.add(
          new Row(REGIONS[i % REGIONS.length], i, (random.nextInt(100_000) / 100.0) + "", note));
    }
    return rows;
  }

  static void load(Connection c, String table, String regionType, List<Row> rows) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
      s.execute(
          "CREATE TABLE "
              + table
              + " (region "
              + regionType
              + ", id bigint, amount decimal(12,2), note varchar(40))");
    }
    c.setAutoCommit(false);
    try (PreparedStatement p =
        c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?)")) {
      for (Row r : rows) {
        p.setString(1, r.region());
        p.setLong(2, r.id());
        p.setBigDecimal(3, new java.math.BigDecimal(r.amount()));
        p.setString(4, r.note());
        p.addBatch();
      }
      p.executeBatch();
    }
    c.commit();
    c.setAutoCommit(true);
  }

  /** The planted differences, as "kind key" lines the diff's JSON must give. */
  static Set<String> plant(List<Row> candidate, String keyOf) {
    Set<String> expected = new TreeSet<>();
    Row gone1 = candidate.remove(100);
    Row gone2 = candidate.remove(2000);
    expected.add("only-in-baseline " + key(gone1, keyOf));
    expected.add("only-in-baseline " + key(gone2, keyOf));
    Row added = new Row("é", 90_001, "1.00", "new");
    candidate.add(added);
    expected.add("only-in-candidate " + key(added, keyOf));
    for (int at : new int[] {5, 777, 2500}) {
      Row r = candidate.get(at);
      candidate.set(at, new Row(r.region(), r.id(), r.amount(), "changed " + at));
      expected.add("changed " + key(r, keyOf) + " note");
    }
    return expected;
  }

  private static String key(Row r, String keyOf) {
    return switch (keyOf) {
      case "id" -> "[" + r.id() + "]";
      case "region,id" -> "[" + r.region() + ", " + r.id() + "]";
      default -> "[" + r.region() + "|" + r.id() + "]";
    };
  }

  /**
   * A baseline in a PostgreSQL database encoded LATIN1: its sums are not asked of the database (its
   * SQL is UTF8's), it is read by this process, and the differences are found all the same.
   */
  @Test
  void aLatin1BaselineIsReadByThisProcess() throws Exception {
    List<Row> baseline = rows(3000, 7);
    List<Row> candidate = new ArrayList<>(baseline);
    Set<String> planted = plant(candidate, "id");
    String latin1 = dbs.latin1Postgres();
    try (Connection c = java.sql.DriverManager.getConnection(latin1)) {
      load(c, "diff_latin1", "varchar(8)", baseline);
    }
    load(dbs.mariadbConnection(), "diff_latin1", "varchar(8)", candidate);
    JsonNode json = diffAt(latin1, "diff_latin1", "id");
    assertThat(json.path("status").asText()).isEqualTo("DIFFERENT");
    assertThat(found(json)).isEqualTo(planted);
    assertThat(lastErr)
        .contains("the baseline is read by this process")
        .contains("the PostgreSQL database's encoding is LATIN1");
  }

  private JsonNode diff(String table, String key, String... more) throws Exception {
    return diffAt(dbs.postgresUrl(), table, key, more);
  }

  private JsonNode diffAt(String baselineUrl, String table, String key, String... more)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    DiffCommand command = new DiffCommand();
    command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    List<String> args =
        new ArrayList<>(
            List.of(
                "--key",
                key,
                "--baseline-jdbc",
                baselineUrl,
                "--baseline-table",
                table,
                "--candidate-jdbc",
                dbs.mariadbUrl(),
                "--candidate-table",
                table,
                "--buckets",
                "16",
                "--max-rows",
                "40",
                "--format",
                "json"));
    args.addAll(List.of(more));
    int code = new CommandLine(command).execute(args.toArray(String[]::new));
    lastErr = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isIn(0, 1);
    JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(code == 0).isEqualTo(json.path("status").asText().equals("EQUAL"));
    return json;
  }

  static Set<String> found(JsonNode json) {
    Set<String> found = new TreeSet<>();
    for (JsonNode d : json.path("differences")) {
      List<String> key = new ArrayList<>();
      d.path("key").forEach(k -> key.add(k.asText()));
      StringBuilder line = new StringBuilder(d.path("kind").asText()).append(' ').append(key);
      d.path("changed").forEach(c -> line.append(' ').append(c.path("column").asText()));
      found.add(line.toString());
    }
    return found;
  }

  private void compare(String table, String key, String keyOf) throws Exception {
    List<Row> baseline = rows(3000, table.hashCode());
    List<Row> candidate = new ArrayList<>(baseline);
    Set<String> expected = plant(candidate, keyOf);
    load(dbs.postgresConnection(), table, "varchar(8) COLLATE \"C\"", baseline);
    load(dbs.mariadbConnection(), table, "varchar(8) COLLATE utf8mb4_general_ci", candidate);

    JsonNode json = diff(table, key);

    assertThat(found(json)).isEqualTo(expected);
    assertThat(json.path("partial").isNull()).as(json.toPrettyString()).isTrue();
    assertThat(json.path("levels").size()).as("split below the first level").isGreaterThan(1);
    for (String side : List.of("baseline", "candidate")) {
      assertThat(json.path("bytesSent").path(side).asLong())
          .as(side + " sent far less than its rows (3000 rows of ~30 bytes)")
          .isLessThan(3000 * 30 / 5);
    }
  }

  @Test
  void anIntegerKey() throws Exception {
    compare("diff_int", "id", "id");
  }

  @Test
  void theDatabasesAnswerAsThisProcessWouldAndAFloatColumnIsReadHere() throws Exception {
    compare("diff_same", "id", "id");
    JsonNode inDatabase = diff("diff_same", "id");
    assertThat(lastErr).as("both databases answered themselves").isEmpty();
    JsonNode scanned = diff("diff_same", "id", "--no-pushdown");
    assertThat(found(inDatabase)).isEqualTo(found(scanned));
    assertThat(inDatabase.path("differences")).isEqualTo(scanned.path("differences"));
    assertThat(inDatabase.path("levels")).isEqualTo(scanned.path("levels"));

    for (Connection c : List.of(dbs.postgresConnection(), dbs.mariadbConnection())) {
      try (c;
          Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS diff_float");
        s.execute("CREATE TABLE diff_float (id bigint, ratio double precision)");
        s.execute("INSERT INTO diff_float VALUES (1, 0.1), (2, 2.5), (3, 1e-7)");
      }
    }
    try (Connection c = dbs.mariadbConnection();
        Statement s = c.createStatement()) {
      s.execute("UPDATE diff_float SET ratio = 2.25 WHERE id = 2");
    }
    JsonNode floats = diff("diff_float", "id");
    assertThat(found(floats)).containsExactly("changed [2] ratio");
    assertThat(lastErr).contains("is read by this process").contains("ratio");
  }

  @Test
  void aCompositeKeyOfTextAndInteger() throws Exception {
    compare("diff_composite", "region,id", "region,id");
  }

  @Test
  void equalRowsUnderDifferentCollationsAndAWhereOnEachSide() throws Exception {
    List<Row> rows = rows(500, 7);
    load(dbs.postgresConnection(), "diff_where", "varchar(8) COLLATE \"C\"", rows);
    List<Row> candidate = new ArrayList<>(rows);
    candidate.add(new Row("A", 9_999, "9.99", "late row"));
    load(dbs.mariadbConnection(), "diff_where", "varchar(8) COLLATE utf8mb4_general_ci", candidate);

    assertThat(diff("diff_where", "region,id").path("status").asText()).isEqualTo("DIFFERENT");
    JsonNode where =
        diff(
            "diff_where",
            "region,id",
            "--baseline-where",
            "id < 9000",
            "--candidate-where",
            "id < 9000");
    assertThat(where.path("status").asText()).isEqualTo("EQUAL");
    assertThat(where.path("rows").path("candidate").asLong()).isEqualTo(500);
  }

  @Test
  void postgresRowsAgainstTheFingerprintMariaDbComputedItself() throws Exception {
    List<Row> baseline = rows(3000, 20261205L);
    List<Row> candidate = new ArrayList<>(baseline);
    Set<String> planted = plant(candidate, "id");
    load(dbs.postgresConnection(), "diff_fp", "varchar(8) COLLATE \"C\"", baseline);
    load(dbs.mariadbConnection(), "diff_fp", "varchar(8) COLLATE utf8mb4_general_ci", candidate);
    io.dualrun.hooks.fingerprint.FingerprintRun made =
        io.dualrun.hooks.fingerprint.FingerprintRun.of(
            "--jdbc",
            dbs.mariadbUrl(),
            "--table",
            "diff_fp",
            "--bucket-key",
            "id",
            "--buckets",
            "256",
            "--no-column-hashes");
    assertThat(made.exit()).as(made.err()).isZero();
    assertThat(made.err()).contains("computed in the database");
    java.nio.file.Path file = java.nio.file.Files.createTempFile("candidate", ".json");
    java.nio.file.Files.writeString(file, made.out());
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      DiffCommand command = new DiffCommand();
      command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
      command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
      int code =
          new CommandLine(command)
              .execute(
                  "--key",
                  "id",
                  "--baseline-jdbc",
                  dbs.postgresUrl(),
                  "--baseline-table",
                  "diff_fp",
                  "--candidate-fingerprint",
                  file.toString(),
                  "--format",
                  "json");
      assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8)).as("PostgreSQL answered itself").isEmpty();
      JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
      Set<String> found = found(json);
      Set<String> foundKeys = new TreeSet<>();
      found.forEach(f -> foundKeys.add(f.substring(f.indexOf('['), f.indexOf(']') + 1)));
      for (String p : planted) {
        String plantedKey = p.substring(p.indexOf('['), p.indexOf(']') + 1);
        if (p.startsWith("only-in-baseline")) {
          assertThat(found).as("a row only PostgreSQL holds, singled out").contains(p);
        } else if (p.startsWith("changed")) {
          assertThat(foundKeys).as("a changed row is among its bucket's rows").contains(plantedKey);
        }
      }
      assertThat(json.path("counts").path("only-in-candidate").asInt()).isZero();
      assertThat(json.path("rows").path("candidate").asLong()).isEqualTo(candidate.size());
      assertThat(json.path("levels").get(0).path("bucketsDiffering").asInt())
          .as("one bucket per planted difference at most")
          .isBetween(1, planted.size());
      assertThat(found.size())
          .as("only the rows of the differing buckets")
          .isLessThan(3000 / 256 * planted.size() * 3);
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
  }
}
