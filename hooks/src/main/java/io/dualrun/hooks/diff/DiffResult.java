package io.dualrun.hooks.diff;

import java.time.Duration;
import java.util.List;

/**
 * What a diff found.
 *
 * @param equal whether the two sides hold the same rows
 * @param partial why the differences listed are not all of them (null when they are): the rows of
 *     the differing buckets exceed {@code --max-rows}, or {@code --max-seconds} passed
 * @param schema the columns only one side has (the rows are then not compared), empty otherwise
 * @param differences the differing keys found, by key
 * @param differingRows the rows of the differing buckets at the last level, baseline and candidate
 * @param levels each level of the bisection
 * @param rows the rows of each side (baseline, candidate)
 * @param bytesSent what each side sent (baseline, candidate)
 */
public record DiffResult(
    boolean equal,
    String partial,
    List<String> schema,
    List<KeyDifference> differences,
    long[] differingRows,
    List<Level> levels,
    long[] rows,
    long[] bytesSent,
    Duration elapsed) {

  /** One level: buckets at {@code modulus} within the differing ones of the level before. */
  public record Level(long modulus, int bucketsAsked, int bucketsDiffering, long rowsDiffering) {}

  public long count(KeyDifference.Kind kind) {
    return differences.stream().filter(d -> d.kind() == kind).count();
  }
}
