package io.dualrun.alerting.fold;

import io.dualrun.schemas.avro.DiffReport;
import io.dualrun.schemas.avro.RowDifference;
import java.util.ArrayList;
import java.util.List;

/**
 * One line saying what an automatic drill-down found, for the alert text: {@code 3 rows differ (2
 * only in the baseline, 1 changed): id 1042 amount 10.50 → 10.05; id 7 only in the baseline; …}.
 */
final class DrillLine {
  private DrillLine() {}

  static String of(DiffReport r, int shown) {
    return switch (r.getStatus()) {
      case DIFFERENT, PARTIAL -> rows(r, shown);
      case EQUAL -> "the drill-down found the same rows on both sides now";
      case CHANGED, TIMED_OUT, FAILED, PENDING ->
          "no rows: drill-down "
              + r.getStatus()
              + (r.getMessage() == null ? "" : " (" + r.getMessage() + ")");
    };
  }

  private static String rows(DiffReport r, int shown) {
    long total = r.getOnlyInBaseline() + r.getOnlyInCandidate() + r.getChanged();
    List<String> counts = new ArrayList<>();
    if (r.getOnlyInBaseline() > 0) {
      counts.add(r.getOnlyInBaseline() + " only in the baseline");
    }
    if (r.getOnlyInCandidate() > 0) {
      counts.add(r.getOnlyInCandidate() + " only in the candidate");
    }
    if (r.getChanged() > 0) {
      counts.add(r.getChanged() + " changed");
    }
    StringBuilder b =
        new StringBuilder()
            .append(total)
            .append(total == 1 ? " row differs" : " rows differ")
            .append(r.getStatus().name().equals("PARTIAL") ? " at least" : "")
            .append(" (")
            .append(String.join(", ", counts))
            .append(")");
    List<String> examples = new ArrayList<>();
    for (RowDifference d : r.getRows()) {
      if (examples.size() == shown) {
        break;
      }
      examples.add(example(r, d));
    }
    if (!examples.isEmpty()) {
      b.append(": ").append(String.join("; ", examples));
      if (total > examples.size()) {
        b.append("; …");
      }
    }
    return b.toString();
  }

  private static String example(DiffReport r, RowDifference d) {
    StringBuilder b = new StringBuilder(key(r, d));
    switch (d.getKind()) {
      case ONLY_IN_BASELINE -> b.append(" only in the baseline");
      case ONLY_IN_CANDIDATE -> b.append(" only in the candidate");
      case CHANGED -> {
        for (String c : d.getChangedColumns()) {
          int i = r.getColumns().indexOf(c);
          b.append(' ')
              .append(c)
              .append(' ')
              .append(value(d.getBaseline(), i))
              .append(" → ")
              .append(value(d.getCandidate(), i));
        }
      }
    }
    return b.toString();
  }

  private static String key(DiffReport r, RowDifference d) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < d.getKey().size(); i++) {
      String name = i < r.getKeyColumns().size() ? r.getKeyColumns().get(i) + " " : "";
      parts.add(name + (d.getKey().get(i) == null ? "null" : d.getKey().get(i)));
    }
    return String.join(", ", parts);
  }

  private static String value(List<String> values, int i) {
    if (values == null || i < 0 || i >= values.size()) {
      return "?";
    }
    return values.get(i) == null ? "null" : values.get(i);
  }
}
