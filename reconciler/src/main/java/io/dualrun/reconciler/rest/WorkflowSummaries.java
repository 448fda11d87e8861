package io.dualrun.reconciler.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.WorkflowSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Per-workflow parity ({@code GET /v1/workflows}) from the merged digest rows. */
final class WorkflowSummaries {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private WorkflowSummaries() {}

  /** Rows grouped by workflow, newest partition first; declared workflows always present. */
  static Map<String, List<DigestRow>> byWorkflow(List<DigestRow> rows, Inventory inventory) {
    Map<String, List<DigestRow>> out = new TreeMap<>();
    inventory.workflows().forEach(w -> out.put(w.id(), new ArrayList<>()));
    rows.forEach(r -> out.computeIfAbsent(r.workflow(), k -> new ArrayList<>()).add(r));
    out.values().forEach(l -> l.sort(Comparator.comparing(DigestRow::partition).reversed()));
    return out;
  }

  static ArrayNode all(List<DigestRow> rows, Inventory inventory) {
    ArrayNode out = NODES.arrayNode();
    byWorkflow(rows, inventory).forEach((id, list) -> out.add(one(inventory.rules(id), list)));
    return out;
  }

  static ObjectNode one(WorkflowSpec spec, List<DigestRow> newestFirst) {
    ObjectNode o = NODES.objectNode();
    o.put("workflow", spec.id());
    o.put("inventoried", spec.inventoried());
    o.put("owner", spec.owner());
    ObjectNode counts = o.putObject("counts");
    counts.put("MATCH", 0);
    counts.put("MISMATCH", 0);
    counts.put("PENDING", 0);
    newestFirst.forEach(r -> counts.put(r.outcome(), counts.path(r.outcome()).asInt() + 1));
    o.put("partitions", newestFirst.size());
    o.put("cleanStreak", cleanStreak(newestFirst));
    ArrayNode open = o.putArray("openBreaches");
    newestFirst.forEach(r -> r.openBreaches().forEach(open::add));
    o.put("latestPartition", newestFirst.isEmpty() ? null : newestFirst.get(0).partition());
    return o;
  }

  /** Consecutive MATCH partitions, newest first, not counting pairs still pending. */
  static int cleanStreak(List<DigestRow> newestFirst) {
    int streak = 0;
    for (DigestRow r : newestFirst) {
      if (r.outcome().equals("PENDING")) {
        continue;
      }
      if (!r.outcome().equals("MATCH")) {
        break;
      }
      streak++;
    }
    return streak;
  }
}
