package io.dualrun.reconciler.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One pair as the list endpoints see it, merged from every instance. */
record DigestRow(
    String workflow,
    String partition,
    String outcome,
    boolean inventoried,
    Long baselineDurationMs,
    Long candidateDurationMs,
    List<String> openBreaches) {

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
        open);
  }
}
