package io.dualrun.reconciler.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One workflow's line of the readiness report.
 *
 * @param workflow workflow id
 * @param state READY or NOT_READY
 * @param owner owner from the inventory, or null
 * @param cleanPartitions how many of the last required partitions are clean (MATCH or
 *     MATCH_WITH_WAIVER)
 * @param waivedPartitions how many of those are MATCH_WITH_WAIVER
 * @param requiredPartitions how many consecutive clean partitions cutover needs
 * @param openBreaches ids of the open freshness breaches
 * @param candidateP95Ms candidate duration p95 over those partitions, or null when unknown
 * @param baselineP95Ms baseline duration p95 over those partitions, or null when unknown
 * @param durationRatio allowed candidate/baseline ratio
 * @param decidedPartitions every decided partition of the workflow, or null when not reported
 * @param mismatches how many of them are MISMATCH, or null when not reported
 * @param mismatchRateBelow the 95 % upper bound of the mismatch rate, or null when not reported
 * @param reasons why it is not ready (empty when READY)
 */
record ReadinessRow(
    String workflow,
    String state,
    String owner,
    int cleanPartitions,
    int waivedPartitions,
    int requiredPartitions,
    List<String> openBreaches,
    Long candidateP95Ms,
    Long baselineP95Ms,
    double durationRatio,
    Integer decidedPartitions,
    Integer mismatches,
    Double mismatchRateBelow,
    List<String> reasons) {

  /** From one {@code /v1/readiness} entry and the workflow's {@code /v1/workflows} summary. */
  static ReadinessRow of(JsonNode readiness, JsonNode summary) {
    int clean = 0;
    int waived = 0;
    for (JsonNode p : readiness.path("partitions")) {
      String outcome = p.path("outcome").asText();
      if (outcome.equals("MATCH") || outcome.equals("MATCH_WITH_WAIVER")) {
        clean++;
      }
      if (outcome.equals("MATCH_WITH_WAIVER")) {
        waived++;
      }
    }
    return new ReadinessRow(
        readiness.path("workflow").asText(),
        readiness.path("status").asText(),
        readiness.path("owner").isTextual() ? readiness.path("owner").asText() : null,
        clean,
        waived,
        readiness.path("requiredPartitions").asInt(),
        texts(summary == null ? null : summary.path("openBreaches")),
        millis(readiness.path("candidateP95Ms")),
        millis(readiness.path("baselineP95Ms")),
        readiness.path("durationRatio").asDouble(),
        whole(readiness.path("evidence").path("decided")),
        whole(readiness.path("evidence").path("mismatches")),
        readiness.path("evidence").path("mismatchRateBelow").isNumber()
            ? readiness.path("evidence").path("mismatchRateBelow").asDouble()
            : null,
        texts(readiness.path("reasons")));
  }

  /** "12/14", or "12/14 (2 waived)" when waivers made some of them clean. */
  String cleanText() {
    return cleanPartitions
        + "/"
        + requiredPartitions
        + (waivedPartitions == 0 ? "" : " (" + waivedPartitions + " waived)");
  }

  private static Integer whole(JsonNode n) {
    return n.isNumber() ? n.asInt() : null;
  }

  /** "< 9.7 % (0 of 31)", or "—" when the reconciler did not say. */
  String mismatchRateText() {
    if (mismatchRateBelow == null || decidedPartitions == null || mismatches == null) {
      return "—";
    }
    return String.format(
        java.util.Locale.ROOT,
        "< %.1f %% (%d of %d)",
        mismatchRateBelow * 100,
        mismatches,
        decidedPartitions);
  }

  private static Long millis(JsonNode n) {
    return n.isNumber() ? n.asLong() : null;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(n -> out.add(n.asText()));
    }
    return List.copyOf(out);
  }
}
