package io.dualrun.reconciler.decide;

import io.dualrun.inventory.OutputSpec;
import io.dualrun.reconciler.state.StoredColumn;
import io.dualrun.reconciler.state.StoredOutput;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FindingKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * SCHEMA: column names or normalised types differ (column order ignored, {@code ignoreColumns} left
 * out). Compared only when both sides sent a schema.
 */
final class SchemaDiff {
  private SchemaDiff() {}

  static void add(List<Finding> findings, OutputSpec rules, StoredOutput b, StoredOutput c) {
    if (b.getColumnTypes().isEmpty() || c.getColumnTypes().isEmpty()) {
      return;
    }
    Map<String, String> bs = columns(b, rules.ignoreColumns());
    Map<String, String> cs = columns(c, rules.ignoreColumns());
    if (bs.equals(cs)) {
      return;
    }
    findings.add(
        Findings.finding(
            FindingKind.SCHEMA,
            rules.name(),
            null,
            render(bs),
            render(cs),
            "Output " + rules.name() + " has a different schema: " + differences(bs, cs) + "."));
  }

  private static Map<String, String> columns(StoredOutput o, Set<String> ignored) {
    Map<String, String> out = new TreeMap<>();
    for (StoredColumn c : o.getColumnTypes()) {
      if (!ignored.contains(c.getName())) {
        out.put(c.getName(), c.getType());
      }
    }
    return out;
  }

  private static String render(Map<String, String> columns) {
    List<String> parts = new ArrayList<>();
    columns.forEach((name, type) -> parts.add(name + ":" + type));
    return String.join(", ", parts);
  }

  private static String differences(Map<String, String> b, Map<String, String> c) {
    List<String> parts = new ArrayList<>();
    Set<String> all = new TreeSet<>(b.keySet());
    all.addAll(c.keySet());
    for (String name : all) {
      String bt = b.get(name);
      String ct = c.get(name);
      if (bt == null) {
        parts.add("column " + name + " only on the candidate");
      } else if (ct == null) {
        parts.add("column " + name + " missing on the candidate");
      } else if (!bt.equals(ct)) {
        parts.add("column " + name + " is " + ct + " instead of " + bt);
      }
    }
    return String.join(", ", parts);
  }
}
