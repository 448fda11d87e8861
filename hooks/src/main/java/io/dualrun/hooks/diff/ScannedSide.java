package io.dualrun.hooks.diff;

import io.dualrun.hooks.fingerprint.Fingerprinter;
import io.dualrun.hooks.fingerprint.RowSource;
import io.dualrun.schemas.normalise.Normalisation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A side read by this process, row by row, as {@code dualrun fingerprint} reads a CSV file or a
 * query: one pass keeps each row's key hash and row hash (16 bytes a row), every aggregate is
 * answered from them, and the rows of the buckets asked for are read in a second pass. The bytes it
 * counts as sent are what an agent beside the data would send: 20 per bucket sum, the texts of the
 * rows. Sensitive columns are masked here, before a row is handed out.
 */
public final class ScannedSide implements DiffSide {
  /** Opens the side's rows, once for the hashes and once for the rows asked for. */
  @FunctionalInterface
  public interface Rows {
    RowSource open() throws Exception;
  }

  private final Rows rows;
  private final List<String> keyColumns;
  private final List<String> ignore;
  private final Normalisation rules;
  private final boolean candidateSide;
  private final Masking masking;
  private long[] keyHashes = new long[1024];
  private long[] rowHashes = new long[1024];
  private int count;
  private List<String> columns;
  private long bytesSent;

  public ScannedSide(
      Rows rows,
      List<String> keyColumns,
      List<String> ignore,
      Normalisation rules,
      boolean candidateSide,
      Masking masking)
      throws Exception {
    this.rows = rows;
    this.masking = masking;
    this.keyColumns = List.copyOf(keyColumns);
    this.ignore = List.copyOf(ignore);
    this.rules = rules;
    this.candidateSide = candidateSide;
    scan();
  }

  private Fingerprinter fingerprinter(RowSource source) {
    return new Fingerprinter(source.columns(), ignore, keyColumns, 1, rules, candidateSide);
  }

  private void scan() throws Exception {
    try (RowSource source = rows.open()) {
      Fingerprinter f = fingerprinter(source);
      columns = f.hashedNames();
      Object[] values = new Object[source.columns().size()];
      while (source.next(values)) {
        f.add(values);
        if (count == keyHashes.length) {
          keyHashes = Arrays.copyOf(keyHashes, count * 2);
          rowHashes = Arrays.copyOf(rowHashes, count * 2);
        }
        keyHashes[count] = f.lastKeyHash();
        rowHashes[count] = f.lastRowHash();
        count++;
      }
    }
  }

  @Override
  public List<String> keyColumns() {
    return keyNames();
  }

  private List<String> keyNames() {
    return keyColumns.stream().map(k -> k.toLowerCase(java.util.Locale.ROOT)).toList();
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public Map<Long, BucketSum> sums(long modulus, long parentModulus, Set<Long> parents) {
    Map<Long, BucketSum> sums = new HashMap<>();
    for (int r = 0; r < count; r++) {
      if (parents.contains(Long.remainderUnsigned(keyHashes[r], parentModulus))) {
        long bucket = Long.remainderUnsigned(keyHashes[r], modulus);
        sums.merge(bucket, BucketSum.EMPTY.plus(rowHashes[r]), BucketSums::add);
      }
    }
    bytesSent += 20L * sums.size();
    return sums;
  }

  @Override
  public List<DiffRow> rows(long modulus, Set<Long> buckets) throws Exception {
    List<DiffRow> found = new ArrayList<>();
    try (RowSource source = rows.open()) {
      Fingerprinter f = fingerprinter(source);
      Object[] values = new Object[source.columns().size()];
      while (source.next(values)) {
        f.add(values);
        if (buckets.contains(Long.remainderUnsigned(f.lastKeyHash(), modulus))) {
          DiffRow row =
              masking.apply(
                  new DiffRow(list(f.lastKeyTexts()), list(f.lastTexts())), columns, keyNames());
          found.add(row);
          bytesSent += DiffRows.bytes(row);
        }
      }
    }
    return found;
  }

  private static List<String> list(String[] texts) {
    return java.util.Collections.unmodifiableList(Arrays.asList(texts));
  }

  @Override
  public long bytesSent() {
    return bytesSent;
  }

  /** The number of rows of the side. */
  public long rowCount() {
    return count;
  }

  @Override
  public void close() {}
}
