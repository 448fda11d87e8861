package io.dualrun.hooks.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualrun.schemas.avro.BucketHashes;
import io.dualrun.schemas.avro.ColumnHash;
import io.dualrun.schemas.avro.ColumnHashes;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same rows in a real PostgreSQL and a real MariaDB, with different physical types, column
 * order and insertion order, and in a CSV file, give the same content hash and column hashes; one
 * changed cell gives a different hash and names the bucket of the changed row and its column.
 */
class FingerprintDatabasesIT {
  static final int ROWS = 2000;
  static final int BUCKETS = 16;

  /** The fingerprint of {@link #rows()}: pins the encoding of values read through JDBC. */
  static final String KNOWN_HASH = "5579a8029239af32";

  static final String KNOWN_COLUMNS =
      "[{\"name\":\"amount\",\"nulls\":0,\"min\":\"0.37\",\"max\":\"740\",\"sum\":\"740370\"},{\"name\":\"day\",\"nulls\":0,\"min\":\"2026-01-01\",\"max\":\"2026-12-31\",\"sum\":null},{\"name\":\"flag\",\"nulls\":0,\"min\":\"false\",\"max\":\"true\",\"sum\":null},{\"name\":\"id\",\"nulls\":0,\"min\":\"1\",\"max\":\"2000\",\"sum\":\"2001000\"},{\"name\":\"name\",\"nulls\":0,\"min\":\"name-1\",\"max\":\"name-999\",\"sum\":null},{\"name\":\"note\",\"nulls\":500,\"min\":\"note 1\",\"max\":\"note 999\",\"sum\":null},{\"name\":\"qty\",\"nulls\":0,\"min\":\"1\",\"max\":\"4000000\",\"sum\":\"2668667000\"},{\"name\":\"ratio\",\"nulls\":0,\"min\":\"0.14285714285714285\",\"max\":\"285.7142857142857\",\"sum\":\"285857.1428571428571699\"},{\"name\":\"ts\",\"nulls\":0,\"min\":\"2026-11-20T07:06:01.000001Z\",\"max\":\"2026-11-21T16:58:20.002000Z\",\"sum\":null}]";

  /** The column hashes of {@link #rows()} keyed by id (also recomputed from the spec below). */
  static final String KNOWN_COLUMN_HASHES =
      "{\"keyColumns\":[\"id\"],\"hashes\":[{\"name\":\"amount\",\"hash\":\"66e2028ab78b4274\"},{\"name\":\"day\",\"hash\":\"8ba69d7d77698885\"},{\"name\":\"flag\",\"hash\":\"8a7d4de80f9eee8d\"},{\"name\":\"id\",\"hash\":\"b9207845b9d56e88\"},{\"name\":\"name\",\"hash\":\"77185be1aa4b28bd\"},{\"name\":\"note\",\"hash\":\"97052d54fb0ae296\"},{\"name\":\"qty\",\"hash\":\"4afabdbe15489f99\"},{\"name\":\"ratio\",\"hash\":\"6649ac06b81af227\"},{\"name\":\"ts\",\"hash\":\"09349bc84dce085a\"}]}";

  static Databases dbs;

  record Row(
      int id,
      BigDecimal amount,
      long qty,
      double ratio,
      String name,
      LocalDate day,
      LocalDateTime ts,
      boolean flag,
      String note) {}

  static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= ROWS; i++) {
      rows.add(
          new Row(
              i,
              new BigDecimal(i * 37 % 100000).movePointLeft(2),
              (long) i * i,
              i / 7.0,
              "name-" + i + (i % 10 == 0 ? " é€" : ""),
              LocalDate.of(2026, 1, 1).plusDays(i % 365),
              LocalDateTime.of(2026, 11, 20, 7, 5).plusSeconds(i * 61L).plusNanos(i * 1000L),
              i % 3 == 0,
              i % 4 == 0 ? null : "note " + i));
    }
    return rows;
  }

  @BeforeAll
  static void start() throws Exception {
    dbs = Databases.start();
    try (Connection c = dbs.postgresConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE sales (id integer PRIMARY KEY, amount numeric(12,2), qty bigint,"
              + " ratio double precision, name text, day date, ts timestamptz, flag boolean,"
              + " note varchar(50))");
      insert(
          c,
          "INSERT INTO sales (id, amount, qty, ratio, name, day, ts, flag, note)"
              + " VALUES (?,?,?,?,?,?,?,?,?)",
          rows(),
          true);
    }
    try (Connection c = dbs.mariadbConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE sales (note text, flag tinyint(1), ts datetime(6), day date,"
              + " name varchar(100), ratio double, qty decimal(30,0), amount decimal(20,6),"
              + " id bigint PRIMARY KEY) CHARACTER SET utf8mb4");
      List<Row> reversed = new ArrayList<>(rows());
      java.util.Collections.reverse(reversed);
      insert(
          c,
          "INSERT INTO sales (id, amount, qty, ratio, name, day, ts, flag, note)"
              + " VALUES (?,?,?,?,?,?,?,?,?)",
          reversed,
          false);
    }
  }

  static void insert(Connection c, String sql, List<Row> rows, boolean offsetTimes)
      throws Exception {
    c.setAutoCommit(false);
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (Row r : rows) {
        p.setInt(1, r.id());
        p.setBigDecimal(2, r.amount());
        p.setLong(3, r.qty());
        p.setDouble(4, r.ratio());
        p.setString(5, r.name());
        p.setObject(6, r.day());
        p.setObject(7, offsetTimes ? r.ts().atOffset(ZoneOffset.UTC) : r.ts());
        p.setBoolean(8, r.flag());
        p.setString(9, r.note());
        p.addBatch();
      }
      p.executeBatch();
    }
    c.commit();
  }

  @AfterAll
  static void stop() throws Exception {
    Databases.stop(dbs);
  }

  static JsonNode fingerprint(String jdbcUrl) throws Exception {
    return fingerprint("--jdbc", jdbcUrl, "--table", "sales", "--fetch-size", "500");
  }

  /** {@link #rows()} as a CSV file with a header line; note's nulls are empty unquoted fields. */
  static Path csv(Path dir) throws Exception {
    Path csv = dir.resolve("sales.csv");
    CSVFormat format = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL_NON_NULL).get();
    try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
        CSVPrinter out = new CSVPrinter(w, format)) {
      out.printRecord("id", "amount", "qty", "ratio", "name", "day", "ts", "flag", "note");
      for (Row r : rows()) {
        out.printRecord(
            r.id(),
            r.amount().toPlainString(),
            r.qty(),
            r.ratio(),
            r.name(),
            r.day(),
            r.ts(),
            r.flag(),
            r.note());
      }
    }
    return csv;
  }

  static JsonNode csvFingerprint(Path csv) throws Exception {
    return fingerprint(
        "--csv",
        csv.toString(),
        "--type",
        "id=integer",
        "--type",
        "amount=decimal",
        "--type",
        "qty=integer",
        "--type",
        "ratio=float",
        "--type",
        "day=date",
        "--type",
        "ts=timestamp",
        "--type",
        "flag=boolean");
  }

  /** {@code dualrun fingerprint SOURCE… --bucket-key id --buckets 16}: its JSON. */
  static JsonNode fingerprint(String... source) throws Exception {
    List<String> args = new ArrayList<>(List.of(source));
    args.addAll(List.of("--bucket-key", "id", "--buckets", Integer.toString(BUCKETS)));
    return FingerprintRun.json(args);
  }

  static BucketHashes buckets(JsonNode f) {
    JsonNode b = f.path("buckets");
    List<Long> counts = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    b.path("rowCounts").forEach(n -> counts.add(n.asLong()));
    b.path("hashes").forEach(n -> hashes.add(n.asText()));
    return new BucketHashes(List.of("id"), counts, hashes);
  }

  static ColumnHashes columnHashes(JsonNode f) {
    JsonNode c = f.path("columnHashes");
    List<String> key = new ArrayList<>();
    List<ColumnHash> hashes = new ArrayList<>();
    c.path("keyColumns").forEach(n -> key.add(n.asText()));
    c.path("hashes")
        .forEach(n -> hashes.add(new ColumnHash(n.path("name").asText(), n.path("hash").asText())));
    return new ColumnHashes(key, hashes);
  }

  /** The column hashes of {@link #rows()} keyed by id, computed from the spec alone. */
  static Map<String, String> specColumnHashes() {
    List<String> names =
        List.of("amount", "day", "flag", "id", "name", "note", "qty", "ratio", "ts");
    List<String[]> texts = new ArrayList<>();
    for (Row r : rows()) {
      Object[] values = {
        r.amount(), r.day(), r.flag(), r.id(), r.name(), r.note(), r.qty(), r.ratio(), r.ts()
      };
      texts.add(
          Arrays.stream(values)
              .map(v -> v == null ? null : Canonical.text(v))
              .toArray(String[]::new));
    }
    return ColumnHashSpec.hashes(names, List.of("id"), texts);
  }

  @Test
  void csvJdbcAndTheSpecAgreeOnColumnHashes(@TempDir Path dir) throws Exception {
    JsonNode pg = fingerprint(dbs.postgres.jdbcUrl());
    JsonNode maria = fingerprint(dbs.mariadb.fpUrl());
    JsonNode csv = csvFingerprint(csv(dir));

    assertThat(csv.path("contentHash").asText()).isEqualTo(KNOWN_HASH);
    assertThat(csv.path("columns").toString()).isEqualTo(KNOWN_COLUMNS);
    assertThat(pg.path("columnHashes").toString()).isEqualTo(KNOWN_COLUMN_HASHES);
    assertThat(maria.path("columnHashes")).isEqualTo(pg.path("columnHashes"));
    assertThat(csv.path("columnHashes")).isEqualTo(pg.path("columnHashes"));
    Map<String, String> byName = new LinkedHashMap<>();
    columnHashes(pg).getHashes().forEach(h -> byName.put(h.getName(), h.getHash()));
    assertThat(byName).containsExactlyEntriesOf(specColumnHashes());
  }

  @Test
  void sameRowsGiveTheSameHashAndAChangedCellNamesItsBucket() throws Exception {
    JsonNode pg = fingerprint(dbs.postgres.jdbcUrl());
    JsonNode maria = fingerprint(dbs.mariadb.fpUrl());

    assertThat(pg.path("rowCount").asLong()).isEqualTo(ROWS);
    assertThat(maria.path("rowCount").asLong()).isEqualTo(ROWS);
    assertThat(maria.path("contentHash").asText())
        .matches("[0-9a-f]{16}")
        .isEqualTo(pg.path("contentHash").asText());
    assertThat(maria.path("columns")).isEqualTo(pg.path("columns"));
    assertThat(pg.path("contentHash").asText()).isEqualTo(KNOWN_HASH);
    assertThat(pg.path("columns").toString()).isEqualTo(KNOWN_COLUMNS);
    assertThat(FingerprintResult.differingBuckets(buckets(pg), buckets(maria))).isEmpty();
    assertThat(pg.path("schema").toString())
        .contains("{\"name\":\"amount\",\"type\":\"decimal\"}")
        .contains("{\"name\":\"ts\",\"type\":\"timestamp\"}")
        .contains("{\"name\":\"flag\",\"type\":\"boolean\"}");

    int changedId = 1234;
    JsonNode changed;
    try {
      update(
          dbs.mariadb.fpUrl(), "UPDATE sales SET amount = amount + 0.01 WHERE id = " + changedId);
      changed = fingerprint(dbs.mariadb.fpUrl());
    } finally {
      // the other tests read the table as loaded
      update(
          dbs.mariadb.fpUrl(), "UPDATE sales SET amount = amount - 0.01 WHERE id = " + changedId);
    }

    assertThat(changed.path("contentHash").asText()).isNotEqualTo(pg.path("contentHash").asText());
    assertThat(FingerprintResult.differingBuckets(buckets(pg), buckets(changed)))
        .containsExactly(
            Fingerprinter.bucketOf(new String[] {Integer.toString(changedId)}, BUCKETS));
    assertThat(FingerprintResult.differingColumns(columnHashes(pg), columnHashes(changed)))
        .containsExactly("amount");
  }

  static void update(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  @Test
  void timestampsAreComparedInUtc() throws Exception {
    try (Connection c = dbs.postgresConnection();
        Statement s = c.createStatement()) {
      s.execute("SET TIME ZONE 'Europe/Paris'");
      var rs = s.executeQuery("SELECT ts FROM sales WHERE id = 1");
      rs.next();
      assertThat(Canonical.text(rs.getObject(1, OffsetDateTime.class)))
          .isEqualTo(Canonical.text(rows().get(0).ts()));
    }
  }
}
