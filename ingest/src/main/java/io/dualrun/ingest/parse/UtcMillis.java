package io.dualrun.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * A quick reading of the timestamp spelling hooks send most, {@code yyyy-MM-ddTHH:mm:ss[.SSS]Z}
 * (UTC, at most millisecond precision). Such a text names exactly the instant of its epoch
 * milliseconds, so the field is replaced by that number, which the schema-driven reader takes as
 * the same instant. Every other spelling (offsets, finer fractions, invalid dates) is left as it is
 * for the full ISO-8601 reading and its error messages.
 */
final class UtcMillis {
  static final long NOT_SIMPLE = Long.MIN_VALUE;
  private static final int SHORTEST = "2026-11-20T07:05:00Z".length();
  private static final int LONGEST = "2026-11-20T07:05:00.000Z".length();

  private UtcMillis() {}

  /** The top-level fields of {@code schema} holding a timestamp-millis (optional or not). */
  static List<String> timestampFields(Schema schema) {
    List<String> names = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      if (isTimestamp(field.schema())) {
        names.add(field.name());
      }
    }
    return List.copyOf(names);
  }

  /** Replaces every simple UTC timestamp text among {@code fields} of {@code node} in place. */
  static void normalise(ObjectNode node, List<String> fields) {
    for (String field : fields) {
      JsonNode value = node.get(field);
      if (value != null && value.isTextual()) {
        long millis = parse(value.textValue());
        if (millis != NOT_SIMPLE) {
          node.put(field, millis);
        }
      }
    }
  }

  /** The epoch milliseconds of {@code text}, or {@link #NOT_SIMPLE} when it has another form. */
  static long parse(String text) {
    int n = text.length();
    if (n < SHORTEST || n > LONGEST || n == SHORTEST + 1 || text.charAt(n - 1) != 'Z') {
      return NOT_SIMPLE;
    }
    if (!separators(text) || (n > SHORTEST && text.charAt(19) != '.')) {
      return NOT_SIMPLE;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    int fraction = n > SHORTEST ? digits(text, 20, n - SHORTEST - 1) : 0;
    if ((year | month | day | hour | minute | second | fraction) < 0) {
      return NOT_SIMPLE;
    }
    int millis = fraction * (n == SHORTEST + 2 ? 100 : n == SHORTEST + 3 ? 10 : 1);
    try {
      long seconds =
          LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
      return seconds * 1000 + millis;
    } catch (DateTimeException e) {
      return NOT_SIMPLE;
    }
  }

  private static boolean separators(String text) {
    return text.charAt(4) == '-'
        && text.charAt(7) == '-'
        && text.charAt(10) == 'T'
        && text.charAt(13) == ':'
        && text.charAt(16) == ':';
  }

  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isTimestamp(Schema schema) {
    if (schema.getType() == Schema.Type.UNION) {
      return schema.getTypes().stream().anyMatch(UtcMillis::isTimestamp);
    }
    return schema.getLogicalType() instanceof LogicalTypes.TimestampMillis;
  }
}
