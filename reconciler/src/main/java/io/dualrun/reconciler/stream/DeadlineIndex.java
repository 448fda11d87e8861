package io.dualrun.reconciler.stream;

import io.dualrun.reconciler.state.PairState;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * A task's pairs ordered by when they must be judged again (settle, grace, retention), so a
 * punctuation reads only what is due. Each pair's deadline is part of its stored state: the index
 * is kept in memory and rebuilt from the pairs store when the task starts (after its state is
 * restored), rather than kept in a store of its own whose every move would be a RocksDB write and
 * two changelog records. Ties are broken by pair key, so pairs due together are judged in the same
 * order every time.
 */
final class DeadlineIndex {
  /** At most this many pairs are handed out per punctuation; the rest at the next one. */
  static final int BATCH = 10_000;

  private record Entry(long due, String pair) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry o) {
      int c = Long.compare(due, o.due);
      return c != 0 ? c : pair.compareTo(o.pair);
    }
  }

  private final NavigableSet<Entry> entries = new TreeSet<>();

  /** The index of the stored pairs that have a deadline. */
  static DeadlineIndex of(KeyValueIterator<String, PairState> pairs) {
    DeadlineIndex index = new DeadlineIndex();
    while (pairs.hasNext()) {
      KeyValue<String, PairState> kv = pairs.next();
      Long due = kv.value.getDeadline();
      if (due != null) {
        index.entries.add(new Entry(due, kv.key));
      }
    }
    return index;
  }

  void move(String pair, Long from, Long to) {
    if (from != null && !from.equals(to)) {
      entries.remove(new Entry(from, pair));
    }
    if (to != null && !to.equals(from)) {
      entries.add(new Entry(to, pair));
    }
  }

  /** Removes and returns (earliest first) the pairs due at or before {@code now}. */
  List<String> takeDue(long now) {
    List<String> due = new ArrayList<>();
    while (due.size() < BATCH && !entries.isEmpty() && entries.first().due() <= now) {
      due.add(entries.pollFirst().pair());
    }
    return due;
  }

  int size() {
    return entries.size();
  }
}
