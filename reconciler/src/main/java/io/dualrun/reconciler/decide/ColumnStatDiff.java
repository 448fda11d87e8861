package io.dualrun.reconciler.decide;

import io.dualrun.inventory.OutputSpec;
import io.dualrun.inventory.Tolerance;
import io.dualrun.reconciler.state.StoredOutput;
import io.dualrun.reconciler.state.StoredStats;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FindingKind;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * COLUMN_STAT: for each column both sides describe (ignored columns, and those the baseline's own
 * reruns showed nondeterministic, left out), nulls, min, max and sum are compared within the
 * column's tolerance when both values are numeric, exactly otherwise. Each finding carries its
 * column's root-cause hint ({@link Hints}), if any.
 */
final class ColumnStatDiff {
  private ColumnStatDiff() {}

  static void add(List<Finding> findings, OutputSpec rules, StoredOutput b, StoredOutput c) {
    add(findings, rules, b, c, Hints.of(ZoneOffset.UTC, b, c, rules.ignoreColumns()));
  }

  static void add(
      List<Finding> findings, OutputSpec rules, StoredOutput b, StoredOutput c, Hints hints) {
    Map<String, StoredStats> bs = byName(b);
    Map<String, StoredStats> cs = byName(c);
    for (Map.Entry<String, StoredStats> e : bs.entrySet()) {
      String column = e.getKey();
      StoredStats other = cs.get(column);
      if (other == null
          || rules.ignoreColumns().contains(column)
          || b.getRerunDiffers().contains(column)) {
        continue;
      }
      Tolerance t = rules.statTolerance(column);
      StoredStats base = e.getValue();
      int before = findings.size();
      compare(findings, rules, column, "nulls", str(base.getNulls()), str(other.getNulls()), t);
      compare(findings, rules, column, "min", base.getMin(), other.getMin(), t);
      compare(findings, rules, column, "max", base.getMax(), other.getMax(), t);
      compare(findings, rules, column, "sum", base.getSum(), other.getSum(), t);
      if (findings.size() > before) {
        String hint = hints.of(column).map(Hint::text).orElse(null);
        findings.subList(before, findings.size()).forEach(f -> f.setHint(hint));
      }
    }
  }

  private static String str(long n) {
    return Long.toString(n);
  }

  private static Map<String, StoredStats> byName(StoredOutput o) {
    Map<String, StoredStats> out = new TreeMap<>();
    o.getStats().forEach(s -> out.put(s.getName(), s));
    return out;
  }

  private static void compare(
      List<Finding> findings,
      OutputSpec rules,
      String column,
      String stat,
      String b,
      String c,
      Tolerance t) {
    if (same(b, c, t)) {
      return;
    }
    findings.add(
        Findings.finding(
            FindingKind.COLUMN_STAT,
            rules.name(),
            column,
            b,
            c,
            "Output "
                + rules.name()
                + " column "
                + column
                + ": "
                + stat
                + " is "
                + c
                + " on the candidate against "
                + b
                + " on the baseline."));
  }

  static boolean same(String b, String c, Tolerance t) {
    if (Objects.equals(b, c)) {
      return true;
    }
    BigDecimal bn = number(b);
    BigDecimal cn = number(c);
    if (bn == null || cn == null) {
      return false;
    }
    return bn.compareTo(cn) == 0 || t.accepts(bn.doubleValue(), cn.doubleValue());
  }

  private static BigDecimal number(String s) {
    if (s == null) {
      return null;
    }
    try {
      return new BigDecimal(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
