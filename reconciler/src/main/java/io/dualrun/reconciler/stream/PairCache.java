package io.dualrun.reconciler.stream;

import io.dualrun.reconciler.state.PairState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recently used pairs of one task, decoded: a pair's records usually arrive close
 * together, and reading one back from the store would decode its whole state each time. Always
 * holds exactly what the store holds for a key (written through, dropped when a change to it
 * fails), and is private to the task's stream thread.
 */
final class PairCache {
  private final LinkedHashMap<String, PairState> entries;
  private final int capacity;

  PairCache(int capacity) {
    this.capacity = capacity;
    this.entries =
        new LinkedHashMap<>(Math.min(capacity, 1024) * 2 + 1, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, PairState> eldest) {
            return size() > capacity;
          }
        };
  }

  PairState get(String key) {
    return entries.get(key);
  }

  void put(String key, PairState state) {
    if (capacity > 0) {
      entries.put(key, state);
    }
  }

  void remove(String key) {
    entries.remove(key);
  }

  void clear() {
    entries.clear();
  }
}
