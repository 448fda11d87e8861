package io.dualrun.hooks.fingerprint;

import java.util.List;

/**
 * One column in the in-database fingerprint query: SQL for its canonical text (normalised, null for
 * null), for its numeric value when the column is numeric (what its min, max and sum are taken of),
 * and the conditions on a row's value that would make the SQL differ from the client path.
 *
 * @param text SQL of the canonical text
 * @param number SQL of the exact numeric value, or null for a non-numeric column
 * @param guards values the SQL has no exact form for: counted, and the fingerprint refused when any
 *     is found
 */
record ColumnSql(String text, String number, List<Guard> guards) {
  ColumnSql {
    guards = List.copyOf(guards);
  }

  ColumnSql(String text, String number) {
    this(text, number, List.of());
  }

  /** This column with one more guard. */
  ColumnSql guarded(String condition, String reason) {
    List<Guard> more = new java.util.ArrayList<>(guards);
    more.add(new Guard(condition, reason));
    return new ColumnSql(text, number, more);
  }

  /** This column with another text expression. */
  ColumnSql withText(String newText) {
    return new ColumnSql(newText, number, guards);
  }

  /**
   * A condition on a value (true: the value has no exact SQL form) and the reason given then.
   *
   * @param condition SQL, true for a value that cannot be encoded exactly
   * @param reason why, as the refusal says it
   */
  record Guard(String condition, String reason) {}
}
