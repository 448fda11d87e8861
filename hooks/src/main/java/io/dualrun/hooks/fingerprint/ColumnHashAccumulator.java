package io.dualrun.hooks.fingerprint;

import io.dualrun.schemas.avro.ColumnHash;
import io.dualrun.schemas.avro.ColumnHashes;
import java.util.ArrayList;
import java.util.List;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The per-column hashes of a fingerprint, so that a difference can be named by column: for each
 * included column, the sum mod 2^64 of the XXH64 of each of its cells, where a cell is the column's
 * part of the row encoding (null marker, or marker, length and canonical text). With a key, the
 * cells of the other columns are hashed with the row's key hash as the seed, so that a changed cell
 * changes its own column's hash and no other, and a value moved to another key changes it too; the
 * key columns, and every column when there is no key, are hashed with seed 0 (their values alone).
 * The sums are order-independent and mergeable, like the content hash.
 *
 * <p>XXH64 rather than SHA-256, which the row hash uses: it runs once per cell, not once per row,
 * and on a few bytes XXH64 costs a fraction of a SHA-256. The pure-Java instance is used (no native
 * library is loaded); every instance gives the same values.
 */
final class ColumnHashAccumulator {
  private static final XXHash64 XXH64 = XXHashFactory.fastestJavaInstance().hash64();

  private final int[] columns;
  private final boolean[] seededByKey;
  private final long[] sums;

  /**
   * @param columns positions in the row of the included columns, in output (name) order
   * @param keys positions of the key columns; empty for no key
   */
  ColumnHashAccumulator(int[] columns, int[] keys) {
    this.columns = columns.clone();
    this.seededByKey = new boolean[columns.length];
    for (int c = 0; c < columns.length; c++) {
      seededByKey[c] = keys.length > 0 && !contains(keys, columns[c]);
    }
    this.sums = new long[columns.length];
  }

  private static boolean contains(int[] values, int value) {
    for (int v : values) {
      if (v == value) {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds one row: column i's cell is {@code encoded[starts[i], ends[i])}; {@code keyHash} is the
   * row's key hash (ignored without a key).
   */
  void add(byte[] encoded, int[] starts, int[] ends, long keyHash) {
    for (int c = 0; c < columns.length; c++) {
      int i = columns[c];
      sums[c] += cellHash(encoded, starts[i], ends[i] - starts[i], seededByKey[c] ? keyHash : 0);
    }
  }

  /** The XXH64 of an encoded cell ({@code length} bytes at {@code from}) with {@code seed}. */
  static long cellHash(byte[] encoded, int from, int length, long seed) {
    return XXH64.hash(encoded, from, length, seed);
  }

  /**
   * The hashes, named by {@code names} (same order as the columns).
   *
   * @param keyColumns the key's column names, in key order; empty for no key
   */
  ColumnHashes result(List<String> names, List<String> keyColumns) {
    List<ColumnHash> hashes = new ArrayList<>(columns.length);
    for (int c = 0; c < columns.length; c++) {
      hashes.add(new ColumnHash(names.get(c), RowEncoder.hex(sums[c])));
    }
    return new ColumnHashes(new ArrayList<>(keyColumns), hashes);
  }
}
