package io.dualrun.reconciler.store;

import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds a {@link PairStore}: a persistent RocksDB key-value store of encoded pair states with a
 * changelog (logging on by default, its settings passed through), with the decoded pairs in front.
 * The store is its own cache: Kafka Streams' record cache is not used for it.
 */
public final class PairStoreBuilder implements StoreBuilder<PairStore> {
  private final StoreBuilder<KeyValueStore<String, byte[]>> inner;
  private final int capacity;

  public PairStoreBuilder(String name, int capacity) {
    this(Stores.persistentKeyValueStore(name), capacity);
  }

  /** Over another byte store (e.g. an in-memory one, for a processor's unit test). */
  public PairStoreBuilder(KeyValueBytesStoreSupplier bytes, int capacity) {
    this.inner =
        Stores.keyValueStoreBuilder(bytes, Serdes.String(), Serdes.ByteArray())
            .withCachingDisabled();
    this.capacity = capacity;
  }

  @Override
  public StoreBuilder<PairStore> withCachingEnabled() {
    return this;
  }

  @Override
  public StoreBuilder<PairStore> withCachingDisabled() {
    return this;
  }

  @Override
  public StoreBuilder<PairStore> withLoggingEnabled(Map<String, String> config) {
    inner.withLoggingEnabled(config);
    return this;
  }

  @Override
  public StoreBuilder<PairStore> withLoggingDisabled() {
    inner.withLoggingDisabled();
    return this;
  }

  @Override
  public PairStore build() {
    return new PairStore(inner.build(), capacity);
  }

  @Override
  public Map<String, String> logConfig() {
    return inner.logConfig();
  }

  @Override
  public boolean loggingEnabled() {
    return inner.loggingEnabled();
  }

  @Override
  public String name() {
    return inner.name();
  }
}
