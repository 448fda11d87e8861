package io.dualrun.reconciler.state;

import io.dualrun.schemas.avro.BucketHashes;
import io.dualrun.schemas.avro.ColumnHashes;
import io.dualrun.schemas.avro.OutputFingerprint;
import java.util.ArrayList;
import java.util.List;

/** Conversion of fingerprints to their stored form, and which of two fingerprints wins. */
public final class Outputs {
  private Outputs() {}

  public static StoredOutput stored(OutputFingerprint f) {
    List<StoredColumn> columns = new ArrayList<>();
    f.getSchema$().forEach(c -> columns.add(new StoredColumn(c.getName(), c.getType())));
    List<StoredStats> stats = new ArrayList<>();
    f.getColumns()
        .forEach(
            c ->
                stats.add(
                    new StoredStats(
                        c.getName(), c.getNulls(), c.getMin(), c.getMax(), c.getSum())));
    List<StoredColumnHash> hashes = new ArrayList<>();
    List<String> hashKey = new ArrayList<>();
    ColumnHashes h = f.getColumnHashes();
    if (h != null) {
      h.getHashes().forEach(c -> hashes.add(new StoredColumnHash(c.getName(), c.getHash())));
      hashKey.addAll(h.getKeyColumns());
    }
    BucketHashes b = f.getBuckets();
    return new StoredOutput(
        f.getEventId(),
        f.getOutput(),
        f.getEventTime().toEpochMilli(),
        f.getRowCount(),
        f.getContentHash(),
        columns,
        stats,
        b == null ? new ArrayList<>() : new ArrayList<>(b.getHashes()),
        b == null ? new ArrayList<>() : new ArrayList<>(b.getRowCounts()),
        hashes,
        hashKey,
        f.getNormalisation(),
        new ArrayList<>());
  }

  /**
   * The columns nondeterministic in a side, seen by comparing a rerun's fingerprint {@code
   * incoming} with the superseded attempt's {@code previous} of the same output: those whose keyed
   * column hashes differ while the row counts, keys and normalisation rules are the same and some
   * other column's hash is equal (so the rows match and only those columns changed), added to what
   * earlier reruns showed; empty when the two cannot be compared so.
   */
  public static List<String> rerunDiffers(StoredOutput previous, StoredOutput incoming) {
    java.util.TreeSet<String> out = new java.util.TreeSet<>(previous.getRerunDiffers());
    boolean comparable =
        !previous.getHashKey().isEmpty()
            && previous.getHashKey().equals(incoming.getHashKey())
            && previous.getRowCount() == incoming.getRowCount()
            && java.util.Objects.equals(previous.getNormalisation(), incoming.getNormalisation());
    if (!comparable) {
      return new ArrayList<>(out);
    }
    java.util.Map<String, String> before = new java.util.HashMap<>();
    previous.getColumnHashes().forEach(h -> before.put(h.getName(), h.getHash()));
    List<String> differing = new ArrayList<>();
    boolean someEqual = false;
    for (StoredColumnHash h : incoming.getColumnHashes()) {
      String was = before.get(h.getName());
      if (was == null || previous.getHashKey().contains(h.getName())) {
        continue;
      }
      if (was.equals(h.getHash())) {
        someEqual = true;
      } else {
        differing.add(h.getName());
      }
    }
    if (someEqual) {
      out.addAll(differing);
    }
    return new ArrayList<>(out);
  }

  /** Of two fingerprints of the same output and attempt, the later (then greater id) wins. */
  public static boolean supersedes(StoredOutput incoming, StoredOutput known) {
    int byTime = Long.compare(incoming.getEventTime(), known.getEventTime());
    if (byTime != 0) {
      return byTime > 0;
    }
    return incoming.getEventId().compareTo(known.getEventId()) > 0;
  }
}
