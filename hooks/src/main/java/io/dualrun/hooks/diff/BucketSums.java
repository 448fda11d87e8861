package io.dualrun.hooks.diff;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Comparing two sides' bucket sums. */
final class BucketSums {
  private BucketSums() {}

  static BucketSum add(BucketSum a, BucketSum b) {
    return new BucketSum(a.rows() + b.rows(), a.hash() + b.hash());
  }

  /** The buckets whose count or hash differs (a bucket one side lacks counts as empty there). */
  static Set<Long> differing(Map<Long, BucketSum> baseline, Map<Long, BucketSum> candidate) {
    Set<Long> all = new TreeSet<>(baseline.keySet());
    all.addAll(candidate.keySet());
    all.removeIf(
        b ->
            baseline
                .getOrDefault(b, BucketSum.EMPTY)
                .equals(candidate.getOrDefault(b, BucketSum.EMPTY)));
    return all;
  }

  /** The sum of every bucket's hash mod 2^64: the content hash of all the rows. */
  static long hash(Map<Long, BucketSum> sums) {
    long hash = 0;
    for (BucketSum s : sums.values()) {
      hash += s.hash();
    }
    return hash;
  }

  /** Rows of {@code sums} in {@code buckets}. */
  static long rows(Map<Long, BucketSum> sums, Set<Long> buckets) {
    long rows = 0;
    for (long b : buckets) {
      rows += sums.getOrDefault(b, BucketSum.EMPTY).rows();
    }
    return rows;
  }
}
