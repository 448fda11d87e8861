package io.dualrun.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.apache.flink.types.Row;

/** Prints rows as JSON Lines: one object per row, keyed by column name. */
public final class JsonPrinter implements ResultPrinter {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final ValueRenderer renderer;

  public JsonPrinter(ValueRenderer renderer) {
    this.renderer = renderer;
  }

  @Override
  public void print(QueryResult result, PrintWriter out) {
    for (Row row : result.rows()) {
      ObjectNode node = MAPPER.createObjectNode();
      for (int i = 0; i < result.columns().size(); i++) {
        QueryResult.Column column = result.columns().get(i);
        node.set(column.name(), renderer.json(row.getField(i), column.type()));
      }
      try {
        out.println(MAPPER.writeValueAsString(node));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write JSON", e);
      }
    }
    out.flush();
  }
}
