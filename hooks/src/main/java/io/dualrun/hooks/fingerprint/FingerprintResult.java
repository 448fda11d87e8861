package io.dualrun.hooks.fingerprint;

import io.dualrun.schemas.avro.BucketHashes;
import io.dualrun.schemas.avro.ColumnHash;
import io.dualrun.schemas.avro.ColumnHashes;
import io.dualrun.schemas.avro.ColumnStats;
import io.dualrun.schemas.avro.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The computed part of an output fingerprint.
 *
 * @param rowCount rows
 * @param contentHash 16 hex digits
 * @param schema included columns, sorted by name
 * @param columns their stats, same order
 * @param buckets per-bucket counts and hashes, or null
 * @param columnHashes per-column hashes, same order as {@code schema}
 */
public record FingerprintResult(
    long rowCount,
    String contentHash,
    List<ColumnType> schema,
    List<ColumnStats> columns,
    BucketHashes buckets,
    ColumnHashes columnHashes) {

  /** Bucket numbers whose row count or hash differ between {@code a} and {@code b}. */
  public static List<Integer> differingBuckets(BucketHashes a, BucketHashes b) {
    if (a.getHashes().size() != b.getHashes().size()) {
      throw new IllegalArgumentException(
          "bucket counts differ: " + a.getHashes().size() + " and " + b.getHashes().size());
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < a.getHashes().size(); i++) {
      if (!a.getHashes().get(i).equals(b.getHashes().get(i))
          || !a.getRowCounts().get(i).equals(b.getRowCounts().get(i))) {
        out.add(i);
      }
    }
    return out;
  }

  /**
   * Names of the columns whose hash differs between {@code a} and {@code b}, or that only one of
   * them has, in {@code a}'s order then {@code b}'s. The hashes must have been computed with the
   * same key: with another key every non-key column's hash differs.
   */
  public static List<String> differingColumns(ColumnHashes a, ColumnHashes b) {
    if (!a.getKeyColumns().equals(b.getKeyColumns())) {
      throw new IllegalArgumentException(
          "column hashes of different keys: " + a.getKeyColumns() + " and " + b.getKeyColumns());
    }
    Map<String, String> inB = byName(b);
    Map<String, String> inA = byName(a);
    List<String> out = new ArrayList<>();
    for (ColumnHash h : a.getHashes()) {
      if (!h.getHash().equals(inB.get(h.getName()))) {
        out.add(h.getName());
      }
    }
    for (ColumnHash h : b.getHashes()) {
      if (!inA.containsKey(h.getName())) {
        out.add(h.getName());
      }
    }
    return out;
  }

  private static Map<String, String> byName(ColumnHashes hashes) {
    return hashes.getHashes().stream()
        .collect(Collectors.toMap(ColumnHash::getName, ColumnHash::getHash));
  }
}
