package io.dualrun.reconciler.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * One workflow's parity as {@code GET /v1/workflows} answers it.
 *
 * @param counts pairs per outcome (MATCH, MISMATCH, MATCH_WITH_WAIVER, PENDING always present)
 * @param partitions pairs known
 * @param cleanStreak consecutive MATCH or MATCH_WITH_WAIVER partitions, newest first, pending ones
 *     skipped
 * @param openBreaches ids of the open freshness breaches
 * @param latestPartition the newest partition, or null
 */
@JsonPropertyOrder({
  "workflow",
  "inventoried",
  "owner",
  "counts",
  "partitions",
  "cleanStreak",
  "openBreaches",
  "latestPartition"
})
public record WorkflowSummary(
    String workflow,
    boolean inventoried,
    String owner,
    Map<String, Integer> counts,
    int partitions,
    int cleanStreak,
    List<String> openBreaches,
    String latestPartition) {}
