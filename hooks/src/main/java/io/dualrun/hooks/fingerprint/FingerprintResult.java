package io.dualrun.hooks.fingerprint;

import io.dualrun.schemas.avro.BucketHashes;
import io.dualrun.schemas.avro.ColumnStats;
import io.dualrun.schemas.avro.ColumnType;
import java.util.ArrayList;
import java.util.List;

/**
 * The computed part of an output fingerprint.
 *
 * @param rowCount rows
 * @param contentHash 16 hex digits
 * @param schema included columns, sorted by name
 * @param columns their stats, same order
 * @param buckets per-bucket counts and hashes, or null
 */
public record FingerprintResult(
    long rowCount,
    String contentHash,
    List<ColumnType> schema,
    List<ColumnStats> columns,
    BucketHashes buckets) {

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
}
