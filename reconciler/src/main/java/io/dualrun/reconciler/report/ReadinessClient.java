package io.dualrun.reconciler.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code /v1/readiness} (or {@code /v1/readiness/{workflow}}) and {@code /v1/workflows} (for
 * the open breaches) and joins them into {@link ReadinessRow}s.
 */
final class ReadinessClient {
  private final ReconcilerReader reader;

  ReadinessClient(ReconcilerReader reader) {
    this.reader = reader;
  }

  List<ReadinessRow> fetch(String workflow) throws ReportException {
    JsonNode readiness =
        reader.get(workflow == null ? "v1/readiness" : "v1/readiness/" + encode(workflow));
    Map<String, JsonNode> summaries = new HashMap<>();
    reader.get("v1/workflows").forEach(s -> summaries.put(s.path("workflow").asText(), s));
    List<ReadinessRow> rows = new ArrayList<>();
    if (readiness.isArray()) {
      readiness.forEach(r -> rows.add(row(r, summaries)));
    } else {
      rows.add(row(readiness, summaries));
    }
    return rows;
  }

  private static ReadinessRow row(JsonNode readiness, Map<String, JsonNode> summaries) {
    return ReadinessRow.of(readiness, summaries.get(readiness.path("workflow").asText()));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
