package io.dualrun.hooks.diff;

import io.dualrun.hooks.fingerprint.InDatabaseBuckets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A side whose database computes every bucket sum (the in-database fingerprint's SQL) and sends
 * only those, then the canonical texts of the differing buckets' rows, masked here before they are
 * handed out.
 */
public final class SqlSide implements DiffSide {
  private final Connection connection;
  private final InDatabaseBuckets buckets;
  private final List<String> keyNames;
  private final Masking masking;
  private long bytesSent;

  /**
   * @throws io.dualrun.hooks.fingerprint.PushdownRefusal when a column or rule has no exact SQL
   *     form in this database (read the side with {@link ScannedSide} instead)
   */
  public SqlSide(
      Connection connection, InDatabaseBuckets buckets, List<String> keyColumns, Masking masking) {
    this.connection = connection;
    this.buckets = buckets;
    this.keyNames = keyColumns.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    this.masking = masking;
  }

  public String database() {
    return buckets.database();
  }

  @Override
  public List<String> keyColumns() {
    return keyNames;
  }

  @Override
  public List<String> columns() {
    return buckets.columns();
  }

  @Override
  public Map<Long, BucketSum> sums(long modulus, long parentModulus, Set<Long> parents)
      throws Exception {
    Map<Long, BucketSum> sums = new HashMap<>();
    buckets
        .sums(modulus, parentModulus, parents)
        .forEach((b, s) -> sums.put(b, new BucketSum(s.rows(), s.hash())));
    bytesSent += 20L * sums.size();
    return sums;
  }

  @Override
  public List<DiffRow> rows(long modulus, Set<Long> within) throws Exception {
    List<DiffRow> rows = new ArrayList<>();
    for (InDatabaseBuckets.Texts t : buckets.rows(modulus, within)) {
      DiffRow row = masking.apply(new DiffRow(t.key(), t.values()), columns(), keyNames);
      bytesSent += DiffRows.bytes(row);
      rows.add(row);
    }
    return rows;
  }

  @Override
  public long bytesSent() {
    return bytesSent;
  }

  @Override
  public void close() throws java.sql.SQLException {
    connection.close();
  }
}
