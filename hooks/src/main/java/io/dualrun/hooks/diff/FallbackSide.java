package io.dualrun.hooks.diff;

import io.dualrun.hooks.fingerprint.PushdownRefusal;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A side answered by its database while it can: when the first level finds a value without an exact
 * SQL form (which it would, as it reads every row), the side is read by this process from then on,
 * and {@code err} says why. Later levels read fewer rows and cannot meet new ones.
 */
final class FallbackSide implements DiffSide {
  /** Opens the side as this process reads it. */
  @FunctionalInterface
  interface Scanned {
    DiffSide open() throws Exception;
  }

  private final String name;
  private final Scanned scanned;
  private final PrintStream err;
  private DiffSide side;

  FallbackSide(String name, DiffSide inDatabase, Scanned scanned, PrintStream err) {
    this.name = name;
    this.side = inDatabase;
    this.scanned = scanned;
    this.err = err;
  }

  @Override
  public List<String> columns() {
    return side.columns();
  }

  @Override
  public List<String> keyColumns() {
    return side.keyColumns();
  }

  @Override
  public Map<Long, BucketSum> sums(long modulus, long parentModulus, Set<Long> parents)
      throws Exception {
    try {
      return side.sums(modulus, parentModulus, parents);
    } catch (PushdownRefusal e) {
      if (parentModulus != 1) {
        throw e;
      }
      err.println("dualrun diff: the " + name + " is read by this process: " + e.getMessage());
      side.close();
      side = scanned.open();
      return side.sums(modulus, parentModulus, parents);
    }
  }

  @Override
  public List<DiffRow> rows(long modulus, Set<Long> buckets) throws Exception {
    return side.rows(modulus, buckets);
  }

  @Override
  public long bytesSent() {
    return side.bytesSent();
  }

  @Override
  public void close() throws java.sql.SQLException {
    side.close();
  }
}
