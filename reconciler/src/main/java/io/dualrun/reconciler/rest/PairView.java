package io.dualrun.reconciler.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One pair as {@code GET /v1/pairs/{workflow}/{partition}} answers it. Findings, the verdict and
 * breaches are the Avro records as the one Avro JSON writer ({@code AvroJson}) writes them.
 *
 * @param tier the inventory's tier, null when uninventoried
 * @param baseline the baseline side, null before any of its records
 * @param candidate the candidate side, null before any of its records
 * @param decision the latest verdict's reason, time and previous outcome (absent while pending)
 * @param verdict the latest verdict, null while pending
 * @param drillDowns the latest automatic drill-down report of each output (docs/diff.md), as the
 *     Avro records {@code AvroJson} writes; empty when none
 */
@JsonPropertyOrder({
  "workflow",
  "partition",
  "key",
  "outcome",
  "revision",
  "inventoried",
  "owner",
  "tier",
  "baseline",
  "candidate",
  "findings",
  "decision",
  "verdict",
  "openBreaches",
  "breaches",
  "lastActivity",
  "drillDowns"
})
public record PairView(
    String workflow,
    String partition,
    String key,
    String outcome,
    int revision,
    boolean inventoried,
    String owner,
    Integer tier,
    SideJson baseline,
    SideJson candidate,
    List<JsonNode> findings,
    @JsonUnwrapped Decision decision,
    JsonNode verdict,
    List<JsonNode> openBreaches,
    List<JsonNode> breaches,
    String lastActivity,
    List<JsonNode> drillDowns) {

  /** What the latest verdict says besides its findings. */
  @JsonPropertyOrder({"reason", "decidedAt", "previousOutcome", "resolution"})
  public record Decision(
      String reason, String decidedAt, String previousOutcome, boolean resolution) {}

  /** One side of the pair, from its winning attempt. */
  @JsonPropertyOrder({
    "attempt",
    "runId",
    "orchestrator",
    "status",
    "terminal",
    "startTime",
    "endTime",
    "durationMs",
    "failedTask",
    "error",
    "logUrl",
    "attempts",
    "outputs"
  })
  public record SideJson(
      int attempt,
      String runId,
      String orchestrator,
      String status,
      boolean terminal,
      String startTime,
      String endTime,
      Long durationMs,
      String failedTask,
      String error,
      String logUrl,
      List<Attempt> attempts,
      List<Output> outputs) {}

  /** One attempt seen for a side; {@code current} for the winning one. */
  @JsonPropertyOrder({"attempt", "runId", "current"})
  public record Attempt(int attempt, String runId, boolean current) {}

  /**
   * One output fingerprint of the winning attempt; {@code normalisation}: the rules it was made
   * under; {@code nondeterministicColumns} (baseline): columns that differed between the baseline's
   * own attempts, the rest equal, whose differences from the candidate are noise, not findings.
   */
  @JsonPropertyOrder({
    "output",
    "rowCount",
    "contentHash",
    "eventTime",
    "normalisation",
    "nondeterministicColumns"
  })
  public record Output(
      String output,
      long rowCount,
      String contentHash,
      String eventTime,
      @JsonInclude(JsonInclude.Include.NON_NULL) String normalisation,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> nondeterministicColumns) {}
}
