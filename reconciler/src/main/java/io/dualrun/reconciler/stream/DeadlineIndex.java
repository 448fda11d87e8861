package io.dualrun.reconciler.stream;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Pairs ordered by when they must be judged again (settle, grace, retention): keys {@code <19-digit
 * due millis>/<pair key>} in a persistent store, so a punctuation reads only what is due.
 */
final class DeadlineIndex {
  private static final int BATCH = 10_000;
  private static final int DIGITS = 19;
  private static final String ZEROS = "0".repeat(DIGITS);
  private final KeyValueStore<String, String> store;

  /**
   * A lower bound of every due time in the store, kept in memory so a punctuation with nothing due
   * reads nothing; unknown (minimum) until the first punctuation of this task reads the store.
   */
  private long earliest = Long.MIN_VALUE;

  DeadlineIndex(KeyValueStore<String, String> store) {
    this.store = store;
  }

  static String key(long due, String pair) {
    String digits = Long.toString(Math.max(due, 0));
    StringBuilder k = new StringBuilder(DIGITS + 1 + pair.length());
    k.append(ZEROS, 0, DIGITS - digits.length()).append(digits).append('/').append(pair);
    return k.toString();
  }

  void move(String pair, Long from, Long to) {
    if (from != null && !from.equals(to)) {
      store.delete(key(from, pair));
    }
    if (to != null && !to.equals(from)) {
      store.put(key(to, pair), "");
      earliest = Math.min(earliest, Math.max(to, 0));
    }
  }

  /** Removes and returns (oldest first) the pairs due at or before {@code now}. */
  List<String> takeDue(long now) {
    if (now < earliest) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    long next = Long.MAX_VALUE;
    try (KeyValueIterator<String, String> it =
        store.range(key(0, ""), key(Long.MAX_VALUE, "\uffff"))) {
      while (it.hasNext() && keys.size() < BATCH) {
        KeyValue<String, String> kv = it.next();
        long due = Long.parseLong(kv.key.substring(0, DIGITS));
        if (due > now) {
          next = due;
          break;
        }
        keys.add(kv.key);
      }
    }
    earliest = keys.size() < BATCH ? next : Long.MIN_VALUE;
    List<String> pairs = new ArrayList<>(keys.size());
    for (String k : keys) {
      store.delete(k);
      pairs.add(k.substring(20));
    }
    return pairs;
  }
}
