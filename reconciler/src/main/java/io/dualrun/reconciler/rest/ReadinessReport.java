package io.dualrun.reconciler.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * One workflow's cutover readiness as {@code GET /v1/readiness} returns it.
 *
 * @param workflow workflow id
 * @param status READY or NOT_READY
 * @param inventoried whether the inventory declares it
 * @param owner its owner, or null
 * @param requiredPartitions how many last decided partitions must be clean
 * @param partitions those last decided partitions, newest first
 * @param waivedPartitions how many of them are MATCH_WITH_WAIVER (clean thanks to waivers)
 * @param baselineP95Ms baseline duration p95 over them, or null
 * @param candidateP95Ms candidate duration p95 over them, or null
 * @param durationRatio allowed candidate / baseline ratio
 * @param evidence what every decided partition says of the mismatch rate
 * @param coverage the calendar days clean partitions have covered
 * @param reasons why it is not ready (empty when READY)
 */
@JsonPropertyOrder({
  "workflow",
  "status",
  "inventoried",
  "owner",
  "requiredPartitions",
  "partitions",
  "waivedPartitions",
  "baselineP95Ms",
  "candidateP95Ms",
  "durationRatio",
  "evidence",
  "coverage",
  "reasons"
})
public record ReadinessReport(
    String workflow,
    String status,
    boolean inventoried,
    String owner,
    int requiredPartitions,
    List<Partition> partitions,
    int waivedPartitions,
    Long baselineP95Ms,
    Long candidateP95Ms,
    double durationRatio,
    Evidence evidence,
    CoverageReport coverage,
    List<String> reasons) {

  /** One decided partition and its outcome. */
  @JsonPropertyOrder({"partition", "outcome"})
  public record Partition(String partition, String outcome) {}

  /**
   * The mismatch rate's 95 % upper bound over every decided partition.
   *
   * @param maxMismatchRate the inventory's {@code readinessMaxMismatchRate}, or null
   */
  @JsonPropertyOrder({
    "decided",
    "mismatches",
    "confidence",
    "mismatchRateBelow",
    "method",
    "maxMismatchRate",
    "statement"
  })
  public record Evidence(
      int decided,
      int mismatches,
      double confidence,
      double mismatchRateBelow,
      String method,
      Double maxMismatchRate,
      String statement) {}

  /**
   * Calendar coverage ({@code readinessCoverage}).
   *
   * @param required the required kinds of day
   * @param covered each covered one and the newest clean partition covering it
   * @param missing those no clean partition covers yet
   */
  @JsonPropertyOrder({"required", "covered", "missing"})
  public record CoverageReport(
      List<String> required, Map<String, String> covered, List<String> missing) {}
}
