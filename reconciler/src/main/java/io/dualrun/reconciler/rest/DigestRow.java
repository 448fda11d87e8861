package io.dualrun.reconciler.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One pair as the list endpoints see it, merged from every instance; also the rows of the
 * instance-to-instance digest answer. {@code baselineRows} / {@code candidateRows}: each output's
 * row count on a side that succeeded; {@code differingColumns}: per output whose content differs,
 * the columns whose hashes differ (docs/reconciler.md, CONTENT); {@code nondeterministicColumns}:
 * per output, the columns the baseline's own reruns showed nondeterministic.
 */
@JsonPropertyOrder({
  "workflow",
  "partition",
  "outcome",
  "inventoried",
  "baselineDurationMs",
  "candidateDurationMs",
  "openBreaches",
  "reads",
  "writes",
  "baselineRows",
  "candidateRows",
  "differingColumns",
  "nondeterministicColumns"
})
public record DigestRow(
    String workflow,
    String partition,
    String outcome,
    boolean inventoried,
    Long baselineDurationMs,
    Long candidateDurationMs,
    List<String> openBreaches,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> reads,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> writes,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> baselineRows,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> candidateRows,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, List<String>> differingColumns,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, List<String>> nondeterministicColumns) {

  /** A row without row counts or differing columns. */
  DigestRow(
      String workflow,
      String partition,
      String outcome,
      boolean inventoried,
      Long baselineDurationMs,
      Long candidateDurationMs,
      List<String> openBreaches,
      List<String> reads,
      List<String> writes) {
    this(
        workflow,
        partition,
        outcome,
        inventoried,
        baselineDurationMs,
        candidateDurationMs,
        openBreaches,
        reads,
        writes,
        Map.of(),
        Map.of(),
        Map.of(),
        Map.of());
  }

  /** Decided with no finding, or with every finding waived: what readiness counts as clean. */
  boolean clean() {
    return outcome.equals("MATCH") || waived();
  }

  /** Decided with findings, every one covered by a waiver. */
  boolean waived() {
    return outcome.equals("MATCH_WITH_WAIVER");
  }

  static DigestRow of(JsonNode n) {
    List<String> open = new ArrayList<>();
    n.path("openBreaches").forEach(b -> open.add(b.asText()));
    return new DigestRow(
        n.path("workflow").asText(),
        n.path("partition").asText(),
        n.path("outcome").asText(),
        n.path("inventoried").asBoolean(),
        n.path("baselineDurationMs").isNumber() ? n.path("baselineDurationMs").asLong() : null,
        n.path("candidateDurationMs").isNumber() ? n.path("candidateDurationMs").asLong() : null,
        List.copyOf(open),
        texts(n.path("reads")),
        texts(n.path("writes")),
        counts(n.path("baselineRows")),
        counts(n.path("candidateRows")),
        columns(n.path("differingColumns")),
        columns(n.path("nondeterministicColumns")));
  }

  private static Map<String, List<String>> columns(JsonNode object) {
    Map<String, List<String>> out = new TreeMap<>();
    object.fields().forEachRemaining(e -> out.put(e.getKey(), texts(e.getValue())));
    return out;
  }

  private static Map<String, Long> counts(JsonNode object) {
    Map<String, Long> out = new TreeMap<>();
    object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
    return out;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(x -> out.add(x.asText()));
    return List.copyOf(out);
  }
}
