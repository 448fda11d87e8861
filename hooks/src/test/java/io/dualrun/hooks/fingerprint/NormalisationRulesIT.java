package io.dualrun.hooks.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each normalisation rule with the same data stored differently in a real PostgreSQL and a real
 * MariaDB: without the rule the fingerprints differ and the column hashes name the column; with it
 * (the same {@code --normalise} on both sides) content hash, column hashes, stats and schema agree.
 */
class NormalisationRulesIT {
  static final int ROWS = 60;
  static Databases dbs;

  @BeforeAll
  static void start() throws Exception {
    dbs = Databases.start();
  }

  @AfterAll
  static void stop() throws Exception {
    Databases.stop(dbs);
  }

  @Test
  void scaleMakesNumericAndDoublePrecisionEqual() throws Exception {
    // numeric(12,2) on one side; on the other, the same amounts computed in double precision
    IntFunction<Object> exact = i -> new BigDecimal(i * 7).movePointLeft(2);
    IntFunction<Object> computed = i -> i * 7 * 0.01;
    assertThat(computed.apply(3)).as("3 * 7 * 0.01").hasToString("0.21");
    assertThat(computed.apply(5)).as("5 * 7 * 0.01").hasToString("0.35000000000000003");
    compare("amount", "numeric(12,2)", exact, "double", computed, "amount:scale=2");
  }

  @Test
  void precisionMakesMicrosecondsAndMillisecondsEqual() throws Exception {
    IntFunction<LocalDateTime> micros =
        i -> LocalDateTime.of(2026, 11, 20, 7, 5).plusSeconds(i * 61L).plusNanos(i * 123_457_000L);
    compare(
        "loaded_at",
        "timestamp(6)",
        micros::apply,
        "datetime(3)",
        i -> micros.apply(i).truncatedTo(ChronoUnit.MILLIS),
        "loaded_at:precision=ms");
  }

  @Test
  void timezoneReadsNaiveLocalTimesAsTheInstantsTheyAre() throws Exception {
    ZoneId paris = ZoneId.of("Europe/Paris");
    // across the end of summer time (2026-10-25) and into winter
    IntFunction<Instant> at =
        i -> Instant.parse("2026-10-24T06:00:00Z").plus(i * 3L, ChronoUnit.HOURS);
    compare(
        "created_at",
        "timestamptz",
        i -> at.apply(i).atOffset(ZoneOffset.UTC),
        "datetime(6)",
        i -> LocalDateTime.ofInstant(at.apply(i), paris),
        "created_at:timezone=Europe/Paris");
  }

  @Test
  void trimMakesCharPaddingAndSpacesEqual() throws Exception {
    compare(
        "code",
        "char(12)",
        i -> "c-" + i,
        "varchar(20)",
        i -> (i % 2 == 0 ? "  " : "") + "c-" + i + "   ",
        "code:trim");
  }

  @Test
  void caseInsensitiveMakesUpperAndLowerCaseEqual() throws Exception {
    compare(
        "country",
        "text",
        i -> "Country-" + i + "-É",
        "varchar(40)",
        i -> ("country-" + i + "-é").toUpperCase(java.util.Locale.ROOT),
        "country:case-insensitive");
  }

  @Test
  void emptyIsNullMakesEmptyStringsAndNullsEqual() throws Exception {
    compare(
        "note",
        "text",
        i -> i % 3 == 0 ? null : "note " + i,
        "varchar(40)",
        i -> i % 3 == 0 ? "" : "note " + i,
        "note:empty-is-null");
  }

  @Test
  void aRenamedColumnIsComparedUnderOneName() throws Exception {
    String table = "renamed";
    create(dbs.postgresConnection(), table, "cust_id", "integer", i -> i * 3);
    create(dbs.mariadbConnection(), table, "customer_id", "int", i -> i * 3);
    String rule = "customer:baseline=cust_id,candidate=customer_id";

    JsonNode pg = fingerprint(dbs.postgres.jdbcUrl(), table, "baseline", rule);
    JsonNode maria = fingerprint(dbs.mariadb.fpUrl(), table, "candidate", rule);
    assertThat(pg.path("schema").toString()).contains("\"customer\"");
    assertSame(pg, maria, rule);

    JsonNode without = fingerprint(dbs.mariadb.fpUrl(), table, "candidate", null);
    assertThat(without.path("schema").toString()).contains("\"customer_id\"");
  }

  /**
   * Creates table {@code r_<column>} (id, column) in both databases, fingerprints each with and
   * without {@code rule}, and checks the difference is named without it and gone with it.
   */
  private static void compare(
      String column,
      String pgType,
      IntFunction<Object> pgValue,
      String mariaType,
      IntFunction<Object> mariaValue,
      String rule)
      throws Exception {
    String table = "r_" + column;
    create(dbs.postgresConnection(), table, column, pgType, pgValue);
    create(dbs.mariadbConnection(), table, column, mariaType, mariaValue);

    JsonNode pgRaw = fingerprint(dbs.postgres.jdbcUrl(), table, "baseline", null);
    JsonNode mariaRaw = fingerprint(dbs.mariadb.fpUrl(), table, "candidate", null);
    assertThat(mariaRaw.path("contentHash"))
        .as("without the rule")
        .isNotEqualTo(pgRaw.path("contentHash"));
    assertThat(
            FingerprintResult.differingColumns(
                FingerprintDatabasesIT.columnHashes(pgRaw),
                FingerprintDatabasesIT.columnHashes(mariaRaw)))
        .as("the column named without the rule")
        .containsExactly(column);

    assertSame(
        fingerprint(dbs.postgres.jdbcUrl(), table, "baseline", rule),
        fingerprint(dbs.mariadb.fpUrl(), table, "candidate", rule),
        rule);
  }

  private static void assertSame(JsonNode pg, JsonNode maria, String rule) {
    assertThat(maria.path("contentHash"))
        .as("content hash with " + rule)
        .isEqualTo(pg.path("contentHash"));
    assertThat(maria.path("columnHashes")).as("column hashes").isEqualTo(pg.path("columnHashes"));
    assertThat(maria.path("columns")).as("column stats").isEqualTo(pg.path("columns"));
    assertThat(maria.path("schema")).as("schema").isEqualTo(pg.path("schema"));
    assertThat(pg.path("normalisation").asText()).isEqualTo(rule);
    assertThat(maria.path("normalisation")).isEqualTo(pg.path("normalisation"));
  }

  private static void create(
      Connection connection, String table, String column, String type, IntFunction<Object> value)
      throws Exception {
    try (Connection c = connection;
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
      s.execute("CREATE TABLE " + table + " (id integer PRIMARY KEY, " + column + " " + type + ")");
      try (PreparedStatement p =
          c.prepareStatement("INSERT INTO " + table + " (id, " + column + ") VALUES (?, ?)")) {
        for (int i = 1; i <= ROWS; i++) {
          p.setInt(1, i);
          p.setObject(2, value.apply(i));
          p.addBatch();
        }
        p.executeBatch();
      }
    }
  }

  /** {@code dualrun fingerprint --table T --bucket-key id [--normalise RULE]} as {@code side}. */
  private static JsonNode fingerprint(String url, String table, String side, String rule)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--jdbc",
                url,
                "--table",
                table,
                "--bucket-key",
                "id",
                "--buckets",
                "4",
                "--side",
                side));
    if (rule != null) {
      args.addAll(List.of("--normalise", rule));
    }
    return FingerprintRun.json(args);
  }
}
