package io.dualrun.hooks.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dualrun.schemas.ColumnKind;
import io.dualrun.schemas.avro.ColumnStats;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprinterTest {
  static final List<Column> COLUMNS =
      List.of(
          new Column("ID", ColumnKind.INTEGER),
          new Column("amount", ColumnKind.DECIMAL),
          new Column("name", ColumnKind.TEXT));

  static List<Object[]> rows() {
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {1L, new BigDecimal("1.50"), "a"});
    rows.add(new Object[] {2L, new BigDecimal("-2.25"), null});
    rows.add(new Object[] {3L, null, ""});
    return rows;
  }

  static FingerprintResult fingerprint(
      List<Column> columns, List<Object[]> rows, List<String> ignore) {
    Fingerprinter f = new Fingerprinter(columns, ignore, List.of("id"), 4);
    rows.forEach(f::add);
    return f.result();
  }

  @Test
  void theHashDoesNotDependOnRowOrColumnOrder() {
    List<Object[]> reversed = new ArrayList<>(rows());
    Collections.reverse(reversed);
    List<Column> swapped = List.of(COLUMNS.get(2), COLUMNS.get(0), COLUMNS.get(1));
    List<Object[]> swappedRows = rows().stream().map(r -> new Object[] {r[2], r[0], r[1]}).toList();

    String hash = fingerprint(COLUMNS, rows(), List.of()).contentHash();
    assertThat(fingerprint(COLUMNS, reversed, List.of()).contentHash()).isEqualTo(hash);
    assertThat(fingerprint(swapped, swappedRows, List.of()).contentHash()).isEqualTo(hash);
    assertThat(hash).matches("[0-9a-f]{16}");
  }

  @Test
  void nullAndEmptyTextDiffer() {
    List<Object[]> other = rows();
    other.set(1, new Object[] {2L, new BigDecimal("-2.25"), ""});
    assertThat(fingerprint(COLUMNS, other, List.of()).contentHash())
        .isNotEqualTo(fingerprint(COLUMNS, rows(), List.of()).contentHash());
  }

  @Test
  void ignoredColumnsAreLeftOut() {
    List<Object[]> other = rows();
    other.set(0, new Object[] {1L, new BigDecimal("1.50"), "changed"});
    FingerprintResult a = fingerprint(COLUMNS, rows(), List.of("NAME"));
    FingerprintResult b = fingerprint(COLUMNS, other, List.of("name"));
    assertThat(a.contentHash()).isEqualTo(b.contentHash());
    assertThat(a.schema()).extracting(c -> c.getName()).containsExactly("amount", "id");
  }

  @Test
  void statsAreExact() {
    FingerprintResult r = fingerprint(COLUMNS, rows(), List.of());
    ColumnStats amount = r.columns().get(0);
    assertThat(amount.getName()).isEqualTo("amount");
    assertThat(amount.getNulls()).isEqualTo(1);
    assertThat(amount.getMin()).isEqualTo("-2.25");
    assertThat(amount.getMax()).isEqualTo("1.5");
    assertThat(amount.getSum()).isEqualTo("-0.75");
    ColumnStats name = r.columns().get(2);
    assertThat(name.getMin()).isEmpty();
    assertThat(name.getMax()).isEqualTo("a");
    assertThat(name.getSum()).isNull();
    assertThat(r.rowCount()).isEqualTo(3);
  }

  @Test
  void bucketsAddUpAndLocaliseAChange() {
    FingerprintResult a = fingerprint(COLUMNS, rows(), List.of());
    List<Object[]> other = rows();
    other.set(2, new Object[] {3L, new BigDecimal("9"), ""});
    FingerprintResult b = fingerprint(COLUMNS, other, List.of());

    assertThat(a.buckets().getRowCounts().stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
    assertThat(FingerprintResult.differingBuckets(a.buckets(), b.buckets()))
        .containsExactly(Fingerprinter.bucketOf(new String[] {"3"}, 4));
  }

  @Test
  void unknownColumnsAreNamed() {
    assertThatThrownBy(() -> new Fingerprinter(COLUMNS, List.of("nope"), List.of(), 1))
        .hasMessageContaining("--ignore-column")
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> new Fingerprinter(COLUMNS, List.of(), List.of("key"), 4))
        .hasMessageContaining("--bucket-key");
  }

  @Test
  void csvFilesGiveTheSameFingerprintAsTypedRows(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("out.csv");
    Files.writeString(
        csv, "name,amount,ID\n\"\",,3\na,1.500,1\n,-2.250,2\n", StandardCharsets.UTF_8);
    Fingerprinter f = new Fingerprinter(csvColumns(csv), List.of(), List.of("id"), 4);
    try (CsvSource source =
        new CsvSource(
            List.of(csv), ',', Map.of("id", ColumnKind.INTEGER, "amount", ColumnKind.DECIMAL))) {
      Object[] row = new Object[3];
      while (source.next(row)) {
        f.add(row);
      }
    }
    assertThat(f.result().contentHash())
        .isEqualTo(fingerprint(COLUMNS, rows(), List.of()).contentHash());
  }

  @Test
  void aBadCsvValueIsNamedByFileLineAndColumn(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "id,amount\n1,2.5\n2,lots\n", StandardCharsets.UTF_8);
    try (CsvSource source =
        new CsvSource(List.of(csv), ',', Map.of("amount", ColumnKind.DECIMAL))) {
      Object[] row = new Object[2];
      assertThat(source.next(row)).isTrue();
      assertThatThrownBy(() -> source.next(row))
          .hasMessageContaining("bad.csv:3")
          .hasMessageContaining("column amount")
          .hasMessageContaining("'lots' is not a decimal");
    }
  }

  static List<Column> csvColumns(Path csv) throws Exception {
    try (CsvSource s =
        new CsvSource(
            List.of(csv), ',', Map.of("id", ColumnKind.INTEGER, "amount", ColumnKind.DECIMAL))) {
      return s.columns();
    }
  }
}
