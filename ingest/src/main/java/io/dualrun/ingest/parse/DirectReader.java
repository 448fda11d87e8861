package io.dualrun.ingest.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads the records of a request body straight from its bytes into Avro records, without building a
 * JSON tree first: the way taken by well-formed batches, which are most of them. It reads only what
 * it can take exactly as the schema-driven reading ({@code AvroJson.read} over the document, after
 * {@link UtcMillis} and {@link NativeRefs}) would: canonical ids, every required field given once
 * with the right JSON type, known fields only, timestamps in the simple UTC spelling or as epoch
 * milliseconds. Anything else, and every kind of error, makes it give up ({@link #read} answers
 * {@code null}); the caller then reads the document the full way, which names every problem. So a
 * body is either read here into the records the full way would give, or not at all.
 */
final class DirectReader {
  private static final JsonFactory JSON = new JsonFactory();

  /** The generated model of each record class ({@code getForClass} reflects on every call). */
  private static final ClassValue<SpecificData> MODELS =
      new ClassValue<>() {
        @Override
        protected SpecificData computeValue(Class<?> type) {
          return SpecificData.getForClass(type);
        }
      };

  private static final byte NOT_SEEN = 0;
  private static final byte SEEN_NULL = 1;
  private static final byte GIVEN = 2;

  /**
   * What a reading step answers when this reading cannot take the body (the full reading decides):
   * a value no JSON document gives, checked after every step.
   */
  private static final Object DECLINED = new Object();

  private DirectReader() {}

  /** Reads one element's fields into a record; {@code null} when it cannot. */
  @FunctionalInterface
  interface Element<T> {
    T read(JsonParser parser) throws IOException;
  }

  /**
   * Every element of {@code body} (one object, or an array of at most {@code maxBatch} objects), or
   * {@code null} when the full reading must decide.
   */
  static <T> List<T> read(byte[] body, int maxBatch, Element<T> element) {
    try (JsonParser parser = JSON.createParser(body)) {
      JsonToken first = parser.nextToken();
      List<T> out = new ArrayList<>();
      if (first == JsonToken.START_OBJECT) {
        T item = element.read(parser);
        if (item == null) {
          return null;
        }
        out.add(item);
      } else if (first == JsonToken.START_ARRAY) {
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.START_OBJECT) {
          T item = out.size() == maxBatch ? null : element.read(parser);
          if (item == null) {
            return null;
          }
          out.add(item);
        }
        if (t != JsonToken.END_ARRAY) {
          return null;
        }
      } else {
        return null;
      }
      return parser.nextToken() == null ? out : null;
    } catch (IOException e) {
      // not JSON the streaming parser takes: the full reading says where
      return null;
    }
  }

  /**
   * Reads the object the parser is on (at its {@code START_OBJECT}) as a record of {@code type}'s
   * schema, or {@code null} when this reading cannot take it. {@code eventId} may be absent; it is
   * then left {@code null} for the caller to fill.
   */
  static <T extends SpecificRecord> T record(JsonParser parser, Class<T> type) throws IOException {
    SpecificData model = MODELS.get(type);
    Object record = readRecord(parser, model.getSchema(type), model, true);
    return record == DECLINED ? null : type.cast(record);
  }

  private static Object readRecord(
      JsonParser parser, Schema schema, SpecificData model, boolean top) throws IOException {
    RecordPlan plan = top ? RecordPlan.top(schema, model) : RecordPlan.nested(schema, model);
    IndexedRecord record = plan.newRecord();
    // per field: not seen, seen as null (read as if absent), or given a value; a field named
    // twice gives up (the full reading keeps the last one)
    byte[] seen = new byte[plan.size()];
    int expected = 0;
    String name;
    while ((name = parser.nextFieldName()) != null) {
      Schema.Field field = plan.field(name, expected);
      if (field == null || seen[field.pos()] != NOT_SEEN) {
        return DECLINED;
      }
      expected = field.pos() + 1;
      JsonToken token = parser.nextToken();
      if (token == JsonToken.VALUE_NULL) {
        seen[field.pos()] = SEEN_NULL;
      } else {
        Object value = readValue(parser, token, field.schema(), model);
        if (value == DECLINED) {
          return DECLINED;
        }
        record.put(field.pos(), value);
        seen[field.pos()] = GIVEN;
      }
    }
    for (int pos = 0; pos < seen.length; pos++) {
      if (seen[pos] != GIVEN && !plan.fillAbsent(record, pos)) {
        return DECLINED;
      }
    }
    return record;
  }

  private static Object readValue(
      JsonParser parser, JsonToken token, Schema schema, SpecificData model) throws IOException {
    switch (schema.getType()) {
      case RECORD:
        return token == JsonToken.START_OBJECT
            ? readRecord(parser, schema, model, false)
            : DECLINED;
      case UNION:
        Schema branch = nonNullBranch(schema);
        return branch == null ? DECLINED : readValue(parser, token, branch, model);
      case STRING:
        return token == JsonToken.VALUE_STRING ? parser.getText() : DECLINED;
      case INT:
        return token == JsonToken.VALUE_NUMBER_INT
                && parser.getNumberType() == JsonParser.NumberType.INT
            ? (Object) parser.getIntValue()
            : DECLINED;
      case LONG:
        return readLong(parser, token, schema);
      case DOUBLE:
      case FLOAT:
        return readFloating(parser, token, schema);
      case BOOLEAN:
        if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
          return DECLINED;
        }
        return token == JsonToken.VALUE_TRUE;
      case ENUM:
        Object constant =
            token == JsonToken.VALUE_STRING
                ? RecordPlan.enumConstant(schema, model, parser.getText())
                : null;
        return constant == null ? DECLINED : constant;
      case ARRAY:
        return token == JsonToken.START_ARRAY ? readArray(parser, schema, model) : DECLINED;
      case MAP:
        return token == JsonToken.START_OBJECT ? readMap(parser, schema, model) : DECLINED;
      default:
        return DECLINED;
    }
  }

  private static Object readArray(JsonParser parser, Schema schema, SpecificData model)
      throws IOException {
    List<Object> items = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      Object item = element(parser, token, schema.getElementType(), model);
      if (item == DECLINED) {
        return DECLINED;
      }
      items.add(item);
    }
    return items;
  }

  private static Object readMap(JsonParser parser, Schema schema, SpecificData model)
      throws IOException {
    Map<String, Object> entries = new LinkedHashMap<>();
    String key;
    while ((key = parser.nextFieldName()) != null) {
      Object value = element(parser, parser.nextToken(), schema.getValueType(), model);
      if (value == DECLINED) {
        return DECLINED;
      }
      entries.put(key, value);
    }
    return entries;
  }

  /** An array item or map value: JSON null only where the schema allows it. */
  private static Object element(JsonParser parser, JsonToken token, Schema schema, SpecificData m)
      throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return schema.getType() == Schema.Type.UNION ? null : DECLINED;
    }
    return readValue(parser, token, schema, m);
  }

  /** The union's branch that is not null, or {@code null} when there is none. */
  private static Schema nonNullBranch(Schema union) {
    for (Schema branch : union.getTypes()) {
      if (branch.getType() != Schema.Type.NULL) {
        return branch;
      }
    }
    return null;
  }

  private static Object readLong(JsonParser parser, JsonToken token, Schema schema)
      throws IOException {
    boolean timestamp = schema.getLogicalType() instanceof LogicalTypes.TimestampMillis;
    if (timestamp && token == JsonToken.VALUE_STRING) {
      long millis = UtcMillis.parse(parser.getText());
      return millis == UtcMillis.NOT_SIMPLE ? DECLINED : Instant.ofEpochMilli(millis);
    }
    if (!integral(parser, token)) {
      return DECLINED;
    }
    long value = parser.getLongValue();
    return timestamp ? Instant.ofEpochMilli(value) : value;
  }

  private static Object readFloating(JsonParser parser, JsonToken token, Schema schema)
      throws IOException {
    boolean isDouble = schema.getType() == Schema.Type.DOUBLE;
    if (token == JsonToken.VALUE_NUMBER_FLOAT) {
      double value = parser.getDoubleValue();
      return isDouble ? (Object) value : (Object) (float) value;
    }
    if (!integral(parser, token)) {
      return DECLINED;
    }
    long value = parser.getLongValue();
    return isDouble ? (Object) (double) value : (Object) (float) value;
  }

  /** An integer that fits a long (a bigger one is left to the full reading). */
  private static boolean integral(JsonParser parser, JsonToken token) throws IOException {
    if (token != JsonToken.VALUE_NUMBER_INT) {
      return false;
    }
    JsonParser.NumberType type = parser.getNumberType();
    return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG;
  }
}
