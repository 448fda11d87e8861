package io.dualrun.hooks.discover;

import java.util.Map;
import java.util.Set;

/**
 * What the topics show: the pairs each workflow has records for, and the OpenLineage jobs ingest
 * could not map (on the DLQ with ingest's lineage source), each with how often.
 *
 * @param pairsByWorkflow workflow → distinct partitions with a run event or fingerprint
 * @param unmappedJobs OpenLineage {@code namespace/name} → records dead-lettered for it
 */
public record TopicContents(
    Map<String, Set<String>> pairsByWorkflow, Map<String, Integer> unmappedJobs) {
  public TopicContents {
    pairsByWorkflow = Map.copyOf(pairsByWorkflow);
    unmappedJobs = Map.copyOf(unmappedJobs);
  }
}
