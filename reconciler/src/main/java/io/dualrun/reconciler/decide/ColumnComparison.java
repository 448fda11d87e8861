package io.dualrun.reconciler.decide;

import io.dualrun.reconciler.state.StoredColumnHash;
import io.dualrun.reconciler.state.StoredOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which columns differ, from the per-column hashes of both sides' fingerprints of an output
 * (docs/fingerprint.md): a column whose hash is equal on both sides holds the same values (in the
 * same rows, when the hashes are keyed); one whose hash differs does not. Only columns both sides
 * hashed are compared (a column on one side only is a SCHEMA finding), and only hashes made with
 * the same key.
 */
record ColumnComparison(List<String> differing, List<String> equal, boolean keyed) {

  /** Empty when the two fingerprints carry no comparable column hashes. */
  static Optional<ColumnComparison> of(StoredOutput baseline, StoredOutput candidate) {
    if (!baseline.getHashKey().equals(candidate.getHashKey())) {
      return Optional.empty();
    }
    Map<String, String> b = hashes(baseline);
    Map<String, String> c = hashes(candidate);
    List<String> differing = new ArrayList<>();
    List<String> equal = new ArrayList<>();
    b.forEach(
        (column, hash) -> {
          String other = c.get(column);
          if (other != null) {
            (other.equals(hash) ? equal : differing).add(column);
          }
        });
    if (differing.isEmpty() && equal.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ColumnComparison(differing, equal, !baseline.getHashKey().isEmpty()));
  }

  /**
   * Whether the two sides differ only in {@code ignored} columns: both hashed the same columns by
   * the same non-empty key (so each cell is tied to its row), with as many rows, and every column
   * outside {@code ignored} has equal hashes. Without a key, equal column hashes do not show that
   * the rows agree, so this is never true.
   */
  static boolean onlyIgnoredDiffer(
      StoredOutput baseline, StoredOutput candidate, Set<String> ignored) {
    if (ignored.isEmpty()
        || baseline.getHashKey().isEmpty()
        || !baseline.getHashKey().equals(candidate.getHashKey())
        || baseline.getRowCount() != candidate.getRowCount()) {
      return false;
    }
    Map<String, String> b = hashes(baseline);
    Map<String, String> c = hashes(candidate);
    b.keySet().removeAll(ignored);
    c.keySet().removeAll(ignored);
    return !b.isEmpty() && b.equals(c);
  }

  /** Whether both sides hashed their columns, but with different keys. */
  static boolean keyedDifferently(StoredOutput baseline, StoredOutput candidate) {
    return !hashes(baseline).isEmpty()
        && !hashes(candidate).isEmpty()
        && !baseline.getHashKey().equals(candidate.getHashKey());
  }

  private static Map<String, String> hashes(StoredOutput o) {
    Map<String, String> out = new TreeMap<>();
    for (StoredColumnHash h : o.getColumnHashes()) {
      out.put(h.getName(), h.getHash());
    }
    return out;
  }

  /**
   * "amount, updated_at differ; 14 other columns equal", or, when no column's hash differs, what
   * that means: with a key, the difference is in columns only one side hashed; without one, values
   * moved between rows.
   */
  String describe() {
    if (differing.isEmpty() && keyed) {
      return "every column both sides hashed is equal (the difference is in columns only one side"
          + " has)";
    }
    if (differing.isEmpty()) {
      return "every column holds the same values, but not in the same rows (declare the output's"
          + " key to tell which columns differ)";
    }
    return String.join(", ", differing)
        + (differing.size() == 1 ? " differs" : " differ")
        + "; "
        + (equal.isEmpty()
            ? "no other column equal"
            : equal.size() + (equal.size() == 1 ? " other column equal" : " other columns equal"));
  }
}
