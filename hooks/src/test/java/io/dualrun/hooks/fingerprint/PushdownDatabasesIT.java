package io.dualrun.hooks.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualrun.schemas.normalise.Normalisation;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fingerprint computed in a real PostgreSQL and a real MariaDB ({@code --pushdown}) equals the
 * client's ({@code --no-pushdown}) field for field, on a table with a column of every supported
 * type and nulls in each, without and with a key (one column, two columns) and normalisation rules;
 * only aggregates leave the database; what has no exact SQL form is refused naming the column.
 */
class PushdownDatabasesIT {
  static final String TABLE = "every_type";
  static final List<String> FIELDS =
      List.of("rowCount", "contentHash", "schema", "columns", "buckets", "normalisation");

  /** Rules on every kind of column, for each database (the side each rename names). */
  static final List<String> PG_RULES =
      List.of(
          "--normalise", "amount:scale=1",
          "--normalise", "i8:scale=0",
          "--normalise", "big:scale=3",
          "--normalise", "ts:precision=ms,timezone=Europe/Paris",
          "--normalise", "tstz:precision=s",
          "--normalise", "name:trim,empty-is-null",
          "--normalise", "code:case-insensitive",
          "--normalise", "doc:trim",
          "--normalise", "label:baseline=note",
          "--side", "baseline");

  static final List<String> MARIADB_RULES =
      List.of(
          "--normalise", "amount:scale=1",
          "--normalise", "ub:scale=0",
          "--normalise", "big:scale=3",
          "--normalise", "dt:precision=ms,timezone=+02:00",
          "--normalise", "ts:precision=s",
          "--normalise", "name:trim,empty-is-null",
          "--normalise", "code:case-insensitive",
          "--normalise", "label:candidate=note",
          "--side", "candidate");

  static Databases dbs;

  @BeforeAll
  static void start() throws Exception {
    dbs = Databases.start();
    try (Connection c = dbs.postgresConnection()) {
      EveryTypeTable.create(c, TABLE, EveryTypeTable.postgres(), EveryTypeTable.ROWS, "");
      EveryTypeTable.create(c, "empty_type", EveryTypeTable.postgres(), 0, "");
      floats(c, "real", "double precision", true);
    }
    try (Connection c = dbs.mariadbConnection()) {
      String utf8 = " CHARACTER SET utf8mb4";
      EveryTypeTable.create(c, TABLE, EveryTypeTable.mariadb(), EveryTypeTable.ROWS, utf8);
      EveryTypeTable.create(c, "empty_type", EveryTypeTable.mariadb(), 0, utf8);
      floats(c, "float", "double", false);
    }
  }

  /** Table floats (id, f4, f8) with -0.0, 1e21, tiny values and, where allowed, NaN, ±Infinity. */
  static void floats(Connection c, String f4, String f8, boolean nonFinite) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE floats (id integer, f4 " + f4 + ", f8 " + f8 + ")");
      List<String> values =
          new ArrayList<>(
              List.of(
                  "(1, -0.0, -0.0)", "(2, 1e21, 1e21)", "(3, 1e-30, 4.9e-324)", "(4, 0.1, 0.1)"));
      values.add("(5, NULL, NULL)");
      if (nonFinite) {
        values.add("(6, 'NaN', 'Infinity')");
        values.add("(7, '-Infinity', 'NaN')");
      }
      s.execute("INSERT INTO floats VALUES " + String.join(", ", values));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    Databases.stop(dbs);
  }

  static String pg() {
    return dbs.postgres.jdbcUrl();
  }

  static String maria() {
    return dbs.mariadb.fpUrl();
  }

  @Test
  void postgresPushdownEqualsTheClientPath() throws Exception {
    assertSamePaths(pg(), TABLE, "PostgreSQL", PG_RULES);
  }

  @Test
  void mariadbPushdownEqualsTheClientPath() throws Exception {
    assertSamePaths(maria(), TABLE, "MariaDB", MARIADB_RULES);
  }

  /**
   * Sessions that read backslashes in string literals otherwise (PostgreSQL with {@code
   * standard_conforming_strings} off, MariaDB with {@code NO_BACKSLASH_ESCAPES}, in ANSI mode too:
   * double quotes for names, {@code ||} for concatenation): the SQL's patterns and bytes mean the
   * same, so the fingerprints are the client path's still.
   */
  @Test
  void sessionsReadingBackslashesOtherwiseGiveTheSameFingerprints() throws Exception {
    String pgOff = pg() + "&options=-c%20standard_conforming_strings%3Doff";
    assertThat(setting(pgOff, "SHOW standard_conforming_strings")).isEqualTo("off");
    assertSame(pgOff, TABLE, PG_RULES);
    String mariaAnsi = maria() + "&sessionVariables=sql_mode='NO_BACKSLASH_ESCAPES,ANSI'";
    assertThat(setting(mariaAnsi, "SELECT @@SESSION.sql_mode"))
        .contains("NO_BACKSLASH_ESCAPES", "ANSI_QUOTES", "PIPES_AS_CONCAT");
    assertSame(mariaAnsi, TABLE, MARIADB_RULES);
  }

  private static String setting(String url, String query) throws Exception {
    try (Connection c = java.sql.DriverManager.getConnection(url);
        Statement s = c.createStatement();
        java.sql.ResultSet r = s.executeQuery(query)) {
      assertThat(r.next()).isTrue();
      return r.getString(1);
    }
  }

  /**
   * A PostgreSQL database in another encoding than UTF8 (LATIN1): the SQL is refused naming the
   * encoding (its text lengths, order and characters are UTF-8's), and by default the client
   * computes the fingerprint.
   */
  @Test
  void aLatin1DatabaseIsReadByTheClient() throws Exception {
    String latin1 = dbs.latin1Postgres();
    try (Connection c = java.sql.DriverManager.getConnection(latin1);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE names (id integer, name text, code char(6))");
      s.execute(
          "INSERT INTO names VALUES (1, 'École  ', 'ÉTÉ'), (2, 'plain', 'ABC'), (3, NULL, NULL)");
    }
    FingerprintRun forced = run(latin1, "names", List.of("--pushdown"));
    assertThat(forced.exit()).as(forced.err()).isEqualTo(2);
    assertThat(forced.err()).contains("the PostgreSQL database's encoding is LATIN1");
    List<String> options = List.of("--normalise", "name:trim", "--no-column-hashes");
    FingerprintRun byDefault = run(latin1, "names", options);
    assertThat(byDefault.err()).contains("computed by the client").contains("LATIN1");
    JsonNode client = json(run(latin1, "names", concat(options, List.of("--no-pushdown"))));
    for (String field : FIELDS) {
      assertThat(json(byDefault).path(field)).as(field).isEqualTo(client.path(field));
    }
    assertThat(client.path("rowCount").asLong()).isEqualTo(3);
  }

  @Test
  void anEmptyTableGivesTheSameFingerprint() throws Exception {
    for (String url : List.of(pg(), maria())) {
      JsonNode p = assertSame(url, "empty_type", List.of("--bucket-key", "id", "--buckets", "4"));
      assertThat(p.path("rowCount").asLong()).isZero();
      assertThat(p.path("contentHash").asText()).isEqualTo("0000000000000000");
      assertSame(url, "empty_type", List.of());
    }
  }

  /**
   * Without and with a key (one column, two columns) and with rules: the two paths agree, and the
   * rows are those of the table (so the comparison is not between two empty results).
   */
  static void assertSamePaths(String url, String table, String database, List<String> rules)
      throws Exception {
    List<List<String>> variants =
        List.of(
            List.of(),
            List.of("--bucket-key", "id", "--buckets", "8"),
            List.of("--bucket-key", "name,day", "--buckets", "5"),
            rules,
            concat(rules, List.of("--bucket-key", "label,id", "--buckets", "3")));
    for (List<String> variant : variants) {
      JsonNode p = assertSame(url, table, variant);
      assertThat(p.path("rowCount").asLong()).isEqualTo(EveryTypeTable.ROWS);
      // nulls in every column but id
      assertThat(p.path("columns").findValuesAsText("nulls").stream().filter("0"::equals))
          .hasSize(1);
    }
    FingerprintRun run = run(url, table, List.of("--pushdown"));
    assertThat(run.err()).contains("computed in the database (" + database + ")");
    // the spec's text order is UTF-16's: U+FFFD comes after an emoji (code-point order: before)
    JsonNode note =
        json(run).path("columns").findParents("name").stream()
            .filter(c -> c.path("name").asText().equals("note"))
            .findFirst()
            .orElseThrow();
    assertThat(note.path("max").asText()).startsWith("\uFFFD");
  }

  static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** Pushdown and client fingerprints of {@code table} with {@code options}: equal; the first. */
  static JsonNode assertSame(String url, String table, List<String> options) throws Exception {
    JsonNode pushdown = json(run(url, table, concat(options, List.of("--pushdown"))));
    JsonNode client = json(run(url, table, concat(options, List.of("--no-pushdown"))));
    for (String field : FIELDS) {
      assertThat(pushdown.path(field))
          .as(field + " of " + table + " " + options + " at " + url)
          .isEqualTo(client.path(field));
    }
    assertThat(client.path("columnHashes").path("hashes").size()).isPositive();
    assertThat(
            pushdown.path("columnHashes").isNull() || pushdown.path("columnHashes").isMissingNode())
        .as("--pushdown computes no column hashes")
        .isTrue();
    return pushdown;
  }

  static FingerprintRun run(String url, String table, List<String> options) {
    return FingerprintRun.of(concat(List.of("--jdbc", url, "--table", table), options));
  }

  static JsonNode json(FingerprintRun run) throws Exception {
    assertThat(run.exit()).as(run.err()).isZero();
    return FingerprintRun.MAPPER.readTree(run.out());
  }

  @Test
  void onlyAggregatesLeaveTheDatabase() throws Exception {
    for (Connection c : List.of(dbs.postgresConnection(), dbs.mariadbConnection())) {
      try (c) {
        Pushdown whole =
            new Pushdown(
                c, "SELECT * FROM " + TABLE, List.of(), List.of(), 0, Normalisation.NONE, false);
        assertThat(whole.run().rowCount()).isEqualTo(EveryTypeTable.ROWS);
        assertThat(whole.groups()).as("rows read without a key").isEqualTo(1);

        Pushdown keyed =
            new Pushdown(
                c,
                "SELECT * FROM " + TABLE,
                List.of(),
                List.of("id"),
                8,
                Normalisation.NONE,
                false);
        FingerprintResult r = keyed.run();
        assertThat(r.rowCount()).isEqualTo(EveryTypeTable.ROWS);
        long nonEmpty = r.buckets().getRowCounts().stream().filter(n -> n > 0).count();
        assertThat(keyed.groups()).as("rows read with 8 buckets").isEqualTo((int) nonEmpty);
      }
    }
  }

  @Test
  void floatsAreRefusedNamingTheColumnAndTheDefaultFallsBackToTheClient() throws Exception {
    for (String url : List.of(pg(), maria())) {
      FingerprintRun refused = run(url, "floats", List.of("--pushdown"));
      assertThat(refused.exit()).isEqualTo(2);
      assertThat(refused.err())
          .containsPattern("--pushdown: column f[48] \\((float4|float8|float|double)\\): ")
          .contains("Double.toString");

      FingerprintRun auto = run(url, "floats", List.of("--no-column-hashes"));
      assertThat(auto.err()).contains("computed by the client: --pushdown: column f");
      JsonNode client = json(run(url, "floats", List.of("--no-pushdown", "--no-column-hashes")));
      assertThat(json(auto)).isEqualTo(withoutTime(client, json(auto)));
    }
  }

  /** {@code client} with {@code other}'s event time (the one field that differs run to run). */
  static JsonNode withoutTime(JsonNode client, JsonNode other) {
    var copy = client.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) copy)
        .set("eventTime", other.path("eventTime"));
    return copy;
  }

  @Test
  void valuesWithoutAnExactSqlFormAreRefusedWhenFound() throws Exception {
    // lower-casing of non-ASCII text: refused once such a value is found
    FingerprintRun nonAscii =
        run(pg(), TABLE, List.of("--pushdown", "--normalise", "note:case-insensitive"));
    assertThat(nonAscii.exit()).isEqualTo(2);
    assertThat(nonAscii.err())
        .contains("--pushdown: column note (text): ")
        .contains("case-insensitive on non-ASCII text");
    // a zone's rules in MariaDB: refused before anything runs (a fixed offset is honoured above)
    FingerprintRun zone =
        run(maria(), TABLE, List.of("--pushdown", "--normalise", "dt:timezone=Europe/Paris"));
    assertThat(zone.exit()).isEqualTo(2);
    assertThat(zone.err()).contains("--pushdown: column dt (datetime): timezone=Europe/Paris");
  }

  @Test
  void theDefaultIsTheClientWhileColumnHashesAreAskedFor() throws Exception {
    FingerprintRun byDefault = run(pg(), TABLE, List.of());
    assertThat(byDefault.err()).contains("computed by the client (column hashes are asked for");
    assertThat(json(byDefault).path("columnHashes").path("hashes").size()).isPositive();

    FingerprintRun inDatabase = run(pg(), TABLE, List.of("--no-column-hashes"));
    assertThat(inDatabase.err()).contains("computed in the database (PostgreSQL)");

    FingerprintRun both = run(pg(), TABLE, List.of("--pushdown", "--column-hashes"));
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("--pushdown and --column-hashes");
  }
}
