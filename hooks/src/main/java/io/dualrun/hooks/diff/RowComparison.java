package io.dualrun.hooks.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Classifies the rows of the differing buckets by key: a key on one side only, or on both with
 * different values. A key held by several rows on a side is compared row by row: rows equal on both
 * sides cancel out, the others are on one side only.
 */
final class RowComparison {
  private RowComparison() {}

  static List<KeyDifference> compare(
      List<String> columns, List<DiffRow> baseline, List<DiffRow> candidate) {
    Map<List<String>, List<DiffRow>> base = byKey(baseline);
    Map<List<String>, List<DiffRow>> cand = byKey(candidate);
    List<KeyDifference> out = new ArrayList<>();
    for (Map.Entry<List<String>, List<DiffRow>> e : base.entrySet()) {
      List<DiffRow> other = cand.remove(e.getKey());
      if (other == null) {
        e.getValue().forEach(r -> out.add(only(KeyDifference.Kind.ONLY_IN_BASELINE, r, null)));
      } else if (e.getValue().size() == 1 && other.size() == 1) {
        changed(columns, e.getValue().get(0), other.get(0)).ifPresent(out::add);
      } else {
        unmatched(e.getValue(), other, out);
      }
    }
    cand.values()
        .forEach(
            rows ->
                rows.forEach(r -> out.add(only(KeyDifference.Kind.ONLY_IN_CANDIDATE, null, r))));
    out.sort(Comparator.comparing((KeyDifference d) -> String.join("\u0000", keyText(d.key()))));
    return out;
  }

  private static List<String> keyText(List<String> key) {
    return key.stream().map(k -> k == null ? "" : k).toList();
  }

  private static Map<List<String>, List<DiffRow>> byKey(List<DiffRow> rows) {
    Map<List<String>, List<DiffRow>> byKey = new LinkedHashMap<>();
    for (DiffRow r : rows) {
      byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
    }
    return byKey;
  }

  private static KeyDifference only(KeyDifference.Kind kind, DiffRow baseline, DiffRow candidate) {
    DiffRow row = baseline != null ? baseline : candidate;
    return new KeyDifference(kind, row.key(), List.of(), baseline, candidate);
  }

  private static java.util.Optional<KeyDifference> changed(
      List<String> columns, DiffRow baseline, DiffRow candidate) {
    List<KeyDifference.Change> changes = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      String a = baseline.values().get(c);
      String b = candidate.values().get(c);
      if (!Objects.equals(a, b)) {
        changes.add(new KeyDifference.Change(columns.get(c), a, b));
      }
    }
    if (changes.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new KeyDifference(
            KeyDifference.Kind.CHANGED, baseline.key(), List.copyOf(changes), baseline, candidate));
  }

  /** Several rows under one key: equal rows cancel out, the rest are on one side only. */
  private static void unmatched(
      List<DiffRow> baseline, List<DiffRow> candidate, List<KeyDifference> out) {
    List<DiffRow> left = new ArrayList<>(candidate);
    for (DiffRow r : baseline) {
      if (!left.remove(r)) {
        out.add(only(KeyDifference.Kind.ONLY_IN_BASELINE, r, null));
      }
    }
    left.forEach(r -> out.add(only(KeyDifference.Kind.ONLY_IN_CANDIDATE, null, r)));
  }
}
