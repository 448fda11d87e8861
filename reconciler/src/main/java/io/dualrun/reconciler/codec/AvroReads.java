package io.dualrun.reconciler.codec;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroTypeException;

/**
 * The Avro binary reads the input readers share: optional values as {@code ["null", T]} unions
 * (branch 0 for null, 1 for a value), timestamps from their epoch milliseconds, and arrays and maps
 * in blocks (a count, negative when the block's byte size follows, and 0 after the last block, all
 * of which {@link AvroInput#readBlockStart}/{@link AvroInput#readBlockNext} handle). Lists and maps
 * are the mutable {@link ArrayList} and {@link HashMap}, equal to what Avro's own reader builds.
 */
final class AvroReads {
  /**
   * The most items a collection is sized for up front: a block's count comes from the record, so a
   * corrupt one must not allocate before the items it promises fail to arrive.
   */
  private static final int MAX_PRESIZE = 1024;

  private AvroReads() {}

  /** Reads a {@code ["null", T]} union's branch: whether a value follows. */
  static boolean present(AvroInput in) throws IOException {
    int branch = in.readIndex();
    if (branch == 1) {
      return true;
    }
    if (branch == 0) {
      return false;
    }
    throw new AvroTypeException("union branch " + branch + " of [\"null\", T] does not exist");
  }

  static String optionalString(AvroInput in) throws IOException {
    return present(in) ? in.readString() : null;
  }

  static Instant time(AvroInput in) throws IOException {
    return Instant.ofEpochMilli(in.readLong());
  }

  /** The enum symbol at the index read, with the enum's {@code values()} as {@code symbols}. */
  static <E extends Enum<E>> E symbol(AvroInput in, E[] symbols) throws IOException {
    int i = in.readIndex();
    if (i < 0 || i >= symbols.length) {
      throw new AvroTypeException(
          "enum "
              + symbols[0].getDeclaringClass().getSimpleName()
              + " has no symbol "
              + i
              + " ("
              + symbols.length
              + " symbols)");
    }
    return symbols[i];
  }

  static <T> List<T> list(AvroInput in, InputDecoder.Body<T> item) throws IOException {
    long n = in.readBlockStart();
    List<T> items = new ArrayList<>((int) Math.min(n, MAX_PRESIZE));
    for (; n > 0; n = in.readBlockNext()) {
      for (long i = 0; i < n; i++) {
        items.add(item.read(in));
      }
    }
    return items;
  }

  static Map<String, String> stringMap(AvroInput in) throws IOException {
    long n = in.readBlockStart();
    Map<String, String> map =
        new HashMap<>(n == 0 ? 0 : (int) (Math.min(n, MAX_PRESIZE) * 4 / 3) + 1);
    for (; n > 0; n = in.readBlockNext()) {
      for (long i = 0; i < n; i++) {
        String key = in.readString();
        String value = in.readString();
        map.put(key, value);
      }
    }
    return map;
  }
}
