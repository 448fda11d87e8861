package io.dualrun.reconciler.store;

import io.dualrun.reconciler.state.PairState;
import io.dualrun.reconciler.state.PairStateSerde;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * The pairs store of one task. Underneath, a persistent RocksDB store with a changelog holds each
 * pair's encoded {@link PairState}; in front of it, the task's most recently used pairs stay
 * decoded, and a changed pair is encoded and written to RocksDB and the changelog once per commit
 * rather than on every record: a pair's records usually arrive close together, and encoding its
 * whole state on each of them was the reconciler's largest cost.
 *
 * <p>Kafka Streams flushes the store at every commit, before the transaction that carries the input
 * offsets and the outputs commits ({@link #flushCache}, the hook its own record cache uses), so the
 * changelog and the offsets always agree. A pair pushed out of the decoded set while changed is
 * written at once, like an evicted cache entry; {@code capacity} 0 writes every change at once.
 *
 * <p>The stream thread reads with {@link #current} and writes with {@link #put}; a state returned
 * by {@link #current} is the store's own and must not be changed (see {@code PairCopy}).
 * Interactive queries ({@link ReadOnlyKeyValueStore}, any thread) read RocksDB: what was committed,
 * or flushed for the commit under way.
 */
public final class PairStore
    implements StateStore,
        CachedStateStore<String, PairState>,
        ReadOnlyKeyValueStore<String, PairState> {
  private final KeyValueStore<String, byte[]> inner;
  private final PairStateSerde serde = new PairStateSerde();
  private final int capacity;
  private final LinkedHashMap<String, Entry> decoded;

  /** A decoded pair; {@code changed} until written to RocksDB and the changelog. */
  private static final class Entry {
    PairState state;
    boolean changed;

    Entry(PairState state, boolean changed) {
      this.state = state;
      this.changed = changed;
    }
  }

  PairStore(KeyValueStore<String, byte[]> inner, int capacity) {
    this.inner = inner;
    this.capacity = capacity;
    this.decoded =
        new LinkedHashMap<>(Math.min(capacity, 1024) * 2 + 1, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            if (size() <= PairStore.this.capacity) {
              return false;
            }
            if (eldest.getValue().changed) {
              write(eldest.getKey(), eldest.getValue().state);
            }
            return true;
          }
        };
  }

  /** The pair's state, or null; the store's own instance: read it, do not change it. */
  public PairState current(String key) {
    Entry e = decoded.get(key);
    if (e != null) {
      return e.state;
    }
    PairState state = serde.decode(inner.get(key));
    if (state != null && capacity > 0) {
      decoded.put(key, new Entry(state, false));
    }
    return state;
  }

  /** Replaces the pair's state; written to RocksDB and the changelog by the next commit. */
  public void put(String key, PairState state) {
    if (capacity == 0) {
      write(key, state);
      return;
    }
    Entry e = decoded.get(key);
    if (e == null) {
      decoded.put(key, new Entry(state, true));
    } else {
      e.state = state;
      e.changed = true;
    }
  }

  /** Removes the pair (at once, in RocksDB and the changelog). */
  public void delete(String key) {
    decoded.remove(key);
    inner.delete(key);
  }

  private void write(String key, PairState state) {
    inner.put(key, serde.encode(state));
  }

  /** Writes every changed pair to RocksDB and the changelog; called by Kafka Streams on commit. */
  @Override
  public void flushCache() {
    for (Map.Entry<String, Entry> e : decoded.entrySet()) {
      Entry entry = e.getValue();
      if (entry.changed) {
        write(e.getKey(), entry.state);
        entry.changed = false;
      }
    }
  }

  /** Forgets the decoded pairs, changed or not (the task is becoming a standby). */
  @Override
  public void clearCache() {
    decoded.clear();
  }

  @Override
  public boolean setFlushListener(
      CacheFlushListener<String, PairState> listener, boolean sendOldValues) {
    return false;
  }

  // --- StateStore: the RocksDB store underneath does the work

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    decoded.clear();
    inner.init(context, root);
  }

  @Override
  @SuppressWarnings("deprecation")
  public void flush() {
    inner.flush();
  }

  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    inner.commit(changelogOffsets);
  }

  @Override
  public Long committedOffset(TopicPartition partition) {
    return inner.committedOffset(partition);
  }

  @Override
  @SuppressWarnings("deprecation") // still part of StateStore: the store underneath answers it
  public boolean managesOffsets() {
    return inner.managesOffsets();
  }

  @Override
  public void close() {
    decoded.clear();
    inner.close();
  }

  @Override
  public boolean persistent() {
    return inner.persistent();
  }

  @Override
  public boolean isOpen() {
    return inner.isOpen();
  }

  @Override
  public <R> QueryResult<R> query(Query<R> query, PositionBound bound, QueryConfig config) {
    return inner.query(query, bound, config);
  }

  @Override
  public Position getPosition() {
    return inner.getPosition();
  }

  // --- ReadOnlyKeyValueStore, for interactive queries (any thread): what RocksDB holds

  @Override
  public PairState get(String key) {
    return serde.decode(inner.get(key));
  }

  @Override
  public KeyValueIterator<String, PairState> range(String from, String to) {
    return new Decoding(inner.range(from, to));
  }

  @Override
  public KeyValueIterator<String, PairState> reverseRange(String from, String to) {
    return new Decoding(inner.reverseRange(from, to));
  }

  @Override
  public KeyValueIterator<String, PairState> all() {
    return new Decoding(inner.all());
  }

  @Override
  public KeyValueIterator<String, PairState> reverseAll() {
    return new Decoding(inner.reverseAll());
  }

  @Override
  public <P extends Serializer<Q>, Q> KeyValueIterator<String, PairState> prefixScan(
      Q prefix, P prefixSerializer) {
    return new Decoding(inner.prefixScan(prefix, prefixSerializer));
  }

  @Override
  public long approximateNumEntries() {
    return inner.approximateNumEntries();
  }

  /** Decodes the values of an iterator over RocksDB. */
  private final class Decoding implements KeyValueIterator<String, PairState> {
    private final KeyValueIterator<String, byte[]> it;

    Decoding(KeyValueIterator<String, byte[]> it) {
      this.it = it;
    }

    @Override
    public boolean hasNext() {
      return it.hasNext();
    }

    @Override
    public KeyValue<String, PairState> next() {
      KeyValue<String, byte[]> kv = it.next();
      return KeyValue.pair(kv.key, serde.decode(kv.value));
    }

    @Override
    public String peekNextKey() {
      return it.peekNextKey();
    }

    @Override
    public void close() {
      it.close();
    }
  }
}
