package io.dualrun.hooks.fingerprint;

import io.dualrun.schemas.avro.BucketHashes;
import io.dualrun.schemas.avro.ColumnStats;
import io.dualrun.schemas.avro.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Adds up the per-bucket aggregates of a {@link PushdownQuery} into a fingerprint: row counts and
 * hash sums (mod 2^64), null counts, minimums and maximums (numbers by value, texts in the spec's
 * order) and exact sums. Refuses the result when a guard counted a value without an exact SQL form.
 */
final class PushdownResultReader {
  private final PushdownQuery query;
  private final SqlDialect dialect;
  private final long[] bucketRows;
  private final BigInteger[] bucketHashes;
  private final long[] nonNull;
  private final Object[] min;
  private final Object[] max;
  private final BigDecimal[] sum;
  private final long[] guarded;
  private int groups;

  PushdownResultReader(PushdownQuery query, SqlDialect dialect) {
    this.query = query;
    this.dialect = dialect;
    int n = query.columns().size();
    bucketRows = new long[query.buckets()];
    bucketHashes = new BigInteger[query.buckets()];
    Arrays.fill(bucketHashes, BigInteger.ZERO);
    nonNull = new long[n];
    min = new Object[n];
    max = new Object[n];
    sum = new BigDecimal[n];
    Arrays.fill(sum, BigDecimal.ZERO);
    guarded = new long[query.guards().size()];
  }

  /** Reads every row (one per non-empty bucket) of the query's result. */
  FingerprintResult read(ResultSet rows) throws SQLException {
    while (rows.next()) {
      add(rows);
    }
    for (int g = 0; g < guarded.length; g++) {
      if (guarded[g] > 0) {
        PushdownQuery.CountedGuard guard = query.guards().get(g);
        throw new PushdownRefusal(
            guard.type().label(),
            guard.type().typeName(),
            guarded[g] + " value(s) found: " + guard.reason());
      }
    }
    return result();
  }

  /** The number of result rows (groups) read: what left the database. */
  int groups() {
    return groups;
  }

  private void add(ResultSet rows) throws SQLException {
    groups++;
    int bucket = rows.getInt(1);
    bucketRows[bucket] += rows.getLong(2);
    BigDecimal hash = rows.getBigDecimal(3);
    if (hash != null) {
      bucketHashes[bucket] = bucketHashes[bucket].add(hash.toBigIntegerExact());
    }
    int at = 4;
    List<PushdownQuery.Planned> columns = query.columns();
    for (int c = 0; c < columns.size(); c++) {
      nonNull[c] += rows.getLong(at++);
      if (columns.get(c).numeric()) {
        min[c] = least(min[c], rows.getBigDecimal(at++), -1);
        max[c] = least(max[c], rows.getBigDecimal(at++), 1);
        BigDecimal s = rows.getBigDecimal(at++);
        sum[c] = s == null ? sum[c] : sum[c].add(s);
      } else {
        min[c] = least(min[c], dialect.decodeOrderKey(rows, at++), -1);
        max[c] = least(max[c], dialect.decodeOrderKey(rows, at++), 1);
      }
    }
    for (int g = 0; g < guarded.length; g++) {
      BigDecimal n = rows.getBigDecimal(at++);
      guarded[g] += n == null ? 0 : n.longValueExact();
    }
  }

  /** The smaller ({@code sign} -1) or larger (+1) of two numbers or texts; null is none. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object least(Object current, Object candidate, int sign) {
    if (candidate == null) {
      return current;
    }
    if (current == null) {
      return candidate;
    }
    return Integer.signum(((Comparable) candidate).compareTo(current)) == sign
        ? candidate
        : current;
  }

  private FingerprintResult result() {
    long rowCount = Arrays.stream(bucketRows).sum();
    BigInteger content = Arrays.stream(bucketHashes).reduce(BigInteger.ZERO, BigInteger::add);
    List<ColumnType> schema = new ArrayList<>();
    List<ColumnStats> stats = new ArrayList<>();
    List<PushdownQuery.Planned> columns = query.columns();
    for (int c = 0; c < columns.size(); c++) {
      PushdownQuery.Planned p = columns.get(c);
      schema.add(new ColumnType(p.name(), p.kind().label()));
      stats.add(
          new ColumnStats(
              p.name(),
              rowCount - nonNull[c],
              text(min[c]),
              text(max[c]),
              p.kind().numeric() ? Canonical.decimal(sum[c]) : null));
    }
    BucketHashes buckets = null;
    if (!query.keyNames().isEmpty()) {
      buckets =
          new BucketHashes(
              new ArrayList<>(query.keyNames()),
              Arrays.stream(bucketRows).boxed().toList(),
              Arrays.stream(bucketHashes).map(h -> RowEncoder.hex(h.longValue())).toList());
    }
    return new FingerprintResult(
        rowCount, RowEncoder.hex(content.longValue()), schema, stats, buckets, null);
  }

  private static String text(Object extreme) {
    if (extreme instanceof BigDecimal d) {
      return Canonical.decimal(d);
    }
    return (String) extreme;
  }
}
