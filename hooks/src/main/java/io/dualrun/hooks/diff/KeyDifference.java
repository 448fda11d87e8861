package io.dualrun.hooks.diff;

import java.util.List;

/**
 * One key that differs: only in the baseline, only in the candidate, or in both with different
 * values ({@code changed} names each differing column with both values); or, against a fingerprint,
 * a row of a bucket that differs.
 */
public record KeyDifference(
    Kind kind, List<String> key, List<Change> changed, DiffRow baseline, DiffRow candidate) {
  /** How a key differs. Stable ids for the JSON and CSV output. */
  public enum Kind {
    ONLY_IN_BASELINE("only-in-baseline"),
    ONLY_IN_CANDIDATE("only-in-candidate"),
    CHANGED("changed"),
    /**
     * A row of the one side read, in a bucket whose hash differs from the other side's fingerprint:
     * it or another row of the bucket differs (a diff against a fingerprint only).
     */
    IN_DIFFERING_BUCKET("in-differing-bucket");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  /** A column whose value differs, with both sides' canonical texts (null for null). */
  public record Change(String column, String baseline, String candidate) {}
}
