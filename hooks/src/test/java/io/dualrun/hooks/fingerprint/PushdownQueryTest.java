package io.dualrun.hooks.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dualrun.schemas.normalise.Normalisation;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-database fingerprint's SQL, without a database: expressions and refusals. */
class PushdownQueryTest {
  static final PostgresDialect PG = new PostgresDialect();
  static final MariaDbDialect MARIA = new MariaDbDialect("MariaDB", true);

  static JdbcColumnType type(String label, int sqlType, String typeName) {
    return new JdbcColumnType(label, sqlType, typeName, 10, true);
  }

  static PushdownQuery query(SqlDialect dialect, List<JdbcColumnType> types, List<String> rules) {
    return query(dialect, types, List.of(), List.of(), rules);
  }

  static PushdownQuery query(
      SqlDialect dialect,
      List<JdbcColumnType> types,
      List<String> ignore,
      List<String> key,
      List<String> rules) {
    return new PushdownQuery(
        dialect, "SELECT * FROM t", types, ignore, key, 4, Normalisation.parse(rules), false);
  }

  @Test
  void floatsAreRefusedNamingColumnTypeAndReason() {
    for (var c :
        List.of(
            new Object[] {PG, type("ratio", Types.DOUBLE, "float8"), "ratio (float8)"},
            new Object[] {PG, type("ratio", Types.REAL, "float4"), "ratio (float4)"},
            new Object[] {MARIA, type("ratio", Types.DOUBLE, "DOUBLE"), "ratio (double)"},
            new Object[] {MARIA, type("ratio", Types.REAL, "FLOAT"), "ratio (float)"})) {
      assertThatThrownBy(
              () ->
                  query(
                      (SqlDialect) c[0],
                      List.of(type("id", Types.INTEGER, "int4"), (JdbcColumnType) c[1]),
                      List.of()))
          .isInstanceOf(PushdownRefusal.class)
          .hasMessageStartingWith("--pushdown: column " + c[2] + ": ")
          .hasMessageContaining("Double.toString");
    }
  }

  @Test
  void typesWithoutAKnownCanonicalSqlAreRefused() {
    assertThatThrownBy(() -> query(PG, List.of(type("span", Types.OTHER, "interval")), List.of()))
        .isInstanceOf(PushdownRefusal.class)
        .hasMessageStartingWith("--pushdown: column span (interval): no SQL canonical text");
    assertThatThrownBy(
            () ->
                query(
                    MARIA,
                    List.of(new JdbcColumnType("flags", Types.BIT, "BIT", 8, false)),
                    List.of()))
        .isInstanceOf(PushdownRefusal.class)
        .hasMessageStartingWith("--pushdown: column flags (bit): no SQL canonical text");
  }

  @Test
  void mariadbRefusesAZoneAndHonoursAFixedOffset() {
    List<JdbcColumnType> types = List.of(type("at", Types.TIMESTAMP, "DATETIME"));
    assertThatThrownBy(() -> query(MARIA, types, List.of("at:timezone=Europe/Paris")))
        .isInstanceOf(PushdownRefusal.class)
        .hasMessageStartingWith("--pushdown: column at (datetime): timezone=Europe/Paris: ");
    assertThat(query(MARIA, types, List.of("at:timezone=+02:00")).sql())
        .contains("DATE_FORMAT((q.`at` - INTERVAL 7200 SECOND), '%Y-%m-%dT%H:%i:%s.%fZ')");
    assertThat(
            query(
                    PG,
                    List.of(type("at", Types.TIMESTAMP, "timestamp")),
                    List.of("at:timezone=-01:30"))
                .sql())
        .contains("to_char((q.\"at\" - -5400 * interval '1 second'), ");
  }

  @Test
  void canonicalTextsPerType() {
    var pg = PG.column(type("n", Types.NUMERIC, "numeric"), "x", null);
    assertThat(pg.text()).isEqualTo("CASE WHEN x = 0 THEN '0' ELSE trim_scale(x)::text END");
    assertThat(pg.number()).isEqualTo("x");
    assertThat(PG.column(type("d", Types.TIMESTAMP, "timestamptz"), "x", null).text())
        .isEqualTo("to_char(x AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')");
    assertThat(PG.column(type("b", Types.BINARY, "bytea"), "x", null).text())
        .isEqualTo("encode(x, 'hex')");
    assertThat(MARIA.column(type("i", Types.BIGINT, "BIGINT UNSIGNED"), "x", null).text())
        .isEqualTo("CAST(x AS CHAR)");
    assertThat(MARIA.column(new JdbcColumnType("f", Types.BIT, "BIT", 1, false), "x", null).text())
        .isEqualTo("CASE WHEN x <> 0 THEN 'true' WHEN x = 0 THEN 'false' END");
    assertThat(MARIA.column(type("s", Types.VARCHAR, "VARCHAR"), "x", null).text())
        .isEqualTo("CONVERT(x USING utf8mb4)");
  }

  @Test
  void scaleRoundsHalfEvenAndTextRulesApplyInOrder() {
    assertThat(PG.roundHalfEven("x", 2))
        .isEqualTo(
            "(CASE WHEN ABS((x * 100) - trunc((x * 100))) = 0.5 THEN trunc((x * 100)) +"
                + " SIGN((x * 100)) * MOD(ABS(trunc((x * 100))), 2) ELSE round((x * 100)) END"
                + " * 0.01)");
    var text =
        PG.textRules(
            new ColumnSql("x", null),
            Normalisation.parse(List.of("c:trim,case-insensitive,empty-is-null")).rule("c"));
    assertThat(text.text()).isEqualTo("NULLIF(lower(btrim(x, ' ')), '')");
    assertThat(text.guards()).hasSize(1);
    assertThat(text.guards().get(0).condition())
        .isEqualTo("octet_length(btrim(x, ' ')) <> char_length(btrim(x, ' '))");
  }

  @Test
  void bucketsOfTheSignedKeyHashAreThoseOfTheUnsigned() {
    // 2^64 mod 5 = 1, mod 8 = 0
    assertThat(PG.bucket("kh", 5))
        .isEqualTo("CASE WHEN kh >= 0 THEN kh % 5 ELSE (kh % 5 + 5 + 1) % 5 END");
    assertThat(PG.bucket("kh", 8)).endsWith("ELSE (kh % 8 + 8 + 0) % 8 END");
    assertThat(MARIA.bucket("kh", 5)).isEqualTo("MOD(kh, 5)");
    long signed = -7L; // unsigned 2^64 - 7
    long unsignedMod5 = Long.remainderUnsigned(signed, 5);
    assertThat(((signed % 5) + 5 + 1) % 5).isEqualTo(unsignedMod5);
  }

  @Test
  void ignoredColumnsAreLeftOutAndAnIgnoredKeyIsStillEncoded() {
    var types =
        List.of(
            type("id", Types.INTEGER, "int4"),
            type("skip", Types.DOUBLE, "float8"),
            type("name", Types.VARCHAR, "text"));
    // an ignored float is not refused: it is never read
    PushdownQuery q = query(PG, types, List.of("skip"), List.of(), List.of());
    assertThat(q.sql()).doesNotContain("\"skip\"");
    assertThat(q.columns()).extracting(PushdownQuery.Planned::name).containsExactly("id", "name");

    PushdownQuery keyed = query(PG, types.subList(0, 1), List.of("id"), List.of("id"), List.of());
    assertThat(keyed.columns()).isEmpty();
    assertThat(keyed.sql())
        .contains("q.\"id\"::text AS t0")
        .contains(" AS kh")
        .contains("GROUP BY 1");
  }

  @Test
  void badOptionsAreRefusedAsByTheClientPath() {
    var types = List.of(type("id", Types.INTEGER, "int4"));
    assertThatThrownBy(() -> query(PG, types, List.of(), List.of("nope"), List.of()))
        .isNotInstanceOf(PushdownRefusal.class)
        .hasMessage("--bucket-key: no column 'nope' (columns: id)");
    assertThatThrownBy(() -> query(PG, types, List.of("id:trim")))
        .isNotInstanceOf(PushdownRefusal.class)
        .hasMessageStartingWith("--normalise id: trim, case-insensitive and empty-is-null apply");
  }

  @Test
  void aQueryEndingInASemicolonIsASubquery() {
    assertThat(Pushdown.subquery(" SELECT * FROM t WHERE d = '1;2' ;\n "))
        .isEqualTo("SELECT * FROM t WHERE d = '1;2'");
  }

  @Test
  void theOrderKeyOfPostgresDecodesBack() throws Exception {
    // U+FFFD and U+10FFFF as the key has them; decoding restores the text
    String key = "a\uDBFF\uDFFF\uFFFDb\uDBFF\uDFFF\u0001";
    var rows =
        (java.sql.ResultSet)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {java.sql.ResultSet.class},
                (proxy, method, args) -> key);
    assertThat(PG.decodeOrderKey(rows, 1)).isEqualTo("a\uFFFDb\uDBFF\uDFFF");
  }

  @Test
  void literalsMeanTheSameWhateverTheSessionDoesWithBackslashes() {
    assertThat(PostgresDialect.escaped("\\1 it's")).isEqualTo("E'\\\\1 it''s'");
    assertThat(MARIA.literal("\\z it's")).isEqualTo("'\\\\z it''s'");
    assertThat(new MariaDbDialect("MariaDB", false).literal("\\z it's")).isEqualTo("'\\z it''s'");
  }
}
