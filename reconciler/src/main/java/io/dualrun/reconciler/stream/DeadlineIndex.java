package io.dualrun.reconciler.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Pairs ordered by when they must be judged again (settle, grace, retention): keys {@code <19-digit
 * due millis>/<pair key>} in a persistent store, so a punctuation reads only what is due.
 */
final class DeadlineIndex {
  private static final int BATCH = 10_000;
  private final KeyValueStore<String, String> store;

  DeadlineIndex(KeyValueStore<String, String> store) {
    this.store = store;
  }

  static String key(long due, String pair) {
    return String.format(Locale.ROOT, "%019d/%s", Math.max(due, 0), pair);
  }

  void move(String pair, Long from, Long to) {
    if (from != null && !from.equals(to)) {
      store.delete(key(from, pair));
    }
    if (to != null && !to.equals(from)) {
      store.put(key(to, pair), "");
    }
  }

  /** Removes and returns (oldest first) the pairs due at or before {@code now}. */
  List<String> takeDue(long now) {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, String> it = store.range(key(0, ""), key(now, "\uffff"))) {
      while (it.hasNext() && keys.size() < BATCH) {
        KeyValue<String, String> kv = it.next();
        keys.add(kv.key);
      }
    }
    List<String> pairs = new ArrayList<>(keys.size());
    for (String k : keys) {
      store.delete(k);
      pairs.add(k.substring(20));
    }
    return pairs;
  }
}
