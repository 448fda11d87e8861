package io.dualrun.hooks.discover;

import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.WorkflowSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An inventory against what the topics show: declared workflows nothing has arrived for, workflows
 * records arrive for that the inventory does not declare (reconciled with the defaults), and
 * OpenLineage jobs no workflow maps (their events go to the DLQ). A pure function.
 *
 * @param neverSeen declared workflows without any record, sorted
 * @param undeclared workflow → pairs seen, for workflows the inventory does not declare
 * @param unmappedJobs OpenLineage {@code namespace/name} → records dead-lettered for it
 * @param seen declared workflow → pairs seen
 */
public record InventoryCheck(
    List<String> neverSeen,
    Map<String, Integer> undeclared,
    Map<String, Integer> unmappedJobs,
    Map<String, Integer> seen) {

  /** Whether the inventory and the topics agree. */
  public boolean consistent() {
    return neverSeen.isEmpty() && undeclared.isEmpty() && unmappedJobs.isEmpty();
  }

  public static InventoryCheck of(Inventory inventory, TopicContents observed) {
    Map<String, Integer> seen = new TreeMap<>();
    List<String> neverSeen =
        inventory.workflows().stream()
            .map(WorkflowSpec::id)
            .filter(id -> !observed.pairsByWorkflow().containsKey(id))
            .sorted()
            .toList();
    Map<String, Integer> undeclared = new TreeMap<>();
    observed
        .pairsByWorkflow()
        .forEach(
            (workflow, pairs) -> {
              if (inventory.workflow(workflow).isPresent()) {
                seen.put(workflow, pairs.size());
              } else {
                undeclared.put(workflow, pairs.size());
              }
            });
    return new InventoryCheck(neverSeen, undeclared, new TreeMap<>(observed.unmappedJobs()), seen);
  }
}
