package io.dualrun.loadtest.gen;

import io.dualrun.schemas.avro.BucketHashes;
import io.dualrun.schemas.avro.ColumnStats;
import io.dualrun.schemas.avro.ColumnType;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The two outputs of every generated workflow: {@code facts} (content hash = sum of 8 bucket hashes
 * mod 2^64, schema, column statistics) and {@code summary} (row count only, tolerance 1%).
 */
final class Fingerprints {
  static final int BUCKETS = 8;

  /** The data of one output as produced by one side. */
  record Facts(
      long rows,
      List<Long> bucketRows,
      List<Long> bucketHashes,
      String amountType,
      BigDecimal amountSum) {}

  private Fingerprints() {}

  static Facts baselineFacts(Random rnd) {
    List<Long> rows = new ArrayList<>();
    List<Long> hashes = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      long n = 100 + rnd.nextInt(900);
      rows.add(n);
      hashes.add(rnd.nextLong());
      total += n;
    }
    BigDecimal sum = BigDecimal.valueOf(total * 1000L + rnd.nextInt(1000), 2);
    return new Facts(total, rows, hashes, "decimal", sum);
  }

  static Facts candidateFacts(Facts b, Fault fault, int changedBucket) {
    return switch (fault) {
      case CONTENT -> {
        List<Long> hashes = new ArrayList<>(b.bucketHashes());
        hashes.set(changedBucket, hashes.get(changedBucket) ^ 0x5a5a5a5aL);
        yield new Facts(b.rows(), b.bucketRows(), hashes, b.amountType(), b.amountSum());
      }
      case SCHEMA -> new Facts(b.rows(), b.bucketRows(), b.bucketHashes(), "float", b.amountSum());
      case COLUMN_STAT ->
          new Facts(
              b.rows(),
              b.bucketRows(),
              b.bucketHashes(),
              b.amountType(),
              b.amountSum()
                  .multiply(new BigDecimal("1.01"))
                  .setScale(2, java.math.RoundingMode.HALF_UP));
      default -> b;
    };
  }

  static OutputFingerprint facts(
      PairRecords.Run run, String output, Facts f, Instant at, String eventId) {
    long hash = 0;
    List<String> hashes = new ArrayList<>();
    for (long h : f.bucketHashes()) {
      hash += h;
      hashes.add(hex(h));
    }
    return OutputFingerprint.newBuilder()
        .setEventId(eventId)
        .setWorkflow(run.workflow())
        .setPartition(run.partition())
        .setSide(run.side())
        .setRunId(run.runId())
        .setAttempt(run.attempt())
        .setOutput(output)
        .setEventTime(at)
        .setRowCount(f.rows())
        .setContentHash(hex(hash))
        .setSchema$(
            List.of(
                new ColumnType("id", "integer"),
                new ColumnType("day", "date"),
                new ColumnType("amount", f.amountType()),
                new ColumnType("note", "text")))
        .setColumns(
            List.of(
                new ColumnStats("id", 0L, "1", Long.toString(f.rows()), sumTo(f.rows())),
                new ColumnStats("amount", 0L, "0.00", "999.99", f.amountSum().toPlainString())))
        .setBuckets(new BucketHashes(List.of("id"), f.bucketRows(), hashes))
        .build();
  }

  static OutputFingerprint summary(
      PairRecords.Run run, String output, long rows, Instant at, String eventId) {
    return OutputFingerprint.newBuilder()
        .setEventId(eventId)
        .setWorkflow(run.workflow())
        .setPartition(run.partition())
        .setSide(run.side())
        .setRunId(run.runId())
        .setAttempt(run.attempt())
        .setOutput(output)
        .setEventTime(at)
        .setRowCount(rows)
        .build();
  }

  /** Candidate summary rows: 0.4% off when noise, 5% off for a ROW_COUNT fault. */
  static long candidateSummary(long baseline, Fault fault, boolean withinTolerance) {
    if (fault == Fault.ROW_COUNT) {
      return baseline + baseline / 20 + 1;
    }
    return withinTolerance ? baseline + baseline / 250 : baseline;
  }

  static String hex(long v) {
    return String.format(Locale.ROOT, "%016x", v);
  }

  private static String sumTo(long n) {
    return BigDecimal.valueOf(n)
        .multiply(BigDecimal.valueOf(n + 1))
        .divide(BigDecimal.valueOf(2))
        .toPlainString();
  }

  static Side side(String name) {
    return Side.valueOf(name.toUpperCase(Locale.ROOT));
  }
}
