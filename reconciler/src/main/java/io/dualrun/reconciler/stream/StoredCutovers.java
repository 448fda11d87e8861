package io.dualrun.reconciler.stream;

import io.dualrun.reconciler.policy.CutoverBook;
import io.dualrun.schemas.avro.Cutover;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** The cutovers of the global store {@link StoreNames#CUTOVERS}, by workflow id. */
public final class StoredCutovers implements CutoverBook {
  private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<Cutover>> store;

  public StoredCutovers(ReadOnlyKeyValueStore<String, ValueAndTimestamp<Cutover>> store) {
    this.store = store;
  }

  @Override
  public Cutover of(String workflow) {
    ValueAndTimestamp<Cutover> v = store.get(workflow);
    return v == null ? null : v.value();
  }
}
