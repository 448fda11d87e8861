package io.dualrun.reconciler.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;

/** The readiness table as a JSON array, one object per workflow with every field of the row. */
final class JsonTable {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonTable() {}

  static String render(List<ReadinessRow> rows) {
    try {
      return JSON.writeValueAsString(rows) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the readiness rows as JSON", e);
    }
  }
}
