package io.dualrun.reconciler.decide;

import io.dualrun.reconciler.state.StoredStats;
import io.dualrun.schemas.ColumnKind;

/**
 * One column as both sides' fingerprints describe it: its stats (canonical texts,
 * docs/fingerprint.md), its normalised type on each side (null when a side sent no schema) and each
 * side's row count.
 */
record StatPair(
    String column,
    StoredStats baseline,
    StoredStats candidate,
    ColumnKind baselineKind,
    ColumnKind candidateKind,
    long baselineRows,
    long candidateRows) {

  /**
   * Whether each side's type, where known, is one of {@code kinds}: a column a side describes
   * otherwise gets no hint of theirs.
   */
  boolean typed(ColumnKind... kinds) {
    return among(baselineKind, kinds) && among(candidateKind, kinds);
  }

  /** Whether either side's type is {@code kind}. */
  boolean eitherIs(ColumnKind kind) {
    return baselineKind == kind || candidateKind == kind;
  }

  private static boolean among(ColumnKind kind, ColumnKind... kinds) {
    if (kind == null) {
      return true;
    }
    for (ColumnKind k : kinds) {
      if (k == kind) {
        return true;
      }
    }
    return false;
  }

  boolean sameNulls() {
    return baseline.getNulls() == candidate.getNulls();
  }

  /** Non-null values on the side with more of them. */
  long values() {
    return Math.max(baselineRows - baseline.getNulls(), candidateRows - candidate.getNulls());
  }
}
