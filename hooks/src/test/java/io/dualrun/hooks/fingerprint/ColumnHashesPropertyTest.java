package io.dualrun.hooks.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dualrun.schemas.ColumnKind;
import io.dualrun.schemas.avro.ColumnHash;
import io.dualrun.schemas.avro.ColumnHashes;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * What the column hashes are for: on random small tables (integer, decimal, text and timestamp
 * columns, nulls anywhere) with a declared key, one changed non-key cell changes exactly that
 * column's hash, the key columns' and the other columns' stay equal, and no row order changes
 * anything; fingerprints of two parts of a table add up to the whole's.
 */
class ColumnHashesPropertyTest {
  private static final ColumnKind[] KINDS = {
    ColumnKind.INTEGER, ColumnKind.DECIMAL, ColumnKind.TEXT, ColumnKind.TIMESTAMP
  };
  private static final String[] TEXTS = {"", "a", "b", " a", "é€", "\uD83D\uDE00", "a,b", "0"};

  /** A table: its columns in source order, its key's names and its rows. */
  record Table(List<Column> columns, List<String> key, List<Object[]> rows) {
    FingerprintResult fingerprint(List<String> keyColumns) {
      Fingerprinter f = new Fingerprinter(columns, List.of(), keyColumns, 8);
      rows.forEach(f::add);
      return f.result();
    }

    Table withRows(List<Object[]> other) {
      return new Table(columns, key, other);
    }
  }

  static Table table(Random r) {
    List<Column> columns = new ArrayList<>();
    List<String> key = new ArrayList<>(List.of("k1"));
    columns.add(new Column("k1", ColumnKind.INTEGER));
    if (r.nextBoolean()) {
      key.add("k2");
      columns.add(new Column("k2", ColumnKind.TEXT));
    }
    int others = 1 + r.nextInt(5);
    for (int c = 0; c < others; c++) {
      columns.add(new Column("c" + c, KINDS[r.nextInt(KINDS.length)]));
    }
    Collections.shuffle(columns, r);
    int n = 1 + r.nextInt(30);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object[] row = new Object[columns.size()];
      for (int c = 0; c < row.length; c++) {
        String name = columns.get(c).name();
        row[c] =
            name.equals("k1")
                ? (Object) (long) i
                : value(columns.get(c).kind(), r, !name.equals("k2"));
      }
      rows.add(row);
    }
    return new Table(List.copyOf(columns), List.copyOf(key), rows);
  }

  /** A random value of {@code kind}, or sometimes null if {@code nullable}. */
  static Object value(ColumnKind kind, Random r, boolean nullable) {
    if (nullable && r.nextInt(5) == 0) {
      return null;
    }
    return switch (kind) {
      case INTEGER -> r.nextBoolean() ? (long) r.nextInt(10) : r.nextLong();
      case DECIMAL -> BigDecimal.valueOf(r.nextInt(2000) - 1000, r.nextInt(4));
      case TIMESTAMP ->
          LocalDateTime.ofEpochSecond(
              r.nextInt(2_000_000_000), r.nextInt(1000) * 1000, ZoneOffset.UTC);
      default -> TEXTS[r.nextInt(TEXTS.length)] + (r.nextBoolean() ? "" : r.nextInt(100));
    };
  }

  private static String text(Object value) {
    return value == null ? null : Canonical.text(value);
  }

  @Property(tries = 300)
  void oneChangedCellChangesItsColumnAndNoOther(@ForAll long seed) {
    Random r = new Random(seed);
    Table t = table(r);
    int row = r.nextInt(t.rows().size());
    List<Integer> nonKey = new ArrayList<>();
    for (int c = 0; c < t.columns().size(); c++) {
      if (!t.key().contains(t.columns().get(c).name())) {
        nonKey.add(c);
      }
    }
    int column = nonKey.get(r.nextInt(nonKey.size()));
    Object before = t.rows().get(row)[column];
    Object after;
    do {
      after = value(t.columns().get(column).kind(), r, true);
    } while (Objects.equals(text(after), text(before)));
    List<Object[]> changedRows = new ArrayList<>(t.rows());
    Object[] changed = changedRows.get(row).clone();
    changed[column] = after;
    changedRows.set(row, changed);
    Table other = t.withRows(changedRows);
    String name = t.columns().get(column).name();

    FingerprintResult a = t.fingerprint(t.key());
    FingerprintResult b = other.fingerprint(t.key());
    assertThat(FingerprintResult.differingColumns(a.columnHashes(), b.columnHashes()))
        .containsExactly(name);
    assertThat(b.contentHash()).isNotEqualTo(a.contentHash());
    FingerprintResult plainA = t.fingerprint(List.of());
    FingerprintResult plainB = other.fingerprint(List.of());
    assertThat(FingerprintResult.differingColumns(plainA.columnHashes(), plainB.columnHashes()))
        .containsExactly(name);
  }

  @Property(tries = 200)
  void rowOrderChangesNothing(@ForAll long seed) {
    Random r = new Random(seed);
    Table t = table(r);
    List<Object[]> shuffled = new ArrayList<>(t.rows());
    Collections.shuffle(shuffled, r);
    for (List<String> key : List.of(t.key(), List.<String>of())) {
      FingerprintResult a = t.fingerprint(key);
      FingerprintResult b = t.withRows(shuffled).fingerprint(key);
      assertThat(b.columnHashes()).isEqualTo(a.columnHashes());
      assertThat(b.contentHash()).isEqualTo(a.contentHash());
    }
  }

  @Property(tries = 100)
  void partsAddUpToTheWhole(@ForAll long seed) {
    Random r = new Random(seed);
    Table t = table(r);
    int cut = r.nextInt(t.rows().size() + 1);
    ColumnHashes whole = t.fingerprint(t.key()).columnHashes();
    ColumnHashes head = t.withRows(t.rows().subList(0, cut)).fingerprint(t.key()).columnHashes();
    ColumnHashes tail =
        t.withRows(t.rows().subList(cut, t.rows().size())).fingerprint(t.key()).columnHashes();
    for (int c = 0; c < whole.getHashes().size(); c++) {
      long sum = parse(head.getHashes().get(c)) + parse(tail.getHashes().get(c));
      assertThat(RowEncoder.hex(sum)).isEqualTo(whole.getHashes().get(c).getHash());
    }
  }

  private static long parse(ColumnHash h) {
    return Long.parseUnsignedLong(h.getHash(), 16);
  }

  /** Two rows swap one column's values: the multiset of values stays, the pairs with keys not. */
  @Example
  void aValueMovedToAnotherKeyShowsOnlyWithAKey() {
    List<Column> columns =
        List.of(new Column("id", ColumnKind.INTEGER), new Column("amount", ColumnKind.DECIMAL));
    Table t =
        new Table(
            columns,
            List.of("id"),
            List.of(
                new Object[] {1L, new BigDecimal("5")}, new Object[] {2L, new BigDecimal("7")}));
    Table swapped =
        t.withRows(
            List.of(
                new Object[] {1L, new BigDecimal("7")}, new Object[] {2L, new BigDecimal("5")}));
    assertThat(
            FingerprintResult.differingColumns(
                t.fingerprint(List.of("id")).columnHashes(),
                swapped.fingerprint(List.of("id")).columnHashes()))
        .containsExactly("amount");
    assertThat(
            FingerprintResult.differingColumns(
                t.fingerprint(List.of()).columnHashes(),
                swapped.fingerprint(List.of()).columnHashes()))
        .isEmpty();
  }

  @Example
  void nullAndTheEmptyTextHashDifferently() {
    List<Column> columns =
        List.of(new Column("id", ColumnKind.INTEGER), new Column("name", ColumnKind.TEXT));
    Table empty = new Table(columns, List.of("id"), List.<Object[]>of(new Object[] {1L, ""}));
    Table nul = empty.withRows(List.<Object[]>of(new Object[] {1L, null}));
    for (List<String> key : List.of(List.of("id"), List.<String>of())) {
      assertThat(
              FingerprintResult.differingColumns(
                  empty.fingerprint(key).columnHashes(), nul.fingerprint(key).columnHashes()))
          .containsExactly("name");
    }
  }

  @Example
  void hashesOfDifferentKeysAreNotCompared() {
    Table t = table(new Random(1));
    assertThatThrownBy(
            () ->
                FingerprintResult.differingColumns(
                    t.fingerprint(t.key()).columnHashes(), t.fingerprint(List.of()).columnHashes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("different keys");
  }
}
