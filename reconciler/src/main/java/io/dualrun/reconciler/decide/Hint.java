package io.dualrun.reconciler.decide;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A root-cause hint for one column of an output: what both sides' column stats show ({@code
 * evidence}, in numbers) and the normalisation rules that would accept the difference, named as the
 * inventory writes them ({@code normalise: {column: {rule: value}}}) and as {@code dualrun
 * fingerprint --normalise column:rule} reads them.
 *
 * @param column the column
 * @param kind what the stats show
 * @param evidence one clause, without the column's name or a final full stop
 * @param rules the rules, in their fixed order (timezone, precision, scale, trim, case, empty)
 */
record Hint(String column, Kind kind, String evidence, List<Rule> rules) {

  /** What a hint says the difference is. */
  enum Kind {
    TIME_SHIFT,
    TRUNCATION,
    FLOAT_ROUNDING,
    DECIMAL_SCALE,
    TRAILING_SPACES,
    CASE_ONLY,
    EMPTY_IS_NULL
  }

  Hint {
    rules = List.copyOf(rules);
  }

  /**
   * A rule of a column: {@code flag} as {@code --normalise} reads it ({@code
   * timezone=Europe/Paris}, {@code trim}), {@code key} and {@code value} as the inventory writes it
   * ({@code timezone: Europe/Paris}, {@code trim: true}).
   */
  record Rule(String flag, String key, String value) {
    static Rule timezone(String zone) {
      return new Rule("timezone=" + zone, "timezone", zone);
    }

    static Rule precision(String unit) {
      return new Rule("precision=" + unit, "precision", unit);
    }

    static Rule scale(int decimals) {
      return new Rule("scale=" + decimals, "scale", Integer.toString(decimals));
    }

    static final Rule TRIM = new Rule("trim", "trim", "true");
    static final Rule CASE_INSENSITIVE = new Rule("case-insensitive", "caseInsensitive", "true");
    static final Rule EMPTY_IS_NULL = new Rule("empty-is-null", "emptyIsNull", "true");
  }

  /**
   * The rules in the inventory's form: {@code normalise: {loaded_at: {timezone: Europe/Paris}}}.
   */
  String inventory() {
    return "normalise: {"
        + column
        + ": {"
        + rules.stream().map(r -> r.key() + ": " + r.value()).collect(Collectors.joining(", "))
        + "}}";
  }

  /** The rules as {@code dualrun fingerprint} reads them: {@code --normalise loaded_at:trim}. */
  String flag() {
    return "--normalise "
        + column
        + ":"
        + rules.stream().map(Rule::flag).collect(Collectors.joining(","));
  }

  /**
   * "loaded_at: min and max are both 1 h later on the candidate: …. Rule that would accept it:
   * normalise: {loaded_at: {timezone: Europe/Paris}} (dualrun fingerprint --normalise
   * loaded_at:timezone=Europe/Paris)."
   */
  String text() {
    return column
        + ": "
        + evidence
        + ". Rule that would accept it: "
        + inventory()
        + " (dualrun fingerprint "
        + flag()
        + ").";
  }
}
