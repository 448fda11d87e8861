package io.dualrun.hooks.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.schemas.ColumnKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the canonical encoding: fixed rows of every value type (edge values included) give exactly
 * these content hashes, bucket hashes, column stats and column hashes. A change of any of them
 * changes every fingerprint ever computed, so these figures must never change. The column hashes
 * are also recomputed by {@link ColumnHashSpec}, written from the spec alone, and those of the
 * documented worked example were checked with another language's SHA-256 and XXH64.
 */
class KnownFingerprintTest {
  static final int ROWS = 3000;

  static final List<Column> COLUMNS =
      List.of(
          new Column("id", ColumnKind.INTEGER),
          new Column("i32", ColumnKind.INTEGER),
          new Column("i64", ColumnKind.INTEGER),
          new Column("i16", ColumnKind.INTEGER),
          new Column("huge", ColumnKind.INTEGER),
          new Column("amount", ColumnKind.DECIMAL),
          new Column("ratio", ColumnKind.FLOAT),
          new Column("ratio4", ColumnKind.FLOAT),
          new Column("flag", ColumnKind.BOOLEAN),
          new Column("day", ColumnKind.DATE),
          new Column("ts", ColumnKind.TIMESTAMP),
          new Column("tsz", ColumnKind.TIMESTAMP),
          new Column("instant", ColumnKind.TIMESTAMP),
          new Column("clock", ColumnKind.OTHER),
          new Column("bytes", ColumnKind.BINARY),
          new Column("name", ColumnKind.TEXT),
          new Column("uuid", ColumnKind.OTHER));

  static final double[] DOUBLES = {
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    -0.0,
    0.0,
    1e21,
    1e-7,
    Double.MIN_VALUE,
    Double.MAX_VALUE,
    0.1,
    123456789.125,
    -5.0
  };

  static final BigDecimal[] DECIMALS = {
    new BigDecimal("-0.000"),
    new BigDecimal("1E+3"),
    new BigDecimal("1.500000"),
    new BigDecimal("0.00100"),
    new BigDecimal("123456789012345678901234567890.123456789000"),
    new BigDecimal("-99999999999999.9999")
  };

  static final String[] TEXTS = {"", "é€", "\uD83D\uDE00 smile", "\uFFFD\uE000", "a\u0000b", " x "};

  static final LocalDate[] DATES = {
    LocalDate.of(1, 1, 1),
    LocalDate.of(-44, 3, 15),
    LocalDate.of(10000, 1, 1),
    LocalDate.of(1970, 1, 1)
  };

  static List<Object[]> rows() {
    Random r = new Random(20261120L);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 1; i <= ROWS; i++) {
      rows.add(row(i, r));
    }
    return rows;
  }

  static Object[] row(int i, Random r) {
    Object[] v = new Object[COLUMNS.size()];
    v[0] = (long) i;
    v[1] = r.nextInt();
    v[2] = i % 50 == 0 ? Long.MAX_VALUE - i : r.nextLong();
    v[3] = (short) r.nextInt();
    v[4] = BigInteger.valueOf(r.nextLong()).multiply(BigInteger.valueOf(r.nextLong()));
    v[5] = i % 7 == 0 ? DECIMALS[i % DECIMALS.length] : decimal(r);
    v[6] =
        i % 5 == 0
            ? DOUBLES[i % DOUBLES.length]
            : r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20);
    v[7] = i % 6 == 0 ? (float) DOUBLES[i % DOUBLES.length] : (float) (r.nextGaussian() * 1000);
    v[8] = r.nextBoolean();
    v[9] =
        i % 11 == 0 ? DATES[i % DATES.length] : LocalDate.ofEpochDay(r.nextInt(200_000) - 100_000);
    LocalDateTime ts =
        LocalDateTime.of(
            v[9] == null ? LocalDate.of(2026, 1, 1) : (LocalDate) v[9],
            LocalTime.ofNanoOfDay(Math.floorMod(r.nextLong(), 86_400_000_000_000L)));
    v[10] = ts;
    v[11] = ts.atOffset(ZoneOffset.ofHoursMinutes(r.nextInt(27) - 13, 0));
    v[12] = Instant.ofEpochSecond(r.nextInt(), r.nextInt(1_000_000_000));
    v[13] = timeOfDay(r);
    byte[] bytes = new byte[r.nextInt(20)];
    r.nextBytes(bytes);
    v[14] = bytes;
    v[15] = i % 3 == 0 ? TEXTS[i % TEXTS.length] : "name-" + r.nextInt(100_000);
    v[16] = new UUID(r.nextLong(), r.nextLong());
    for (int c = 1; c < v.length; c++) {
      if (r.nextInt(9) == 0) {
        v[c] = null;
      }
    }
    return v;
  }

  static LocalTime timeOfDay(Random r) {
    return LocalTime.ofNanoOfDay(Math.floorMod(r.nextLong(), 86_400_000_000_000L));
  }

  static BigDecimal decimal(Random r) {
    return BigDecimal.valueOf(r.nextLong() % 1_000_000_000_000L, r.nextInt(14) - 3);
  }

  static FingerprintResult fingerprint(List<Object[]> rows, List<String> keys, int buckets) {
    Fingerprinter f = new Fingerprinter(COLUMNS, List.of(), keys, buckets);
    rows.forEach(f::add);
    return f.result();
  }

  @Test
  void everyValueTypeGivesItsKnownHash() {
    FingerprintResult r = fingerprint(rows(), List.of("id", "name"), 8);
    assertThat(r.rowCount()).isEqualTo(ROWS);
    assertThat(r.contentHash()).isEqualTo("0c19fc29c277b19d");
    assertThat(r.buckets().toString())
        .isEqualTo(
            "{\"keyColumns\": [\"id\", \"name\"], \"rowCounts\": [364, 413, 353, 372, 367, 363, 393, 375], \"hashes\": [\"4939a6d61616d522\", \"8ea753d0c8739650\", \"2a05c4972f46b68a\", \"f4b87b86c98b22a3\", \"3d8d1bd22c8359ca\", \"c58a01f0fa5818b3\", \"231bbebe2545c14c\", \"ef47e4e39efa3935\"]}");
    assertThat(r.columns().toString())
        .isEqualTo(
            "[{\"name\": \"amount\", \"nulls\": 338, \"min\": \"-999862752977000\", \"max\": \"123456789012345678901234567890.123456789\", \"sum\": \"8024691285802464477472930507843.7044866306\"}, {\"name\": \"bytes\", \"nulls\": 309, \"min\": \"\", \"max\": \"ff9d\", \"sum\": null}, {\"name\": \"clock\", \"nulls\": 356, \"min\": \"00:00:25.887147\", \"max\": \"23:59:01.145450\", \"sum\": null}, {\"name\": \"day\", \"nulls\": 323, \"min\": \"+10000-01-01\", \"max\": \"2243-06-29\", \"sum\": null}, {\"name\": \"flag\", \"nulls\": 338, \"min\": \"false\", \"max\": \"true\", \"sum\": null}, {\"name\": \"huge\", \"nulls\": 326, \"min\": \"-84350572608490133984450338904459312196\", \"max\": \"79983801201685375637882144520545370924\", \"sum\": \"494219819241252753367664191364427451202\"}, {\"name\": \"i16\", \"nulls\": 340, \"min\": \"-32760\", \"max\": \"32758\", \"sum\": \"341545\"}, {\"name\": \"i32\", \"nulls\": 340, \"min\": \"-2146743761\", \"max\": \"2143604372\", \"sum\": \"-75738479654\"}, {\"name\": \"i64\", \"nulls\": 333, \"min\": \"-9215280394938276518\", \"max\": \"9223372036854775757\", \"sum\": \"445479455504534313365\"}, {\"name\": \"id\", \"nulls\": 0, \"min\": \"1\", \"max\": \"3000\", \"sum\": \"4501500\"}, {\"name\": \"instant\", \"nulls\": 339, \"min\": \"1902-01-04T23:26:17.003444Z\", \"max\": \"2037-12-30T18:49:07.482489Z\", \"sum\": null}, {\"name\": \"name\", \"nulls\": 343, \"min\": \"\", \"max\": \"\uFFFD\uE000\", \"sum\": null}, {\"name\": \"ratio\", \"nulls\": 321, \"min\": \"-19374628523764060000\", \"max\": \"179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\", \"sum\": \"8449157733852883790000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000046050373522486422303705.4219095496388379519983373219305033750300000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000002205\"}, {\"name\": \"ratio4\", \"nulls\": 332, \"min\": \"-3116.5754\", \"max\": \"3831.5117\", \"sum\": \"26525.183747\"}, {\"name\": \"ts\", \"nulls\": 362, \"min\": \"+10000-01-01T00:07:21.079457Z\", \"max\": \"2243-06-29T14:25:10.553218Z\", \"sum\": null}, {\"name\": \"tsz\", \"nulls\": 342, \"min\": \"+10000-01-01T00:28:38.899193Z\", \"max\": \"9999-12-31T23:30:53.965484Z\", \"sum\": null}, {\"name\": \"uuid\", \"nulls\": 332, \"min\": \"0002ab4d-849f-e5d6-48f0-387e6dae5a91\", \"max\": \"ffdda865-7377-0978-e0f0-fbbffb2325f3\", \"sum\": null}]");
  }

  /** The worked example of docs/fingerprint.md, "Column hashes". */
  static final List<Column> EXAMPLE_COLUMNS =
      List.of(
          new Column("id", ColumnKind.INTEGER),
          new Column("amount", ColumnKind.DECIMAL),
          new Column("name", ColumnKind.TEXT));

  static List<Object[]> exampleRows() {
    return List.of(new Object[] {1L, new BigDecimal("1.50"), "a"}, new Object[] {2L, null, ""});
  }

  static Map<String, String> columnHashes(FingerprintResult r) {
    Map<String, String> out = new LinkedHashMap<>();
    r.columnHashes().getHashes().forEach(h -> out.put(h.getName(), h.getHash()));
    return out;
  }

  /** The canonical texts of {@code rows}' {@code columns}, in name order, for the spec's code. */
  static List<String[]> canonical(List<Column> columns, List<String> names, List<Object[]> rows) {
    List<String> order = columns.stream().map(Column::name).toList();
    return rows.stream()
        .map(
            row ->
                names.stream()
                    .map(n -> row[order.indexOf(n)])
                    .map(v -> v == null ? null : Canonical.text(v))
                    .toArray(String[]::new))
        .toList();
  }

  @Test
  void theWorkedExampleGivesItsDocumentedColumnHashes() {
    Fingerprinter plain = new Fingerprinter(EXAMPLE_COLUMNS, List.of(), List.of(), 1);
    Fingerprinter keyed = new Fingerprinter(EXAMPLE_COLUMNS, List.of(), List.of("id"), 4);
    exampleRows().forEach(plain::add);
    exampleRows().forEach(keyed::add);
    Map<String, String> noKey =
        Map.of(
            "amount", "d7e26b2a09399b74",
            "id", "ea11495d97b67fa7",
            "name", "1b02d4a943aaf899");
    Map<String, String> byId =
        Map.of(
            "amount", "b52dd01462a4fc12",
            "id", "ea11495d97b67fa7",
            "name", "e9c4ba841d4ed388");
    List<String> names = List.of("amount", "id", "name");
    List<String[]> texts = canonical(EXAMPLE_COLUMNS, names, exampleRows());

    assertThat(plain.result().contentHash()).isEqualTo("1ca07bb9e5144eef");
    assertThat(plain.result().columnHashes().getKeyColumns()).isEmpty();
    assertThat(columnHashes(plain.result()))
        .containsExactlyEntriesOf(ColumnHashSpec.hashes(names, List.of(), texts))
        .containsExactlyInAnyOrderEntriesOf(noKey);
    assertThat(keyed.result().columnHashes().getKeyColumns()).containsExactly("id");
    assertThat(columnHashes(keyed.result()))
        .containsExactlyEntriesOf(ColumnHashSpec.hashes(names, List.of("id"), texts))
        .containsExactlyInAnyOrderEntriesOf(byId);
    assertThat(Fingerprinter.keyHash(new String[] {"1"})).isEqualTo(0x82e8711b6d5deb5cL);
    assertThat(Fingerprinter.keyHash(new String[] {"2"})).isEqualTo(0x578284458a1df763L);
  }

  /** The reference XXH64 (xxHash's own test values), as both implementations compute it. */
  @Test
  void cellsAreHashedWithTheReferenceXxh64() {
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    assertThat(ColumnHashAccumulator.cellHash(new byte[0], 0, 0, 0)).isEqualTo(0xef46db3751d8e999L);
    assertThat(ColumnHashAccumulator.cellHash(abc, 0, 3, 0)).isEqualTo(0x44bc2cf5ad770999L);
    assertThat(ColumnHashAccumulator.cellHash(abc, 0, 3, 1)).isEqualTo(0xbea9ca8199328908L);
    byte[] cell = ColumnHashSpec.cell("1.5");
    assertThat(cell).containsExactly(1, 0, 0, 0, 3, '1', '.', '5');
    assertThat(ColumnHashSpec.cellHash("1.5", 0x82e8711b6d5deb5cL)).isEqualTo(0x455a38fa7148a546L);
    assertThat(ColumnHashAccumulator.cellHash(cell, 0, cell.length, 0x82e8711b6d5deb5cL))
        .isEqualTo(0x455a38fa7148a546L);
    assertThat(ColumnHashSpec.cellHash(null, 0)).isEqualTo(0xe934a84adb052768L);
    assertThat(ColumnHashSpec.cellHash("", 0)).isEqualTo(0xf3e5687af1878726L);
  }

  @Test
  void everyValueTypeGivesItsKnownColumnHashes() {
    List<String> names = COLUMNS.stream().map(Column::name).sorted().toList();
    List<String[]> texts = canonical(COLUMNS, names, rows());
    FingerprintResult keyed = fingerprint(rows(), List.of("id", "name"), 8);
    FingerprintResult plain = fingerprint(rows(), List.of(), 1);

    assertThat(columnHashes(keyed))
        .containsExactlyEntriesOf(ColumnHashSpec.hashes(names, List.of("id", "name"), texts));
    assertThat(columnHashes(plain))
        .containsExactlyEntriesOf(ColumnHashSpec.hashes(names, List.of(), texts));
    assertThat(columnHashes(keyed).toString())
        .isEqualTo(
            "{amount=886b56c2af65e745, bytes=fd1d84d85b70023f, clock=f69d77a5d629222e,"
                + " day=4755b8688c0a9104, flag=cb6da3621d4553e2, huge=5e418bc2e99a7932,"
                + " i16=5f2b9cb9b87f250c, i32=11e387f513018461, i64=99256ea60185876b,"
                + " id=e04e500a4030e582, instant=15dd6e3135b23eea, name=ccd10063d3adb6d8,"
                + " ratio=b355683dd0e6af4a, ratio4=572be9312c13a768, ts=985bf9b619593a4b,"
                + " tsz=4a3a3402570197d7, uuid=46d5d43d19e4c8c6}");
    assertThat(columnHashes(plain).toString())
        .isEqualTo(
            "{amount=cb52d704dd2cd8c9, bytes=e9be1e3d7815c2f3, clock=6b4f1d4f86b23b29,"
                + " day=43754d679b5a4178, flag=5671552f298868a4, huge=6861469d91eb8249,"
                + " i16=9a20b61981f41307, i32=3abb28a93d185904, i64=bd3b1121b237b6ca,"
                + " id=e04e500a4030e582, instant=f5988a580ce729a3, name=ccd10063d3adb6d8,"
                + " ratio=8b9f995aa190f153, ratio4=6e40fd4b8d3762b2, ts=a17e58621b98fbd5,"
                + " tsz=d2d596a31e09c8cc, uuid=4ff1b6e1b76c05f4}");
    // key columns are hashed by their values alone, with a key or without
    assertThat(columnHashes(keyed).get("id")).isEqualTo(columnHashes(plain).get("id"));
    assertThat(columnHashes(keyed).get("name")).isEqualTo(columnHashes(plain).get("name"));
  }

  @Test
  void bucketsOfAKnownKey() {
    assertThat(Fingerprinter.bucketOf(new String[] {"1234"}, 16)).isEqualTo(11);
    assertThat(Fingerprinter.bucketOf(new String[] {"7", null, "é"}, 64)).isEqualTo(44);
  }

  @Test
  void aKnownCsvGivesItsKnownHash(@TempDir Path dir) throws Exception {
    FingerprintResult result = csvFingerprint(dir);
    assertThat(result.contentHash()).isEqualTo("5dfe1052d3b8c46c");
    assertThat(result.columnHashes().toString())
        .isEqualTo(
            "{\"keyColumns\": [\"id\"], \"hashes\": [{\"name\": \"amount\", \"hash\":"
                + " \"aefb8e536310c810\"}, {\"name\": \"day\", \"hash\": \"7d518a1bc2d60026\"},"
                + " {\"name\": \"flag\", \"hash\": \"6be5f4db7553ef9e\"}, {\"name\": \"id\","
                + " \"hash\": \"975ced54a653660e\"}, {\"name\": \"name\", \"hash\":"
                + " \"e0e22c7f3f043299\"}, {\"name\": \"ratio\", \"hash\": \"d9bc6783cb99570f\"},"
                + " {\"name\": \"ts\", \"hash\": \"a17d5fe666fd4683\"}]}");
    List<String> names = result.schema().stream().map(c -> c.getName()).toList();
    assertThat(columnHashes(result))
        .containsExactlyEntriesOf(
            ColumnHashSpec.hashes(names, List.of("id"), csvTexts(dir.resolve("known.csv"))));
    assertThat(result.buckets().toString())
        .isEqualTo(
            "{\"keyColumns\": [\"id\"], \"rowCounts\": [128, 109, 132, 131], \"hashes\": [\"e8bd410b1a7991d2\", \"e4fe6bbc6b2cb886\", \"cd1e0477b2a024c2\", \"c3245f139b725552\"]}");
    assertThat(result.columns().toString())
        .isEqualTo(
            "[{\"name\": \"amount\", \"nulls\": 55, \"min\": \"-966547310169000\", \"max\": \"863568210850000\", \"sum\": \"-2715916113440179.616064995\"}, {\"name\": \"day\", \"nulls\": 0, \"min\": \"1970-02-14\", \"max\": \"2051-09-18\", \"sum\": null}, {\"name\": \"flag\", \"nulls\": 0, \"min\": \"false\", \"max\": \"true\", \"sum\": null}, {\"name\": \"id\", \"nulls\": 0, \"min\": \"1\", \"max\": \"500\", \"sum\": \"125250\"}, {\"name\": \"name\", \"nulls\": 0, \"min\": \"\", \"max\": \"n, 99 \u00E9\", \"sum\": null}, {\"name\": \"ratio\", \"nulls\": 0, \"min\": \"-3.0926336379794055\", \"max\": \"1000000000000000000000\", \"sum\": \"99999999999999999999996.4423236184668278685\"}, {\"name\": \"ts\", \"nulls\": 0, \"min\": \"2026-11-20T06:05:00.123456Z\", \"max\": \"2026-11-20T07:05:00.500000Z\", \"sum\": null}]");
  }

  /** The canonical texts of the known CSV's rows, columns in name order. */
  static List<String[]> csvTexts(Path csv) throws Exception {
    try (CsvSource source = new CsvSource(List.of(csv), ',', CSV_TYPES)) {
      List<String> names = source.columns().stream().map(Column::name).sorted().toList();
      List<Object[]> rows = new ArrayList<>();
      Object[] row = new Object[source.columns().size()];
      while (source.next(row)) {
        rows.add(row.clone());
      }
      return canonical(source.columns(), names, rows);
    }
  }

  static final Map<String, ColumnKind> CSV_TYPES =
      Map.of(
          "id", ColumnKind.INTEGER,
          "amount", ColumnKind.DECIMAL,
          "ratio", ColumnKind.FLOAT,
          "day", ColumnKind.DATE,
          "ts", ColumnKind.TIMESTAMP,
          "flag", ColumnKind.BOOLEAN);

  static FingerprintResult csvFingerprint(Path dir) throws Exception {
    Path csv = dir.resolve("known.csv");
    Files.writeString(csv, csvText(), StandardCharsets.UTF_8);
    try (CsvSource source = new CsvSource(List.of(csv), ',', CSV_TYPES)) {
      Fingerprinter f = new Fingerprinter(source.columns(), List.of(), List.of("id"), 4);
      Object[] row = new Object[source.columns().size()];
      while (source.next(row)) {
        f.add(row);
      }
      return f.result();
    }
  }

  static String csvText() {
    StringBuilder text = new StringBuilder("id,amount,ratio,day,ts,flag,name\n");
    Random r = new Random(7);
    for (int i = 1; i <= 500; i++) {
      text.append(i)
          .append(',')
          .append(i % 9 == 0 ? "" : decimal(r).toString())
          .append(',')
          .append(i % 5 == 0 ? "1e21" : Double.toString(r.nextGaussian()))
          .append(',')
          .append(LocalDate.ofEpochDay(r.nextInt(30_000)))
          .append(',')
          .append(i % 2 == 0 ? "2026-11-20 07:05:00.5" : "2026-11-20T07:05:00.123456789+01:00")
          .append(',')
          .append(i % 3 == 0 ? "yes" : "f")
          .append(',')
          .append(i % 4 == 0 ? "\"\"" : "\"n, " + i + " é\"")
          .append('\n');
    }
    return text.toString();
  }
}
