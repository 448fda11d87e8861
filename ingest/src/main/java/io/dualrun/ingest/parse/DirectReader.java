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

  private DirectReader() {}

  /** Reads one element's fields into a record; throws {@link GiveUp} when it cannot. */
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
        out.add(element.read(parser));
      } else if (first == JsonToken.START_ARRAY) {
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.START_OBJECT) {
          if (out.size() == maxBatch) {
            return null;
          }
          out.add(element.read(parser));
        }
        if (t != JsonToken.END_ARRAY) {
          return null;
        }
      } else {
        return null;
      }
      return parser.nextToken() == null ? out : null;
    } catch (IOException | GiveUp e) {
      return null;
    }
  }

  /**
   * Reads the object the parser is on (at its {@code START_OBJECT}) as a record of {@code type}'s
   * schema. {@code eventId} may be absent; it is then left {@code null} for the caller to fill.
   */
  static <T extends SpecificRecord> T record(JsonParser parser, Class<T> type) throws IOException {
    SpecificData model = MODELS.get(type);
    return type.cast(readRecord(parser, model.getSchema(type), model, true));
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
        throw GiveUp.INSTANCE;
      }
      expected = field.pos() + 1;
      JsonToken token = parser.nextToken();
      if (token == JsonToken.VALUE_NULL) {
        seen[field.pos()] = SEEN_NULL;
      } else {
        record.put(field.pos(), readValue(parser, token, field.schema(), model));
        seen[field.pos()] = GIVEN;
      }
    }
    for (int pos = 0; pos < seen.length; pos++) {
      if (seen[pos] != GIVEN) {
        plan.fillAbsent(record, pos);
      }
    }
    return record;
  }

  private static Object readValue(
      JsonParser parser, JsonToken token, Schema schema, SpecificData model) throws IOException {
    switch (schema.getType()) {
      case RECORD:
        expect(token, JsonToken.START_OBJECT);
        return readRecord(parser, schema, model, false);
      case UNION:
        return readValue(parser, token, nonNullBranch(schema), model);
      case STRING:
        expect(token, JsonToken.VALUE_STRING);
        return parser.getText();
      case INT:
        expect(token, JsonToken.VALUE_NUMBER_INT);
        if (parser.getNumberType() != JsonParser.NumberType.INT) {
          throw GiveUp.INSTANCE;
        }
        return parser.getIntValue();
      case LONG:
        return readLong(parser, token, schema);
      case DOUBLE:
      case FLOAT:
        return readFloating(parser, token, schema);
      case BOOLEAN:
        if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
          throw GiveUp.INSTANCE;
        }
        return token == JsonToken.VALUE_TRUE;
      case ENUM:
        expect(token, JsonToken.VALUE_STRING);
        Object constant = RecordPlan.enumConstant(schema, model, parser.getText());
        if (constant == null) {
          throw GiveUp.INSTANCE;
        }
        return constant;
      case ARRAY:
        expect(token, JsonToken.START_ARRAY);
        List<Object> items = new ArrayList<>();
        JsonToken item;
        while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
          items.add(element(parser, item, schema.getElementType(), model));
        }
        return items;
      case MAP:
        expect(token, JsonToken.START_OBJECT);
        Map<String, Object> entries = new LinkedHashMap<>();
        String key;
        while ((key = parser.nextFieldName()) != null) {
          entries.put(key, element(parser, parser.nextToken(), schema.getValueType(), model));
        }
        return entries;
      default:
        throw GiveUp.INSTANCE;
    }
  }

  /** An array item or map value: JSON null only where the schema allows it. */
  private static Object element(JsonParser parser, JsonToken token, Schema schema, SpecificData m)
      throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      if (schema.getType() == Schema.Type.UNION) {
        return null;
      }
      throw GiveUp.INSTANCE;
    }
    return readValue(parser, token, schema, m);
  }

  private static Schema nonNullBranch(Schema union) {
    for (Schema branch : union.getTypes()) {
      if (branch.getType() != Schema.Type.NULL) {
        return branch;
      }
    }
    throw GiveUp.INSTANCE;
  }

  private static Object readLong(JsonParser parser, JsonToken token, Schema schema)
      throws IOException {
    boolean timestamp = schema.getLogicalType() instanceof LogicalTypes.TimestampMillis;
    if (timestamp && token == JsonToken.VALUE_STRING) {
      long millis = UtcMillis.parse(parser.getText());
      if (millis == UtcMillis.NOT_SIMPLE) {
        throw GiveUp.INSTANCE;
      }
      return Instant.ofEpochMilli(millis);
    }
    expect(token, JsonToken.VALUE_NUMBER_INT);
    JsonParser.NumberType type = parser.getNumberType();
    if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
      throw GiveUp.INSTANCE;
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
    expect(token, JsonToken.VALUE_NUMBER_INT);
    JsonParser.NumberType type = parser.getNumberType();
    if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
      throw GiveUp.INSTANCE;
    }
    long value = parser.getLongValue();
    return isDouble ? (Object) (double) value : (Object) (float) value;
  }

  private static void expect(JsonToken token, JsonToken wanted) {
    if (token != wanted) {
      throw GiveUp.INSTANCE;
    }
  }

  /** This reading cannot take the body; the full reading decides. Carries no stack trace. */
  static final class GiveUp extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final GiveUp INSTANCE = new GiveUp();

    private GiveUp() {
      super("not read directly", null, false, false);
    }
  }
}
