package io.dualrun.reconciler.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** One pair of a workflow as {@code GET /v1/workflows/{workflow}/partitions} lists it. */
@JsonPropertyOrder({"partition", "outcome", "openBreaches"})
public record PartitionRow(String partition, String outcome, List<String> openBreaches) {}
