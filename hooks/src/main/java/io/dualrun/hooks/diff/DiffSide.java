package io.dualrun.hooks.diff;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One side of a diff, answering in aggregates until rows are asked for. A row's place is its key
 * hash (the fingerprint's, docs/fingerprint.md): at modulus M it is in bucket {@code keyHash mod M}
 * (unsigned), and a bucket at modulus M·F splits one at M into F.
 */
public interface DiffSide extends AutoCloseable {
  /** The key columns' names, in the order of {@link DiffRow#key()}. */
  default List<String> keyColumns() {
    return List.of();
  }

  /** The fingerprinted columns' names, in the order of {@link DiffRow#values()}. */
  List<String> columns();

  /**
   * Row count and row-hash sum per bucket at {@code modulus} of the rows whose bucket at {@code
   * parentModulus} is in {@code parents}; buckets without rows are left out.
   */
  Map<Long, BucketSum> sums(long modulus, long parentModulus, Set<Long> parents) throws Exception;

  /** The rows whose bucket at {@code modulus} is in {@code buckets}. */
  List<DiffRow> rows(long modulus, Set<Long> buckets) throws Exception;

  /** Bytes this side has sent so far (aggregates and rows, as the wire would carry them). */
  long bytesSent();

  @Override
  void close() throws java.sql.SQLException;
}
