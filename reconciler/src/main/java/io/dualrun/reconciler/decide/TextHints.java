package io.dualrun.reconciler.decide;

import io.dualrun.reconciler.decide.Hint.Kind;
import io.dualrun.reconciler.decide.Hint.Rule;
import io.dualrun.reconciler.state.StoredStats;
import io.dualrun.schemas.ColumnKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Hints of a text column: '' on one side where the other has NULL (the null counts differ and the
 * side with fewer nulls has the empty text as its min), or min and max equal once leading and
 * trailing spaces are removed (CHAR padding), lower-cased, or both.
 */
final class TextHints {
  /** The text normalisations tried, in this order: the first that explains the stats is named. */
  private static final List<List<Rule>> TRIES =
      List.of(
          List.of(Rule.TRIM),
          List.of(Rule.CASE_INSENSITIVE),
          List.of(Rule.TRIM, Rule.CASE_INSENSITIVE));

  private TextHints() {}

  static Optional<Hint> of(StatPair p) {
    if (!p.typed(ColumnKind.TEXT)) {
      return Optional.empty();
    }
    if (!p.sameNulls()) {
      return emptyIsNull(p);
    }
    StoredStats b = p.baseline();
    StoredStats c = p.candidate();
    if (b.getMin() == null || b.getMax() == null || c.getMin() == null || c.getMax() == null) {
      return Optional.empty();
    }
    for (List<Rule> rules : TRIES) {
      if (apply(rules, b.getMin()).equals(apply(rules, c.getMin()))
          && apply(rules, b.getMax()).equals(apply(rules, c.getMax()))) {
        return Optional.of(
            new Hint(
                p.column(),
                kind(rules),
                "min and max " + equalOnce(rules, p) + ": " + Evidence.quotedMinMax(p),
                rules));
      }
    }
    return Optional.empty();
  }

  /**
   * The side with fewer nulls has '' as its min, and no more '' than values: with '' read as NULL
   * the null counts may agree. Its max must then equal the other side's, as it is or under the
   * first of the other text rules that makes it so (or be '' itself when the other side has only
   * nulls).
   */
  private static Optional<Hint> emptyIsNull(StatPair p) {
    boolean baselineFewer = p.baseline().getNulls() < p.candidate().getNulls();
    StoredStats fewer = baselineFewer ? p.baseline() : p.candidate();
    StoredStats more = baselineFewer ? p.candidate() : p.baseline();
    long fewerRows = baselineFewer ? p.baselineRows() : p.candidateRows();
    long extraNulls = more.getNulls() - fewer.getNulls();
    if (!"".equals(fewer.getMin()) || extraNulls > fewerRows - fewer.getNulls()) {
      return Optional.empty();
    }
    List<Rule> rules = new ArrayList<>();
    if (more.getMax() == null) {
      if (!"".equals(fewer.getMax())) {
        return Optional.empty();
      }
    } else if (!fewer.getMax().equals(more.getMax())) {
      List<Rule> found = null;
      for (List<Rule> t : TRIES) {
        if (apply(t, fewer.getMax()).equals(apply(t, more.getMax()))) {
          found = t;
          break;
        }
      }
      if (found == null) {
        return Optional.empty();
      }
      rules.addAll(found);
    }
    rules.add(Rule.EMPTY_IS_NULL);
    String side = baselineFewer ? "baseline" : "candidate";
    String other = baselineFewer ? "candidate" : "baseline";
    String evidence =
        "the candidate has "
            + p.candidate().getNulls()
            + " nulls against "
            + p.baseline().getNulls()
            + " on the baseline"
            + (baselineFewer ? ", whose min is" : ", and its min is")
            + " '' (the empty text): the "
            + side
            + " writes '' where the "
            + other
            + " writes NULL";
    if (rules.size() > 1) {
      evidence +=
          "; max "
              + Evidence.quote(p.candidate().getMax())
              + " on the candidate against "
              + Evidence.quote(p.baseline().getMax())
              + ", equal once "
              + once(rules.subList(0, rules.size() - 1));
    }
    return Optional.of(new Hint(p.column(), Kind.EMPTY_IS_NULL, evidence, rules));
  }

  private static Kind kind(List<Rule> rules) {
    return rules.get(0) == Rule.TRIM ? Kind.TRAILING_SPACES : Kind.CASE_ONLY;
  }

  /** "are equal once leading and trailing spaces are removed (trailing spaces: CHAR padding)". */
  private static String equalOnce(List<Rule> rules, StatPair p) {
    if (rules.equals(List.of(Rule.CASE_INSENSITIVE))) {
      return "differ in case only";
    }
    String padding =
        rules.equals(List.of(Rule.TRIM)) && paddedOnly(p)
            ? " (trailing spaces, as CHAR(n) pads its values)"
            : "";
    return "are equal once " + once(rules) + padding;
  }

  private static String once(List<Rule> rules) {
    List<String> parts = new ArrayList<>();
    if (rules.contains(Rule.TRIM)) {
      parts.add("leading and trailing spaces are removed");
    }
    if (rules.contains(Rule.CASE_INSENSITIVE)) {
      parts.add("lower-cased");
    }
    return String.join(" and ", parts);
  }

  /** Whether every differing min or max is the other side's with spaces appended. */
  private static boolean paddedOnly(StatPair p) {
    return padded(p.baseline().getMin(), p.candidate().getMin())
        && padded(p.baseline().getMax(), p.candidate().getMax());
  }

  private static boolean padded(String a, String b) {
    if (Objects.equals(a, b)) {
      return true;
    }
    String longer = a.length() > b.length() ? a : b;
    String shorter = a.length() > b.length() ? b : a;
    return longer.startsWith(shorter)
        && longer.substring(shorter.length()).chars().allMatch(ch -> ch == ' ');
  }

  static String apply(List<Rule> rules, String text) {
    String t = text;
    if (rules.contains(Rule.TRIM)) {
      t = trim(t);
    }
    if (rules.contains(Rule.CASE_INSENSITIVE)) {
      t = t.toLowerCase(Locale.ROOT);
    }
    return t;
  }

  /** Leading and trailing spaces (U+0020) removed, nothing else. */
  static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == ' ') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == ' ') {
      end--;
    }
    return s.substring(start, end);
  }
}
