package io.dualrun.reconciler.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One pair as the list endpoints see it, merged from every instance; also the rows of the
 * instance-to-instance digest answer.
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
  "writes"
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
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> writes) {

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
        texts(n.path("writes")));
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(x -> out.add(x.asText()));
    return List.copyOf(out);
  }
}
