package io.dualrun.reconciler.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.reconciler.state.PairState;
import io.dualrun.reconciler.state.PairStateSerde;
import io.dualrun.reconciler.state.PairUpdater;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The pairs store writes changed pairs once per commit, and whenever one leaves the decoded set.
 */
class PairStoreTest {
  private final PairStateSerde serde = new PairStateSerde();
  private KeyValueStore<String, byte[]> inner;

  private PairStore store(int capacity) {
    inner =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("pairs"), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    PairStore store = new PairStore(inner, capacity);
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    return store;
  }

  private static PairState state(String partition, long activity) {
    return PairUpdater.empty("wf", partition, activity);
  }

  private PairState written(String key) {
    return serde.decode(inner.get(key));
  }

  @Test
  void aChangedPairIsWrittenOnceAtTheCommitWithItsLastState() {
    PairStore store = store(16);
    store.put("wf/a", state("a", 1));
    store.put("wf/a", state("a", 2));
    assertThat(inner.get("wf/a")).isNull();
    assertThat(store.current("wf/a").getLastActivity()).isEqualTo(2);
    assertThat(store.get("wf/a")).as("queries read what was written").isNull();

    store.flushCache();

    assertThat(written("wf/a").getLastActivity()).isEqualTo(2);
    assertThat(store.get("wf/a").getLastActivity()).isEqualTo(2);
  }

  @Test
  void aPairIsReadFromRocksDbOnceThenKeptDecoded() {
    PairStore store = store(16);
    inner.put("wf/a", serde.encode(state("a", 5)));
    PairState first = store.current("wf/a");
    assertThat(first.getLastActivity()).isEqualTo(5);
    assertThat(store.current("wf/a")).isSameAs(first);
    assertThat(store.current("wf/missing")).isNull();
  }

  @Test
  void aChangedPairPushedOutOfTheDecodedSetIsWrittenAtOnce() {
    PairStore store = store(1);
    store.put("wf/a", state("a", 1));
    store.put("wf/b", state("b", 2));
    assertThat(written("wf/a").getLastActivity()).isEqualTo(1);
    assertThat(inner.get("wf/b")).isNull();
    store.flushCache();
    assertThat(written("wf/b").getLastActivity()).isEqualTo(2);
  }

  @Test
  void withNoDecodedPairsEveryChangeIsWrittenAtOnce() {
    PairStore store = store(0);
    store.put("wf/a", state("a", 3));
    assertThat(written("wf/a").getLastActivity()).isEqualTo(3);
    assertThat(store.current("wf/a")).isNotSameAs(store.current("wf/a"));
  }

  @Test
  void aFlushWritesOnlyWhatChangedSinceTheLastOne() {
    PairStore store = store(16);
    store.put("wf/a", state("a", 1));
    store.flushCache();
    inner.put("wf/a", serde.encode(state("a", 99)));
    store.flushCache();
    assertThat(written("wf/a").getLastActivity()).as("not written again").isEqualTo(99);
  }

  @Test
  void deleteRemovesThePairAtOnce() {
    PairStore store = store(16);
    store.put("wf/a", state("a", 1));
    store.flushCache();
    store.put("wf/a", state("a", 2));
    store.delete("wf/a");
    store.flushCache();
    assertThat(inner.get("wf/a")).isNull();
    assertThat(store.current("wf/a")).isNull();
  }

  @Test
  void clearingTheCacheDropsChangesNotWritten() {
    PairStore store = store(16);
    store.put("wf/a", state("a", 1));
    store.flushCache();
    store.put("wf/a", state("a", 2));
    store.clearCache();
    store.flushCache();
    assertThat(written("wf/a").getLastActivity()).isEqualTo(1);
    assertThat(store.current("wf/a").getLastActivity()).isEqualTo(1);
  }

  @Test
  void queriesIterateWhatWasWritten() {
    PairStore store = store(16);
    store.put("wf/a", state("a", 1));
    store.put("wf/b", state("b", 2));
    store.flushCache();
    store.put("wf/c", state("c", 3));
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, PairState> it = store.all()) {
      it.forEachRemaining((KeyValue<String, PairState> kv) -> keys.add(kv.key));
    }
    assertThat(keys).containsExactly("wf/a", "wf/b");
    try (KeyValueIterator<String, PairState> it = store.range("wf/b", "wf/z")) {
      assertThat(it.next().value.getPartition()).isEqualTo("b");
      assertThat(it.hasNext()).isFalse();
    }
  }
}
