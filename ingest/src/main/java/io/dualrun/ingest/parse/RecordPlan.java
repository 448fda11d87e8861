package io.dualrun.ingest.parse;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * What {@link DirectReader} needs of a record schema, worked out once per schema: its fields in
 * order, how to make an empty record, the value of each field when it is absent, and the enum
 * constants by spelling. Lookups that the generic Avro model repeats for every record (class by
 * schema name, default values by field) are done here once.
 */
final class RecordPlan {
  private static final Map<Schema, RecordPlan> TOP = new ConcurrentHashMap<>();
  private static final Map<Schema, RecordPlan> NESTED = new ConcurrentHashMap<>();
  private static final Map<Schema, Map<String, Object>> ENUMS = new ConcurrentHashMap<>();

  /** How a field is filled when the body leaves it out or gives it as null. */
  private enum Absent {
    NULL,
    COPY_DEFAULT,
    EVENT_ID,
    REQUIRED
  }

  private final Schema schema;
  private final SpecificData model;
  private final Schema.Field[] fields;
  private final Absent[] absent;
  private final Object[] defaults;
  private final Constructor<?> constructor;

  private RecordPlan(Schema schema, SpecificData model, boolean top) {
    this.schema = schema;
    this.model = model;
    List<Schema.Field> list = schema.getFields();
    fields = list.toArray(new Schema.Field[0]);
    absent = new Absent[fields.length];
    defaults = new Object[fields.length];
    for (Schema.Field f : fields) {
      absent[f.pos()] = absent(f, top);
      if (absent[f.pos()] == Absent.COPY_DEFAULT) {
        defaults[f.pos()] = model.getDefaultValue(f);
      }
    }
    try {
      constructor = model.getClass(schema).getConstructor();
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("no public constructor for " + schema.getFullName(), e);
    }
  }

  /** The plan of a top-level record schema ({@code eventId} may be absent: the caller fills it). */
  static RecordPlan top(Schema schema, SpecificData model) {
    return TOP.computeIfAbsent(schema, s -> new RecordPlan(s, model, true));
  }

  /** The plan of a record nested in another. */
  static RecordPlan nested(Schema schema, SpecificData model) {
    return NESTED.computeIfAbsent(schema, s -> new RecordPlan(s, model, false));
  }

  private static Absent absent(Schema.Field f, boolean top) {
    if (f.hasDefaultValue()) {
      return f.defaultVal() == org.apache.avro.JsonProperties.NULL_VALUE
          ? Absent.NULL
          : Absent.COPY_DEFAULT;
    }
    if (f.schema().getType() == Schema.Type.UNION) {
      for (Schema branch : f.schema().getTypes()) {
        if (branch.getType() == Schema.Type.NULL) {
          return Absent.NULL;
        }
      }
    }
    return top && f.name().equals("eventId") ? Absent.EVENT_ID : Absent.REQUIRED;
  }

  int size() {
    return fields.length;
  }

  /**
   * The field called {@code name}, or {@code null}; {@code expected} is the position where it
   * usually comes (bodies mostly name fields in the schema's order).
   */
  Schema.Field field(String name, int expected) {
    if (expected < fields.length && fields[expected].name().equals(name)) {
      return fields[expected];
    }
    return schema.getField(name);
  }

  IndexedRecord newRecord() {
    try {
      return (IndexedRecord) constructor.newInstance();
    } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot make a " + schema.getFullName(), e);
    }
  }

  /** Fills field {@code pos} as absent; false (nothing filled) for a required one. */
  boolean fillAbsent(IndexedRecord record, int pos) {
    switch (absent[pos]) {
      case NULL, EVENT_ID -> record.put(pos, null);
      case COPY_DEFAULT -> record.put(pos, model.deepCopy(fields[pos].schema(), defaults[pos]));
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * The constant of {@code schema} (an enum) that {@code text} names in any case, or {@code null}.
   */
  static Object enumConstant(Schema schema, SpecificData model, String text) {
    Map<String, Object> constants =
        ENUMS.computeIfAbsent(
            schema,
            s -> {
              Map<String, Object> byText = new HashMap<>();
              for (String symbol : s.getEnumSymbols()) {
                Object constant = model.createEnum(symbol, s);
                byText.put(symbol, constant);
                byText.put(symbol.toLowerCase(Locale.ROOT), constant);
              }
              return byText;
            });
    Object constant = constants.get(text);
    return constant != null ? constant : constants.get(text.toUpperCase(Locale.ROOT));
  }
}
