package io.dualrun.hooks.fingerprint;

import io.dualrun.schemas.avro.BucketHashes;
import io.dualrun.schemas.avro.ColumnStats;
import io.dualrun.schemas.avro.ColumnType;
import io.dualrun.schemas.normalise.Normalisation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Accumulates rows into a fingerprint in constant memory: row count, content hash (sum mod 2^64 of
 * row hashes), per-column stats, per-column hashes and, with key columns, per-bucket row counts and
 * hashes. Rows come as values in the source's column order; ignored columns are left out of
 * everything. Under normalisation rules, columns take their names in the fingerprint (a rule may
 * rename a side's column) and their values are normalised before anything else sees them.
 */
public final class Fingerprinter {
  private final List<Column> columns;
  private final int[] hashed;
  private final int[] keys;
  private final List<String> keyNames;
  private final ColumnStatsAccumulator[] stats;
  private final ColumnHashAccumulator columnHashes;
  private final RowEncoder rowEncoder = new RowEncoder();
  private final RowEncoder keyEncoder = new RowEncoder();
  private final RowBuffer row = new RowBuffer();
  private final boolean[] isHashed;
  private final int[] starts;
  private final int[] ends;
  private final int[] normalised;
  private final ValueNormaliser[] normalisers;
  private final long[] bucketRows;
  private final long[] bucketHashes;
  private long rows;
  private long content;
  private long lastRowHash;
  private long lastKeyHash;

  /**
   * @param columns the source's columns, in its order
   * @param ignore names of columns to leave out (any case)
   * @param keyColumns bucket key columns, in key order (any case); empty for no buckets
   * @param buckets number of buckets (used with key columns)
   */
  public Fingerprinter(
      List<Column> columns, List<String> ignore, List<String> keyColumns, int buckets) {
    this(columns, ignore, keyColumns, buckets, Normalisation.NONE, false);
  }

  /**
   * @param sourceColumns the source's columns, in its order, by their names on this side
   * @param ignore names of columns to leave out (any case; names in the fingerprint)
   * @param keyColumns bucket key columns, in key order (any case; names in the fingerprint); empty
   *     for no buckets
   * @param buckets number of buckets (used with key columns)
   * @param rules normalisation rules, by column name in the fingerprint
   * @param candidateSide whether the source is the candidate's (the side the rules' renames use)
   * @throws IllegalArgumentException naming the option and the reason for a bad column or rule
   */
  public Fingerprinter(
      List<Column> sourceColumns,
      List<String> ignore,
      List<String> keyColumns,
      int buckets,
      Normalisation rules,
      boolean candidateSide) {
    List<Column> columns = named(sourceColumns, rules, candidateSide);
    this.columns = List.copyOf(columns);
    List<String> names = columns.stream().map(Column::name).toList();
    if (names.stream().distinct().count() != names.size()) {
      throw new IllegalArgumentException("column names must be unique ignoring case: " + names);
    }
    List<String> ignored = ignore.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    for (String name : ignored) {
      require(names, name, "--ignore-column");
    }
    this.hashed =
        IntStream.range(0, columns.size())
            .filter(i -> !ignored.contains(names.get(i)))
            .boxed()
            .sorted(Comparator.comparing(names::get))
            .mapToInt(Integer::intValue)
            .toArray();
    this.keyNames = keyColumns.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    this.keys = keyNames.stream().mapToInt(n -> require(names, n, "--bucket-key")).toArray();
    if (!keyNames.isEmpty() && buckets < 1) {
      throw new IllegalArgumentException("--buckets must be 1 or more, was " + buckets);
    }
    int b = keyNames.isEmpty() ? 0 : buckets;
    this.bucketRows = new long[b];
    this.bucketHashes = new long[b];
    this.stats = new ColumnStatsAccumulator[columns.size()];
    for (int i : hashed) {
      stats[i] = new ColumnStatsAccumulator(names.get(i), columns.get(i).kind());
    }
    this.columnHashes = new ColumnHashAccumulator(hashed, keys);
    this.isHashed = new boolean[columns.size()];
    for (int i : hashed) {
      isHashed[i] = true;
    }
    this.starts = new int[columns.size()];
    this.ends = new int[columns.size()];
    this.normalisers = new ValueNormaliser[columns.size()];
    for (var e : rules.columns().entrySet()) {
      int i = require(names, e.getKey(), "--normalise");
      normalisers[i] =
          ValueNormaliser.of(e.getValue(), new Column(names.get(i), sourceColumns.get(i).kind()));
    }
    this.normalised =
        IntStream.range(0, columns.size()).filter(i -> normalisers[i] != null).toArray();
  }

  /** The columns by their names in the fingerprint, typed as the rules make them. */
  private static List<Column> named(
      List<Column> source, Normalisation rules, boolean candidateSide) {
    List<Column> out = new ArrayList<>();
    for (Column c : source) {
      String name = rules.canonicalName(c.name(), candidateSide);
      out.add(new Column(name, ValueNormaliser.kindUnder(rules.rule(name), c.kind())));
    }
    return out;
  }

  private static int require(List<String> names, String name, String option) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException(
          option + ": no column '" + name + "' (columns: " + String.join(", ", names) + ")");
    }
    return i;
  }

  /**
   * Adds one row: {@code values[i]} belongs to column i (normalised in place when a rule applies to
   * it).
   */
  public void add(Object[] values) {
    for (int i : normalised) {
      values[i] = normalisers[i].apply(values[i]);
    }
    row.clear();
    for (int i : hashed) {
      encode(i, values[i]);
      if (values[i] == null) {
        stats[i].addNull();
      } else {
        stats[i].add(values[i], row, starts[i] + 5, ends[i] - starts[i] - 5);
      }
    }
    long h = rowEncoder.hash(row.bytes(), 0, row.size());
    lastRowHash = h;
    content += h;
    rows++;
    long key = 0;
    if (keys.length > 0) {
      for (int i : keys) {
        if (!isHashed[i]) {
          encode(i, values[i]);
        }
      }
      key = keyEncoder.hash(row.bytes(), starts, ends, keys);
      lastKeyHash = key;
      int bucket = (int) Long.remainderUnsigned(key, bucketRows.length);
      bucketRows[bucket]++;
      bucketHashes[bucket] += h;
    }
    columnHashes.add(row.bytes(), starts, ends, key);
  }

  /** Appends the encoding of column i's value (null marker, or marker, length and text). */
  private void encode(int i, Object value) {
    starts[i] = row.size();
    if (value == null) {
      row.put(0);
    } else {
      row.put(1);
      int length = row.reserveLength();
      CanonicalBytes.write(value, row);
      row.putLengthAt(length, row.size() - length - 4);
    }
    ends[i] = row.size();
  }

  public long rows() {
    return rows;
  }

  /** The row hash of the row added last. */
  public long lastRowHash() {
    return lastRowHash;
  }

  /** The key hash of the row added last (0 without key columns). */
  public long lastKeyHash() {
    return lastKeyHash;
  }

  /** The fingerprinted columns' names, in the encoding's order (sorted). */
  public List<String> hashedNames() {
    return IntStream.of(hashed).mapToObj(i -> columns.get(i).name()).toList();
  }

  /** The row added last: the canonical text of each fingerprinted column (null for null). */
  public String[] lastTexts() {
    return texts(hashed);
  }

  /** The row added last: the canonical text of each key column, in key order. */
  public String[] lastKeyTexts() {
    return texts(keys);
  }

  private String[] texts(int[] positions) {
    String[] texts = new String[positions.length];
    for (int p = 0; p < positions.length; p++) {
      int i = positions[p];
      if (ends[i] - starts[i] > 1) { // null is the one byte 0x00; a value is 0x01, length, text
        texts[p] =
            new String(
                row.bytes(),
                starts[i] + 5,
                ends[i] - starts[i] - 5,
                java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return texts;
  }

  /** The bucket a key (canonical key-column texts, in key order) falls into. */
  public static int bucketOf(String[] keyTexts, int buckets) {
    return (int) Long.remainderUnsigned(keyHash(keyTexts), buckets);
  }

  /**
   * The hash of a key (canonical key-column texts, in key order, null for null): the row hash of
   * its encoding, which places a row in its bucket and seeds its cells' column hashes.
   */
  public static long keyHash(String[] keyTexts) {
    int[] positions = IntStream.range(0, keyTexts.length).toArray();
    return new RowEncoder().hash(keyTexts, positions);
  }

  /** What the rows added so far amount to. */
  public FingerprintResult result() {
    List<ColumnType> schema = new ArrayList<>();
    List<ColumnStats> columnStats = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i : hashed) {
      schema.add(new ColumnType(columns.get(i).name(), columns.get(i).kind().label()));
      columnStats.add(stats[i].result());
      names.add(columns.get(i).name());
    }
    BucketHashes b = null;
    if (keys.length > 0) {
      b =
          new BucketHashes(
              keyNames,
              Arrays.stream(bucketRows).boxed().toList(),
              Arrays.stream(bucketHashes).mapToObj(RowEncoder::hex).toList());
    }
    return new FingerprintResult(
        rows,
        RowEncoder.hex(content),
        schema,
        columnStats,
        b,
        columnHashes.result(names, keyNames));
  }
}
