package io.dualrun.reconciler.rest;

import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.WorkflowSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Per-workflow parity ({@code GET /v1/workflows}) from the merged digest rows. */
final class WorkflowSummaries {
  private WorkflowSummaries() {}

  /** Rows grouped by workflow, newest partition first; declared workflows always present. */
  static Map<String, List<DigestRow>> byWorkflow(List<DigestRow> rows, Inventory inventory) {
    Map<String, List<DigestRow>> out = new TreeMap<>();
    inventory.workflows().forEach(w -> out.put(w.id(), new ArrayList<>()));
    rows.forEach(r -> out.computeIfAbsent(r.workflow(), k -> new ArrayList<>()).add(r));
    out.values().forEach(l -> l.sort(Comparator.comparing(DigestRow::partition).reversed()));
    return out;
  }

  static List<WorkflowSummary> all(List<DigestRow> rows, Inventory inventory) {
    List<WorkflowSummary> out = new ArrayList<>();
    byWorkflow(rows, inventory).forEach((id, list) -> out.add(one(inventory.rules(id), list)));
    return out;
  }

  static WorkflowSummary one(WorkflowSpec spec, List<DigestRow> newestFirst) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("MATCH", 0);
    counts.put("MISMATCH", 0);
    counts.put("MATCH_WITH_WAIVER", 0);
    counts.put("PENDING", 0);
    newestFirst.forEach(r -> counts.merge(r.outcome(), 1, Integer::sum));
    List<String> open = new ArrayList<>();
    newestFirst.forEach(r -> open.addAll(r.openBreaches()));
    return new WorkflowSummary(
        spec.id(),
        spec.inventoried(),
        spec.owner(),
        counts,
        newestFirst.size(),
        cleanStreak(newestFirst),
        open,
        newestFirst.isEmpty() ? null : newestFirst.get(0).partition());
  }

  /**
   * Consecutive clean (MATCH or MATCH_WITH_WAIVER) partitions, newest first, not counting pairs
   * still pending.
   */
  static int cleanStreak(List<DigestRow> newestFirst) {
    int streak = 0;
    for (DigestRow r : newestFirst) {
      if (r.outcome().equals("PENDING")) {
        continue;
      }
      if (!r.clean()) {
        break;
      }
      streak++;
    }
    return streak;
  }
}
