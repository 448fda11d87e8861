package io.dualrun.hooks.diff;

/** What one bucket of rows amounts to: its row count and the sum of its row hashes mod 2^64. */
public record BucketSum(long rows, long hash) {
  public static final BucketSum EMPTY = new BucketSum(0, 0);

  public BucketSum plus(long rowHash) {
    return new BucketSum(rows + 1, hash + rowHash);
  }
}
