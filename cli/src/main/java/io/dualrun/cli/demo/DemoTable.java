package io.dualrun.cli.demo;

import io.dualrun.hooks.fingerprint.Column;
import io.dualrun.hooks.fingerprint.FingerprintResult;
import io.dualrun.hooks.fingerprint.Fingerprinter;
import io.dualrun.schemas.ColumnKind;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The one output of the sample migration whose rows exist: {@code dw.inventory_snapshot} of
 * inventory-snapshot's 2026-11-08, 88,000 rows on each side, the candidate's quantity off in three
 * of them. The demo writes both sides as CSV files for two side agents; the fingerprints the
 * recording carries for this pair are those of these very rows, so the automatic drill-down finds
 * the three.
 */
public final class DemoTable {
  public static final String WORKFLOW = "inventory-snapshot";
  public static final String PARTITION = "2026-11-08";
  public static final String OUTPUT = "dw.inventory_snapshot";
  static final int ROWS = 88_000;

  /** The rows whose quantity the candidate has otherwise: id → what it adds. */
  static final Map<Integer, Integer> CHANGED = Map.of(1042, 12, 20517, 7, 63001, 11);

  private static final List<Column> COLUMNS =
      List.of(
          new Column("id", ColumnKind.INTEGER),
          new Column("quantity", ColumnKind.DECIMAL),
          new Column("touch_ts", ColumnKind.TIMESTAMP),
          new Column("loaded_at", ColumnKind.TIMESTAMP));

  /** The CSV types an agent reads the files with ({@code --type}). */
  public static final List<String> TYPES =
      List.of("id=integer", "quantity=decimal", "touch_ts=timestamp", "loaded_at=timestamp");

  private static final Instant DAY = Instant.parse("2026-11-08T00:00:00Z");
  private static final String LOADED = "2026-11-09T06:52:00Z";

  private DemoTable() {}

  /** Row {@code id}'s values as CSV text: id, quantity, touch_ts, loaded_at. */
  private static String[] row(int id, boolean candidate) {
    int quantity = (int) ((id * 7919L) % 10_000);
    if (candidate) {
      quantity += CHANGED.getOrDefault(id, 0);
    }
    Instant touched = DAY.plusSeconds((id * 37L) % 86_400);
    return new String[] {
      Integer.toString(id), Integer.toString(quantity), touched.toString(), LOADED
    };
  }

  /** Writes one side's rows as a CSV file with a header line. */
  public static Path write(Path file, boolean candidate) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("id,quantity,touch_ts,loaded_at\n");
      for (int id = 1; id <= ROWS; id++) {
        w.write(String.join(",", row(id, candidate)));
        w.write('\n');
      }
    }
    return file;
  }

  /**
   * One side's fingerprint, as {@code dualrun fingerprint --csv FILE --bucket-key id --buckets 8}
   * with the types above computes it from the file {@link #write} writes.
   */
  static FingerprintResult fingerprint(boolean candidate) {
    Fingerprinter f = new Fingerprinter(COLUMNS, List.of(), List.of("id"), SampleMigration.BUCKETS);
    Object[] values = new Object[COLUMNS.size()];
    for (int id = 1; id <= ROWS; id++) {
      String[] text = row(id, candidate);
      values[0] = new BigInteger(text[0]);
      values[1] = new BigDecimal(text[1]);
      // as dualrun fingerprint --csv reads them
      values[2] = OffsetDateTime.parse(text[2]);
      values[3] = OffsetDateTime.parse(text[3]);
      f.add(values);
    }
    return f.result();
  }
}
