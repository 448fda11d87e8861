package io.dualrun.reconciler.decide;

import io.dualrun.reconciler.state.StoredStats;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The numbers a hint quotes: both sides' stats, the candidate's first. */
final class Evidence {
  /** Longer texts are shown by their start and end (where padding shows). */
  private static final int LONGEST = 60;

  private Evidence() {}

  /** "C against B and C against B": min, then max, after a clause naming the candidate. */
  static String minMax(StatPair p) {
    return p.candidate().getMin()
        + " against "
        + p.baseline().getMin()
        + " and "
        + p.candidate().getMax()
        + " against "
        + p.baseline().getMax();
  }

  /** "C on the candidate against B and C against B". */
  static String minMaxNamed(StatPair p) {
    return p.candidate().getMin()
        + " on the candidate against "
        + p.baseline().getMin()
        + " and "
        + p.candidate().getMax()
        + " against "
        + p.baseline().getMax();
  }

  /** "'C' on the candidate against 'B' and 'C' against 'B'": texts quoted, spaces visible. */
  static String quotedMinMax(StatPair p) {
    return quote(p.candidate().getMin())
        + " on the candidate against "
        + quote(p.baseline().getMin())
        + " and "
        + quote(p.candidate().getMax())
        + " against "
        + quote(p.baseline().getMax());
  }

  /** "min C on the candidate against B, max C against B, sum C against B": those that differ. */
  static String differingNumbers(StatPair p) {
    StoredStats b = p.baseline();
    StoredStats c = p.candidate();
    List<String> parts = new ArrayList<>();
    add(parts, "min", b.getMin(), c.getMin());
    add(parts, "max", b.getMax(), c.getMax());
    add(parts, "sum", b.getSum(), c.getSum());
    return String.join(", ", parts);
  }

  private static void add(List<String> parts, String stat, String b, String c) {
    if (b == null || c == null || sameNumber(b, c)) {
      return;
    }
    parts.add(stat + " " + c + (parts.isEmpty() ? " on the candidate" : "") + " against " + b);
  }

  private static boolean sameNumber(String b, String c) {
    if (Objects.equals(b, c)) {
      return true;
    }
    try {
      return new BigDecimal(b).compareTo(new BigDecimal(c)) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The text in single quotes; a long one by its first 40 and last 16 characters. */
  static String quote(String text) {
    if (text == null) {
      return "(none)";
    }
    String t =
        text.length() <= LONGEST
            ? text
            : text.substring(0, 40) + "…" + text.substring(text.length() - 16);
    return "'" + t + "'";
  }
}
