package io.dualrun.schemas.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * JSON form of the Avro records, driven by their schemas: field names as in the schema (camelCase),
 * timestamps as ISO-8601 strings (epoch milliseconds also accepted on input), enums by symbol (case
 * insensitive on input; lower case on output where the enum declares {@code "json":"lowercase"}),
 * optional fields as null. Reading collects every problem as a {@link FieldError} instead of
 * stopping at the first.
 */
public final class AvroJson {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The generated model of each record class ({@code getForClass} reflects on every call). */
  private static final ClassValue<SpecificData> MODELS =
      new ClassValue<>() {
        @Override
        protected SpecificData computeValue(Class<?> type) {
          return SpecificData.getForClass(type);
        }
      };

  private AvroJson() {}

  /** Converts {@code node} to a record of {@code type}, or throws naming every bad field. */
  public static <T extends SpecificRecord> T read(JsonNode node, Class<T> type) {
    SpecificData model = MODELS.get(type);
    Schema schema = model.getSchema(type);
    List<FieldError> errors = new ArrayList<>();
    Object value = readValue(node, schema, "", errors, model);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return type.cast(value);
  }

  /** The JSON form of a record. */
  public static ObjectNode write(IndexedRecord record) {
    return (ObjectNode) writeValue(record, record.getSchema(), MODELS.get(record.getClass()));
  }

  private static Object readValue(
      JsonNode node, Schema schema, String path, List<FieldError> errors, SpecificData model) {
    switch (schema.getType()) {
      case RECORD:
        return readRecord(node, schema, path, errors, model);
      case UNION:
        return readUnion(node, schema, path, errors, model);
      case STRING:
        if (!node.isTextual()) {
          return fail(errors, path, "expected a string, got " + describe(node));
        }
        return node.textValue();
      case INT:
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
          return fail(errors, path, "expected a whole number (32-bit), got " + describe(node));
        }
        return node.intValue();
      case LONG:
        return readLong(node, schema, path, errors);
      case DOUBLE:
      case FLOAT:
        if (!node.isNumber()) {
          return fail(errors, path, "expected a number, got " + describe(node));
        }
        return schema.getType() == Schema.Type.DOUBLE ? node.doubleValue() : node.floatValue();
      case BOOLEAN:
        if (!node.isBoolean()) {
          return fail(errors, path, "expected true or false, got " + describe(node));
        }
        return node.booleanValue();
      case ENUM:
        return readEnum(node, schema, path, errors, model);
      case ARRAY:
        return readArray(node, schema, path, errors, model);
      case MAP:
        return readMap(node, schema, path, errors, model);
      default:
        return fail(errors, path, "type " + schema.getType() + " is not supported in JSON");
    }
  }

  private static Object readRecord(
      JsonNode node, Schema schema, String path, List<FieldError> errors, SpecificData model) {
    if (!node.isObject()) {
      return fail(errors, path, "expected an object, got " + describe(node));
    }
    IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
    for (Schema.Field field : schema.getFields()) {
      String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
      JsonNode value = node.get(field.name());
      if (value == null || value.isNull()) {
        if (field.hasDefaultValue()) {
          record.put(field.pos(), model.deepCopy(field.schema(), model.getDefaultValue(field)));
        } else if (isNullable(field.schema())) {
          record.put(field.pos(), null);
        } else {
          errors.add(new FieldError(fieldPath, "is required"));
        }
        continue;
      }
      Object converted = readValue(value, field.schema(), fieldPath, errors, model);
      if (converted != null) {
        record.put(field.pos(), converted);
      }
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (schema.getField(name) == null) {
        errors.add(
            new FieldError(path.isEmpty() ? name : path + "." + name, "is not a known field"));
      }
    }
    return record;
  }

  private static Object readUnion(
      JsonNode node, Schema schema, String path, List<FieldError> errors, SpecificData model) {
    if (node.isNull()) {
      return null;
    }
    for (Schema branch : schema.getTypes()) {
      if (branch.getType() != Schema.Type.NULL) {
        return readValue(node, branch, path, errors, model);
      }
    }
    return fail(errors, path, "must be null");
  }

  private static Object readLong(
      JsonNode node, Schema schema, String path, List<FieldError> errors) {
    boolean timestamp = schema.getLogicalType() instanceof LogicalTypes.TimestampMillis;
    if (timestamp && node.isTextual()) {
      try {
        return parseInstant(node.textValue());
      } catch (DateTimeParseException e) {
        return fail(
            errors,
            path,
            "expected an ISO-8601 timestamp such as 2026-11-20T07:05:00Z, got '"
                + node.textValue()
                + "'");
      }
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      return fail(
          errors,
          path,
          (timestamp
                  ? "expected an ISO-8601 timestamp or epoch milliseconds"
                  : "expected a whole number")
              + ", got "
              + describe(node));
    }
    return timestamp ? Instant.ofEpochMilli(node.longValue()) : node.longValue();
  }

  private static Instant parseInstant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return OffsetDateTime.parse(text).toInstant();
    }
  }

  private static Object readEnum(
      JsonNode node, Schema schema, String path, List<FieldError> errors, SpecificData model) {
    if (!node.isTextual()) {
      return fail(errors, path, "expected one of " + symbols(schema) + ", got " + describe(node));
    }
    String wanted = node.textValue().toUpperCase(Locale.ROOT);
    if (!schema.hasEnumSymbol(wanted)) {
      return fail(errors, path, "'" + node.textValue() + "' is not one of " + symbols(schema));
    }
    return model.createEnum(wanted, schema);
  }

  private static Object readArray(
      JsonNode node, Schema schema, String path, List<FieldError> errors, SpecificData model) {
    if (!node.isArray()) {
      return fail(errors, path, "expected an array, got " + describe(node));
    }
    List<Object> values = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      values.add(
          readValue(node.get(i), schema.getElementType(), path + "[" + i + "]", errors, model));
    }
    return values;
  }

  private static Object readMap(
      JsonNode node, Schema schema, String path, List<FieldError> errors, SpecificData model) {
    if (!node.isObject()) {
      return fail(errors, path, "expected an object, got " + describe(node));
    }
    Map<String, Object> values = new LinkedHashMap<>();
    node.fields()
        .forEachRemaining(
            e ->
                values.put(
                    e.getKey(),
                    readValue(
                        e.getValue(),
                        schema.getValueType(),
                        path + "." + e.getKey(),
                        errors,
                        model)));
    return values;
  }

  private static Object fail(List<FieldError> errors, String path, String reason) {
    errors.add(new FieldError(path, reason));
    return null;
  }

  private static boolean isNullable(Schema schema) {
    return schema.getType() == Schema.Type.UNION
        && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
  }

  private static String symbols(Schema schema) {
    return String.join(", ", schema.getEnumSymbols());
  }

  private static String describe(JsonNode node) {
    if (node.isTextual()) {
      return "the string '" + node.textValue() + "'";
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node;
  }

  private static JsonNode writeValue(Object value, Schema schema, GenericData model) {
    if (value == null) {
      return NODES.nullNode();
    }
    switch (schema.getType()) {
      case RECORD:
        IndexedRecord record = (IndexedRecord) value;
        ObjectNode object = NODES.objectNode();
        for (Schema.Field field : schema.getFields()) {
          object.set(field.name(), writeValue(record.get(field.pos()), field.schema(), model));
        }
        return object;
      case UNION:
        int branch = model.resolveUnion(schema, value);
        return writeValue(value, schema.getTypes().get(branch), model);
      case STRING:
        return NODES.textNode(value.toString());
      case INT:
        return NODES.numberNode((Integer) value);
      case LONG:
        return writeLong(value, schema);
      case DOUBLE:
        return NODES.numberNode(((Number) value).doubleValue());
      case FLOAT:
        return NODES.numberNode(((Number) value).floatValue());
      case BOOLEAN:
        return NODES.booleanNode((Boolean) value);
      case ENUM:
        String symbol =
            value instanceof Enum<?> e ? e.name() : ((GenericEnumSymbol<?>) value).toString();
        return NODES.textNode(
            "lowercase".equals(schema.getProp("json")) ? symbol.toLowerCase(Locale.ROOT) : symbol);
      case ARRAY:
        ArrayNode array = NODES.arrayNode();
        for (Object item : (Iterable<?>) value) {
          array.add(writeValue(item, schema.getElementType(), model));
        }
        return array;
      case MAP:
        ObjectNode map = NODES.objectNode();
        ((Map<?, ?>) value)
            .forEach((k, v) -> map.set(k.toString(), writeValue(v, schema.getValueType(), model)));
        return map;
      default:
        return NODES.textNode(value.toString());
    }
  }

  private static JsonNode writeLong(Object value, Schema schema) {
    LogicalType logical = schema.getLogicalType();
    if (logical instanceof LogicalTypes.TimestampMillis) {
      Instant instant = value instanceof Instant i ? i : Instant.ofEpochMilli((Long) value);
      return NODES.textNode(instant.toString());
    }
    return NODES.numberNode(((Number) value).longValue());
  }
}
