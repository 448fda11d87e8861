package io.dualrun.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.MultisetType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.Row;

/**
 * Turns Flink result values into JSON (nested rows as objects with their field names, arrays as
 * arrays, maps as objects, timestamps as {@code yyyy-MM-dd HH:mm:ss.SSS} text) and into the text
 * shown in table and CSV cells (scalars as text, nested values as compact JSON).
 */
public final class ValueRenderer {
  private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");

  private final ZoneId zone;

  public ValueRenderer(ZoneId zone) {
    this.zone = zone;
  }

  /** The cell text of {@code value}; null stays null (each format shows it its own way). */
  public String text(Object value, LogicalType type) {
    if (value == null) {
      return null;
    }
    JsonNode node = json(value, type);
    if (node.isContainerNode()) {
      try {
        return MAPPER.writeValueAsString(node);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("cannot render " + type, e);
      }
    }
    return node.asText();
  }

  /** The JSON form of {@code value}. */
  public JsonNode json(Object value, LogicalType type) {
    if (value == null) {
      return JSON.nullNode();
    }
    if (type instanceof RowType rowType && value instanceof Row row) {
      return row(row, rowType);
    }
    if (type instanceof ArrayType arrayType && value.getClass().isArray()) {
      return array(value, arrayType.getElementType());
    }
    if (type instanceof MapType mapType && value instanceof Map<?, ?> map) {
      return map(map, mapType.getValueType());
    }
    if (type instanceof MultisetType multisetType && value instanceof Map<?, ?> map) {
      return map(map, multisetType.getElementType());
    }
    return scalar(value);
  }

  private JsonNode row(Row row, RowType type) {
    ObjectNode node = JSON.objectNode();
    List<RowType.RowField> fields = type.getFields();
    for (int i = 0; i < fields.size() && i < row.getArity(); i++) {
      node.set(fields.get(i).getName(), json(row.getField(i), fields.get(i).getType()));
    }
    return node;
  }

  private JsonNode array(Object array, LogicalType elementType) {
    if (array instanceof byte[] bytes) {
      return JSON.textNode(Base64.getEncoder().encodeToString(bytes));
    }
    ArrayNode node = JSON.arrayNode();
    for (int i = 0; i < Array.getLength(array); i++) {
      node.add(json(Array.get(array, i), elementType));
    }
    return node;
  }

  private JsonNode map(Map<?, ?> map, LogicalType valueType) {
    ObjectNode node = JSON.objectNode();
    map.forEach((key, value) -> node.set(String.valueOf(key), json(value, valueType)));
    return node;
  }

  private JsonNode scalar(Object value) {
    if (value instanceof Boolean b) {
      return JSON.booleanNode(b);
    }
    if (value instanceof BigDecimal d) {
      return JSON.numberNode(d);
    }
    if (value instanceof BigInteger i) {
      return JSON.numberNode(i);
    }
    if (value instanceof Double || value instanceof Float) {
      return JSON.numberNode(((Number) value).doubleValue());
    }
    if (value instanceof Number n) {
      return JSON.numberNode(n.longValue());
    }
    if (value instanceof LocalDateTime t) {
      return JSON.textNode(TIMESTAMP.format(t));
    }
    if (value instanceof Instant t) {
      return JSON.textNode(TIMESTAMP.format(t.atZone(zone).toLocalDateTime()));
    }
    if (value instanceof byte[] bytes) {
      return JSON.textNode(Base64.getEncoder().encodeToString(bytes));
    }
    return JSON.textNode(value.toString());
  }
}
