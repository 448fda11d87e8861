package io.dualrun.reconciler.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * JSON of the reconciler's output records, in the same form as {@code AvroJson.write} (camelCase
 * field names, ISO-8601 timestamps, enums by symbol, lower case where the enum says so), resolving
 * unions with the record class's own data model so that optional timestamps ({@code Instant}) are
 * written too.
 */
final class RecordJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RecordJson() {}

  static ObjectNode write(IndexedRecord record) {
    return (ObjectNode)
        value(record, record.getSchema(), SpecificData.getForClass(record.getClass()));
  }

  private static JsonNode value(Object v, Schema schema, SpecificData model) {
    if (v == null) {
      return NODES.nullNode();
    }
    switch (schema.getType()) {
      case RECORD:
        IndexedRecord r = (IndexedRecord) v;
        ObjectNode o = NODES.objectNode();
        for (Schema.Field f : schema.getFields()) {
          o.set(f.name(), value(r.get(f.pos()), f.schema(), model));
        }
        return o;
      case UNION:
        return value(v, schema.getTypes().get(model.resolveUnion(schema, v)), model);
      case INT:
        return NODES.numberNode(((Number) v).intValue());
      case LONG:
        if (v instanceof Instant i) {
          return NODES.textNode(i.toString());
        }
        return NODES.numberNode(((Number) v).longValue());
      case DOUBLE:
      case FLOAT:
        return NODES.numberNode(((Number) v).doubleValue());
      case BOOLEAN:
        return NODES.booleanNode((Boolean) v);
      case ENUM:
        String symbol = v.toString();
        return NODES.textNode(
            "lowercase".equals(schema.getProp("json")) ? symbol.toLowerCase(Locale.ROOT) : symbol);
      case ARRAY:
        ArrayNode a = NODES.arrayNode();
        for (Object item : (Iterable<?>) v) {
          a.add(value(item, schema.getElementType(), model));
        }
        return a;
      case MAP:
        ObjectNode m = NODES.objectNode();
        ((Map<?, ?>) v)
            .forEach((k, x) -> m.set(k.toString(), value(x, schema.getValueType(), model)));
        return m;
      default:
        return NODES.textNode(v.toString());
    }
  }
}
