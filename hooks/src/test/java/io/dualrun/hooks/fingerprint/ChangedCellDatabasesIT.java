package io.dualrun.hooks.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The property the column hashes exist for, across real databases: random tables (integer, decimal,
 * double, boolean, text and timestamp columns, nulls anywhere, a key) are loaded alike into
 * PostgreSQL, MariaDB and a CSV file; one random non-key cell is changed in one of the three; the
 * two untouched sources agree in every hash, and comparing the changed one with either names
 * exactly the changed column. Seeded: a failure prints the seed and the trial.
 */
class ChangedCellDatabasesIT {
  static final long SEED = Long.getLong("dualrun.property.seed", 20261204L);
  static final int TRIALS = 12;
  static Databases dbs;

  enum Kind {
    INTEGER("bigint", "bigint", "integer"),
    DECIMAL("numeric(14,3)", "decimal(20,3)", "decimal"),
    DOUBLE("double precision", "double", "float"),
    BOOLEAN("boolean", "tinyint(1)", "boolean"),
    TEXT("text", "varchar(80)", "text"),
    TIMESTAMP("timestamptz", "datetime(6)", "timestamp");

    final String pg;
    final String maria;
    final String csv;

    Kind(String pg, String maria, String csv) {
      this.pg = pg;
      this.maria = maria;
      this.csv = csv;
    }
  }

  private static final String[] TEXTS = {"", "a", " a ", "é€", "\uD83D\uDE00", "a,b", "\"q\"", "0"};

  record Table(String name, List<String> columns, List<Kind> kinds, List<Object[]> rows) {}

  @BeforeAll
  static void start() throws Exception {
    dbs = Databases.start();
  }

  @AfterAll
  static void stop() throws Exception {
    Databases.stop(dbs);
  }

  static Object value(Kind k, Random r) {
    if (r.nextInt(6) == 0) {
      return null;
    }
    return switch (k) {
      case INTEGER -> r.nextLong() >> r.nextInt(60);
      case DECIMAL -> BigDecimal.valueOf(r.nextInt(2_000_000) - 1_000_000, 3);
      case DOUBLE -> (r.nextInt(2_000_000) - 1_000_000) / 7.0;
      case BOOLEAN -> r.nextBoolean();
      case TEXT -> TEXTS[r.nextInt(TEXTS.length)] + (r.nextBoolean() ? "" : r.nextInt(100));
      case TIMESTAMP ->
          LocalDateTime.of(2026, 1, 1, 0, 0)
              .plusSeconds(r.nextInt(31_536_000))
              .plusNanos(r.nextInt(1_000_000) * 1000L);
    };
  }

  /** A value whose canonical text differs from {@code old}'s. */
  static Object changed(Kind k, Object old, Random r) {
    if (old == null) {
      Object v;
      do {
        v = value(k, r);
      } while (v == null);
      return v;
    }
    if (r.nextInt(4) == 0) {
      return null;
    }
    return switch (k) {
      case INTEGER -> (Long) old + 1;
      case DECIMAL -> ((BigDecimal) old).add(new BigDecimal("0.001"));
      case DOUBLE -> (Double) old + 1;
      case BOOLEAN -> !(Boolean) old;
      case TEXT -> old + "x";
      case TIMESTAMP -> ((LocalDateTime) old).plusNanos(1000);
    };
  }

  static Table table(int trial, Random r) {
    List<String> columns = new ArrayList<>(List.of("id"));
    List<Kind> kinds = new ArrayList<>(List.of(Kind.INTEGER));
    int others = 2 + r.nextInt(5);
    for (int c = 0; c < others; c++) {
      columns.add("c" + c);
      kinds.add(Kind.values()[r.nextInt(Kind.values().length)]);
    }
    List<Object[]> rows = new ArrayList<>();
    int n = 1 + r.nextInt(60);
    for (int i = 0; i < n; i++) {
      Object[] row = new Object[columns.size()];
      row[0] = (long) i * 3 + 1;
      for (int c = 1; c < row.length; c++) {
        row[c] = value(kinds.get(c), r);
      }
      rows.add(row);
    }
    return new Table("prop_" + trial, columns, kinds, rows);
  }

  @Test
  void oneChangedCellIsNamedByItsColumnWhicheverSourceItIsIn(@TempDir Path dir) throws Exception {
    Random r = new Random(SEED);
    for (int trial = 0; trial < TRIALS; trial++) {
      Table t = table(trial, r);
      int row = r.nextInt(t.rows().size());
      int column = 1 + r.nextInt(t.columns().size() - 1);
      int target = r.nextInt(3); // 0 PostgreSQL, 1 MariaDB, 2 CSV
      List<Object[]> changedRows = new ArrayList<>();
      for (Object[] x : t.rows()) {
        changedRows.add(x.clone());
      }
      changedRows.get(row)[column] = changed(t.kinds().get(column), t.rows().get(row)[column], r);
      String where =
          "seed "
              + SEED
              + ", trial "
              + trial
              + ": "
              + t.columns()
              + " "
              + t.kinds()
              + ", row "
              + row
              + ", column "
              + t.columns().get(column)
              + " in source "
              + target;

      load(dbs.postgresConnection(), t, target == 0 ? changedRows : t.rows(), true);
      load(dbs.mariadbConnection(), t, target == 1 ? changedRows : t.rows(), false);
      Path csv = csv(dir, t, target == 2 ? changedRows : t.rows());
      List<JsonNode> prints =
          List.of(
              fingerprint("--jdbc", dbs.postgres.jdbcUrl(), "--table", t.name()),
              fingerprint("--jdbc", dbs.mariadb.fpUrl(), "--table", t.name()),
              fingerprint(csvArgs(csv, t)));

      JsonNode changed = prints.get(target);
      JsonNode same = prints.get((target + 1) % 3);
      JsonNode other = prints.get((target + 2) % 3);
      assertThat(other.path("contentHash")).as(where).isEqualTo(same.path("contentHash"));
      assertThat(other.path("columnHashes")).as(where).isEqualTo(same.path("columnHashes"));
      assertThat(changed.path("contentHash")).as(where).isNotEqualTo(same.path("contentHash"));
      for (JsonNode untouched : List.of(same, other)) {
        assertThat(
                FingerprintResult.differingColumns(
                    FingerprintDatabasesIT.columnHashes(untouched),
                    FingerprintDatabasesIT.columnHashes(changed)))
            .as(where)
            .containsExactly(t.columns().get(column));
      }
    }
  }

  static void load(Connection connection, Table t, List<Object[]> rows, boolean postgresql)
      throws Exception {
    StringBuilder ddl = new StringBuilder("CREATE TABLE " + t.name() + " (");
    for (int c = 0; c < t.columns().size(); c++) {
      Kind k = t.kinds().get(c);
      ddl.append(c == 0 ? "" : ", ")
          .append(t.columns().get(c))
          .append(' ')
          .append(postgresql ? k.pg : k.maria)
          .append(c == 0 ? " PRIMARY KEY" : "");
    }
    ddl.append(postgresql ? ")" : ") CHARACTER SET utf8mb4");
    String marks = String.join(",", java.util.Collections.nCopies(t.columns().size(), "?"));
    try (Connection c = connection;
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + t.name());
      s.execute(ddl.toString());
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO "
                  + t.name()
                  + " ("
                  + String.join(", ", t.columns())
                  + ") VALUES ("
                  + marks
                  + ")")) {
        for (Object[] row : rows) {
          for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            if (postgresql && v instanceof LocalDateTime ts) {
              v = ts.atOffset(ZoneOffset.UTC);
            }
            if (v == null) {
              p.setNull(i + 1, sqlType(t.kinds().get(i)));
            } else {
              p.setObject(i + 1, v);
            }
          }
          p.addBatch();
        }
        p.executeBatch();
      }
    }
  }

  private static int sqlType(Kind k) {
    return switch (k) {
      case INTEGER -> java.sql.Types.BIGINT;
      case DECIMAL -> java.sql.Types.DECIMAL;
      case DOUBLE -> java.sql.Types.DOUBLE;
      case BOOLEAN -> java.sql.Types.BOOLEAN;
      case TEXT -> java.sql.Types.VARCHAR;
      case TIMESTAMP -> java.sql.Types.TIMESTAMP;
    };
  }

  static Path csv(Path dir, Table t, List<Object[]> rows) throws Exception {
    Path csv = dir.resolve(t.name() + ".csv");
    CSVFormat format = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL_NON_NULL).get();
    try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
        CSVPrinter out = new CSVPrinter(w, format)) {
      out.printRecord(t.columns());
      for (Object[] row : rows) {
        List<Object> cells = new ArrayList<>();
        for (Object v : row) {
          cells.add(v instanceof BigDecimal d ? d.toPlainString() : v);
        }
        out.printRecord(cells);
      }
    }
    return csv;
  }

  static String[] csvArgs(Path csv, Table t) {
    List<String> args = new ArrayList<>(List.of("--csv", csv.toString()));
    for (int c = 0; c < t.columns().size(); c++) {
      args.add("--type");
      args.add(t.columns().get(c) + "=" + t.kinds().get(c).csv);
    }
    return args.toArray(String[]::new);
  }

  static JsonNode fingerprint(String... source) throws Exception {
    List<String> args = new ArrayList<>(List.of(source));
    args.addAll(List.of("--output", "t", "--bucket-key", "id", "--buckets", "4"));
    return FingerprintRun.json(args);
  }
}
