package io.dualrun.hooks.diff;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Finds the rows that differ between two sides from aggregates: bucket sums by key hash (a bucket
 * at modulus M is split into {@code fanOut} at M·fanOut, only where the sums differ) until the
 * differing buckets hold at most {@code maxRows} rows on each side, then those rows alone are read
 * from both and compared by key. Buckets are by key hash, not by key range, so the two sides'
 * collations never matter.
 */
public final class Bisection {
  /** The most a diff may do. */
  public record Limits(int fanOut, long maxRows, Duration maxTime) {
    public Limits {
      if (fanOut < 2) {
        throw new IllegalArgumentException("--buckets must be 2 or more, was " + fanOut);
      }
      if (maxRows < 1) {
        throw new IllegalArgumentException("--max-rows must be 1 or more, was " + maxRows);
      }
      if (maxTime.isNegative() || maxTime.isZero()) {
        throw new IllegalArgumentException("--max-seconds must be positive, was " + maxTime);
      }
    }
  }

  private final DiffSide baseline;
  private final DiffSide candidate;
  private final Limits limits;
  private final LongSupplier nanoTime;
  private final long[] contentHashes = new long[2];

  public Bisection(DiffSide baseline, DiffSide candidate, Limits limits, LongSupplier nanoTime) {
    this.baseline = baseline;
    this.candidate = candidate;
    this.limits = limits;
    this.nanoTime = nanoTime;
  }

  /**
   * The sum of every row hash of each side (baseline, candidate) as the first level read it: the
   * content hash a fingerprint of the same rows under the same rules carries. Zero before {@link
   * #run()} read the first level.
   */
  public long[] contentHashes() {
    return contentHashes.clone();
  }

  /** The sum of every row hash of {@code side} now: one pass of its rows. */
  public static long contentHash(DiffSide side) throws Exception {
    return BucketSums.hash(side.sums(1, 1, Set.of(0L)));
  }

  public DiffResult run() throws Exception {
    long start = nanoTime.getAsLong();
    long deadline = start + limits.maxTime().toNanos();
    List<String> columns = baseline.columns();
    List<DiffResult.Level> levels = new ArrayList<>();
    long[] totals = new long[2];
    List<String> schema = schemaDifference(columns, candidate.columns());
    if (!schema.isEmpty()) {
      return result(true, null, schema, List.of(), new long[2], levels, totals, start);
    }
    long parentModulus = 1;
    Set<Long> parents = Set.of(0L);
    long modulus = limits.fanOut();
    while (true) {
      long m = modulus;
      long pm = parentModulus;
      Set<Long> ps = parents;
      List<Map<Long, BucketSum>> both = bothSides(side -> side.sums(m, pm, ps));
      Map<Long, BucketSum> a = both.get(0);
      Map<Long, BucketSum> b = both.get(1);
      if (levels.isEmpty()) {
        totals[0] = BucketSums.rows(a, a.keySet());
        totals[1] = BucketSums.rows(b, b.keySet());
        contentHashes[0] = BucketSums.hash(a);
        contentHashes[1] = BucketSums.hash(b);
      }
      Set<Long> differing = BucketSums.differing(a, b);
      long[] rows = {BucketSums.rows(a, differing), BucketSums.rows(b, differing)};
      levels.add(
          new DiffResult.Level(
              modulus, parents.size(), differing.size(), Math.max(rows[0], rows[1])));
      if (differing.isEmpty()) {
        return result(false, null, List.of(), List.of(), rows, levels, totals, start);
      }
      boolean deepest = modulus > LARGEST / limits.fanOut();
      boolean late = nanoTime.getAsLong() > deadline;
      if (Math.max(rows[0], rows[1]) <= limits.maxRows() || deepest || late) {
        Set<Long> fetched = withinRows(differing, a, b);
        String partial =
            fetched.size() < differing.size()
                ? (late
                    ? "--max-seconds passed"
                    : "the differing buckets hold more than --max-rows rows")
                : null;
        List<KeyDifference> differences = List.of();
        if (!fetched.isEmpty()) {
          List<List<DiffRow>> rowsOf = bothSides(side -> side.rows(m, fetched));
          differences = RowComparison.compare(columns, rowsOf.get(0), rowsOf.get(1));
        }
        return result(false, partial, List.of(), differences, rows, levels, totals, start);
      }
      parents = differing;
      parentModulus = modulus;
      modulus = next(modulus, Math.max(rows[0], rows[1]));
    }
  }

  /** The largest modulus: a bucket number and its arithmetic in SQL stay below 2^62. */
  private static final long LARGEST = 1L << 61;

  /**
   * The next level's modulus: each differing bucket split into {@code fanOut} buckets, or more when
   * its rows are many: as many as make the differing buckets' rows together {@code maxRows / 2} per
   * sub-bucket, so that when each differing bucket holds one differing row the next level's
   * differing buckets can be read at once. A large table then needs no more levels than a small
   * one, and a level sends about one sum per {@code maxRows / 2 / buckets} rows of the buckets
   * split.
   */
  private long next(long modulus, long rows) {
    long half = Math.max(1, limits.maxRows() / 2); // room for buckets fuller than the average
    long split = Math.max(limits.fanOut(), (rows + half - 1) / half);
    return modulus > LARGEST / split ? (LARGEST / modulus) * modulus : modulus * split;
  }

  /** What one side answers. */
  @FunctionalInterface
  private interface Ask<T> {
    T of(DiffSide side) throws Exception;
  }

  /** Both sides' answers, asked at once (each side works beside its own data). */
  private <T> List<T> bothSides(Ask<T> ask) throws Exception {
    java.util.concurrent.FutureTask<T> other =
        new java.util.concurrent.FutureTask<>(() -> ask.of(candidate));
    Thread thread = new Thread(other, "diff-candidate");
    thread.start();
    T first = ask.of(baseline);
    try {
      return List.of(first, other.get());
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** The differing buckets, in order, as long as they hold at most maxRows rows on each side. */
  private Set<Long> withinRows(
      Set<Long> differing, Map<Long, BucketSum> a, Map<Long, BucketSum> b) {
    Set<Long> chosen = new LinkedHashSet<>();
    long rowsA = 0;
    long rowsB = 0;
    for (long bucket : new TreeSet<>(differing)) {
      long nextA = rowsA + a.getOrDefault(bucket, BucketSum.EMPTY).rows();
      long nextB = rowsB + b.getOrDefault(bucket, BucketSum.EMPTY).rows();
      if (Math.max(nextA, nextB) > limits.maxRows()) {
        break;
      }
      chosen.add(bucket);
      rowsA = nextA;
      rowsB = nextB;
    }
    return chosen;
  }

  private static List<String> schemaDifference(List<String> a, List<String> b) {
    List<String> only = new ArrayList<>();
    a.stream().filter(c -> !b.contains(c)).forEach(c -> only.add(c + " (baseline only)"));
    b.stream().filter(c -> !a.contains(c)).forEach(c -> only.add(c + " (candidate only)"));
    return only;
  }

  private DiffResult result(
      boolean schemaOnly,
      String partial,
      List<String> schema,
      List<KeyDifference> differences,
      long[] rows,
      List<DiffResult.Level> levels,
      long[] totals,
      long start) {
    boolean equal = !schemaOnly && levels.get(levels.size() - 1).bucketsDiffering() == 0;
    return new DiffResult(
        equal,
        partial,
        schema,
        List.copyOf(differences),
        rows,
        List.copyOf(levels),
        totals,
        new long[] {baseline.bytesSent(), candidate.bytesSent()},
        Duration.ofNanos(nanoTime.getAsLong() - start));
  }
}
