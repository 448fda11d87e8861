package io.dualrun.reconciler.decide;

import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FindingKind;
import io.dualrun.schemas.normalise.ColumnRule;
import io.dualrun.schemas.normalise.Normalisation;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CONTENT finding of two fingerprints of an output made under different normalisation rules:
 * their content, schema and column stats are not compared (the values were read differently). The
 * finding shows both sides' rules and, when the rules of exactly one column differ, names it.
 */
final class DifferentRules {
  static final String NONE = "none";

  private DifferentRules() {}

  static void add(List<Finding> findings, String output, String baseline, String candidate) {
    String b = baseline == null ? NONE : baseline;
    String c = candidate == null ? NONE : candidate;
    List<String> columns = differingColumns(baseline, candidate);
    findings.add(
        Findings.finding(
            FindingKind.CONTENT,
            output,
            columns.size() == 1 ? columns.get(0) : null,
            b,
            c,
            "Output "
                + output
                + " was fingerprinted under different normalisation rules (baseline: "
                + b
                + "; candidate: "
                + c
                + (columns.isEmpty() ? "" : "; they differ for " + String.join(", ", columns))
                + "), so its content, schema and column stats are not compared: fingerprint both"
                + " sides with the same rules (the inventory's normalise for this output, or the"
                + " same --normalise flags)."));
  }

  /** The columns whose rules differ, in order; empty when either text cannot be read. */
  static List<String> differingColumns(String baseline, String candidate) {
    Normalisation b;
    Normalisation c;
    try {
      b = parse(baseline);
      c = parse(candidate);
    } catch (IllegalArgumentException e) {
      return List.of();
    }
    Set<String> names = new TreeSet<>(b.columns().keySet());
    names.addAll(c.columns().keySet());
    return names.stream().filter(n -> !Objects.equals(text(b.rule(n)), text(c.rule(n)))).toList();
  }

  private static Normalisation parse(String text) {
    return text == null ? Normalisation.NONE : Normalisation.parse(List.of(text));
  }

  private static String text(ColumnRule r) {
    return r == null ? null : r.text();
  }
}
