package io.dualrun.reconciler.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Waivers as a plain text table: id, workflow, scope, owner, expiry, reason. */
final class WaiverTable {
  private static final List<String> HEADER =
      List.of("ID", "WORKFLOW", "SCOPE", "OWNER", "EXPIRES", "REASON");

  private WaiverTable() {}

  static String render(JsonNode waivers) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (JsonNode w : waivers) {
      rows.add(
          List.of(
              w.path("id").asText(),
              w.path("workflow").asText(),
              scope(w),
              w.path("owner").asText(),
              expiry(w),
              w.path("reason").asText()));
    }
    int[] widths = new int[HEADER.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i] + 2));
      }
      out.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
    return out.toString();
  }

  /**
   * "output sales.orders, kind ROW_COUNT, partitions 2026-12-*, version 1.4.0", or "everything".
   */
  static String scope(JsonNode w) {
    List<String> parts = new ArrayList<>();
    for (String field : List.of("output", "column", "kind", "version")) {
      if (w.path(field).isTextual()) {
        parts.add(field + " " + w.path(field).asText());
      }
    }
    List<String> globs = new ArrayList<>();
    w.path("partitions").forEach(p -> globs.add(p.asText()));
    if (!globs.isEmpty()) {
      parts.add("partitions " + String.join(" ", globs));
    }
    return parts.isEmpty() ? "every finding" : String.join(", ", parts);
  }

  private static String expiry(JsonNode w) {
    if (!w.path("expiresAt").isTextual()) {
      return "never";
    }
    return w.path("expiresAt").asText() + (w.path("expired").asBoolean() ? " (expired)" : "");
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
