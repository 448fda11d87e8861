package io.dualrun.reconciler.stream;

import io.dualrun.reconciler.state.PairState;
import io.dualrun.reconciler.store.PairStore;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The pair stores this instance's active tasks are processing with, by partition: a store is here
 * from when its task's processor starts (Kafka Streams starts it once the store is restored) until
 * the processor is closed (the task suspended, moved, or closed to be restored again).
 *
 * <p>Kafka Streams' own interactive queries cannot tell these apart from an active task still being
 * restored: an active task is put back to restoring without a rebalance (under exactly-once its
 * state is wiped and rebuilt from the changelog after a failed transaction), while its stream
 * thread stays RUNNING, and a query then reads a store that holds only part of the pairs. An answer
 * read from a store here is current; any other copy may lag. Thread-safe.
 */
public final class ServingStores {
  private final ConcurrentHashMap<Integer, PairStore> stores = new ConcurrentHashMap<>();

  void started(int partition, PairStore store) {
    stores.put(partition, store);
  }

  /** Only the store {@code started} put: a later task's store for the partition stays. */
  void stopped(int partition, PairStore store) {
    stores.remove(partition, store);
  }

  /** The store of {@code partition}, when an active task here processes it and it is open. */
  public Optional<ReadOnlyKeyValueStore<String, PairState>> of(int partition) {
    PairStore store = stores.get(partition);
    return store == null || !store.isOpen() ? Optional.empty() : Optional.of(store);
  }
}
