package io.dualrun.hooks.diff;

import io.dualrun.hooks.fingerprint.Fingerprinter;
import io.dualrun.hooks.fingerprint.RowEncoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * A diff of one side's rows against the other side's fingerprint (docs/diff.md, "One source and a
 * fingerprint"). The side sums its rows into the fingerprint's buckets; the buckets whose count or
 * hash differs hold every differing row. Their rows are read from the side (up to {@code maxRows}):
 * where a bucket holds exactly one row more than the fingerprint's and that row's hash is the
 * difference of the two bucket hashes, that row is the bucket's only difference (only on the side
 * read); every other row of a differing bucket is listed as in a differing bucket, since without
 * the other side's rows it cannot be told which of them differ.
 */
public final class FingerprintDiff {
  private final DiffSide side;
  private final boolean sideIsBaseline;
  private final FingerprintFile fingerprint;
  private final long maxRows;
  private final boolean masked;
  private final LongSupplier nanoTime;

  /**
   * @param masked whether the side masks some column (a masked row's hash cannot be recomputed, so
   *     no row is singled out)
   */
  public FingerprintDiff(
      DiffSide side,
      boolean sideIsBaseline,
      FingerprintFile fingerprint,
      long maxRows,
      boolean masked,
      LongSupplier nanoTime) {
    this.side = side;
    this.sideIsBaseline = sideIsBaseline;
    this.fingerprint = fingerprint;
    this.maxRows = maxRows;
    this.masked = masked;
    this.nanoTime = nanoTime;
  }

  public DiffResult run() throws Exception {
    long start = nanoTime.getAsLong();
    List<String> schema = schemaDifference();
    if (!schema.isEmpty()) {
      return result(false, null, schema, List.of(), new long[2], List.of(), new long[2], start);
    }
    long modulus = fingerprint.hasBuckets() ? fingerprint.bucketRows().length : 1;
    Map<Long, BucketSum> mine = side.sums(modulus, 1, Set.of(0L));
    Map<Long, BucketSum> theirs = theirs();
    long[] totals = ordered(BucketSums.rows(mine, mine.keySet()), fingerprint.rowCount());
    Set<Long> differing = BucketSums.differing(mine, theirs);
    List<DiffResult.Level> levels =
        List.of(
            new DiffResult.Level(
                modulus,
                1,
                differing.size(),
                Math.max(BucketSums.rows(mine, differing), BucketSums.rows(theirs, differing))));
    if (differing.isEmpty()) {
      return result(true, null, List.of(), List.of(), new long[2], levels, totals, start);
    }
    if (!fingerprint.hasBuckets()) {
      return result(
          false,
          "the fingerprint has no bucket hashes (dualrun fingerprint --bucket-key): the differing"
              + " rows cannot be told apart",
          List.of(),
          List.of(),
          new long[2],
          levels,
          totals,
          start);
    }
    Set<Long> fetched = withinRows(differing, mine);
    List<KeyDifference> found = new ArrayList<>();
    long unseen = 0;
    if (!fetched.isEmpty()) {
      Map<Long, List<DiffRow>> byBucket = byBucket(side.rows(modulus, fetched), modulus, fetched);
      for (long bucket : fetched) {
        BucketSum a = mine.getOrDefault(bucket, BucketSum.EMPTY);
        BucketSum b = theirs.getOrDefault(bucket, BucketSum.EMPTY);
        List<DiffRow> rows = byBucket.getOrDefault(bucket, List.of());
        found.addAll(classify(rows, a, b));
        if (b.rows() > a.rows() && a.rows() == 0) {
          unseen += b.rows();
        }
      }
    }
    String other = sideIsBaseline ? "candidate" : "baseline";
    List<String> why = new ArrayList<>();
    if (fetched.size() < differing.size()) {
      why.add("the differing buckets hold more than --max-rows rows");
    }
    why.add(
        "the "
            + other
            + " is a fingerprint: rows only it holds are not here"
            + (unseen > 0 ? " (" + unseen + " in buckets this side has no row of)" : "")
            + ", and a row in a differing bucket may or may not differ");
    return result(
        false,
        String.join("; ", why),
        List.of(),
        found,
        ordered(BucketSums.rows(mine, fetched), 0),
        levels,
        totals,
        start);
  }

  /** The rows of one bucket: the one that alone explains it, or all of them as suspects. */
  private List<KeyDifference> classify(List<DiffRow> rows, BucketSum mine, BucketSum theirs) {
    if (!masked && mine.rows() == theirs.rows() + 1) {
      long extra = mine.hash() - theirs.hash();
      RowEncoder encoder = new RowEncoder();
      for (DiffRow row : rows) {
        if (rowHash(encoder, row) == extra) {
          return List.of(
              difference(
                  sideIsBaseline
                      ? KeyDifference.Kind.ONLY_IN_BASELINE
                      : KeyDifference.Kind.ONLY_IN_CANDIDATE,
                  row));
        }
      }
    }
    return rows.stream().map(r -> difference(KeyDifference.Kind.IN_DIFFERING_BUCKET, r)).toList();
  }

  private KeyDifference difference(KeyDifference.Kind kind, DiffRow row) {
    return new KeyDifference(
        kind, row.key(), List.of(), sideIsBaseline ? row : null, sideIsBaseline ? null : row);
  }

  /** The row hash of docs/fingerprint.md over the row's canonical texts, in column order. */
  static long rowHash(RowEncoder encoder, DiffRow row) {
    String[] values = row.values().toArray(new String[0]);
    return encoder.hash(values, java.util.stream.IntStream.range(0, values.length).toArray());
  }

  /**
   * The rows by bucket. A masked key cannot be hashed again: the rows of a masked side are then all
   * put in the first bucket asked for, the classification needing no bucket for them.
   */
  private Map<Long, List<DiffRow>> byBucket(List<DiffRow> rows, long modulus, Set<Long> buckets) {
    Map<Long, List<DiffRow>> out = new LinkedHashMap<>();
    long first = buckets.iterator().next();
    for (DiffRow row : rows) {
      long bucket =
          masked
              ? first
              : Long.remainderUnsigned(
                  Fingerprinter.keyHash(row.key().toArray(new String[0])), modulus);
      out.computeIfAbsent(bucket, b -> new ArrayList<>()).add(row);
    }
    return out;
  }

  private Map<Long, BucketSum> theirs() {
    Map<Long, BucketSum> sums = new LinkedHashMap<>();
    if (!fingerprint.hasBuckets()) {
      if (fingerprint.rowCount() > 0) {
        sums.put(0L, new BucketSum(fingerprint.rowCount(), fingerprint.contentHash()));
      }
      return sums;
    }
    for (int b = 0; b < fingerprint.bucketRows().length; b++) {
      if (fingerprint.bucketRows()[b] > 0) {
        sums.put(
            (long) b, new BucketSum(fingerprint.bucketRows()[b], fingerprint.bucketHashes()[b]));
      }
    }
    return sums;
  }

  /** The differing buckets, in order, as long as this side's rows in them stay within maxRows. */
  private Set<Long> withinRows(Set<Long> differing, Map<Long, BucketSum> mine) {
    Set<Long> chosen = new LinkedHashSet<>();
    long rows = 0;
    for (long bucket : new TreeSet<>(differing)) {
      long next = rows + mine.getOrDefault(bucket, BucketSum.EMPTY).rows();
      if (next > maxRows) {
        break;
      }
      chosen.add(bucket);
      rows = next;
    }
    return chosen;
  }

  private List<String> schemaDifference() {
    String mineName = sideIsBaseline ? "baseline" : "candidate";
    String theirName = sideIsBaseline ? "candidate" : "baseline";
    List<String> only = new ArrayList<>();
    side.columns().stream()
        .filter(c -> !fingerprint.columns().contains(c))
        .forEach(c -> only.add(c + " (" + mineName + " only)"));
    fingerprint.columns().stream()
        .filter(c -> !side.columns().contains(c))
        .forEach(c -> only.add(c + " (" + theirName + " only)"));
    return only;
  }

  /** {@code (mine, theirs)} as {@code (baseline, candidate)}. */
  private long[] ordered(long mine, long theirs) {
    return sideIsBaseline ? new long[] {mine, theirs} : new long[] {theirs, mine};
  }

  private DiffResult result(
      boolean equal,
      String partial,
      List<String> schema,
      List<KeyDifference> differences,
      long[] differingRows,
      List<DiffResult.Level> levels,
      long[] totals,
      long start) {
    return new DiffResult(
        equal,
        partial,
        schema,
        List.copyOf(differences),
        differingRows,
        levels,
        totals,
        ordered(side.bytesSent(), 0),
        Duration.ofNanos(nanoTime.getAsLong() - start));
  }
}
