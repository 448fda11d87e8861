package io.dualrun.reconciler.stream;

import io.dualrun.reconciler.policy.WaiverBook;
import io.dualrun.schemas.avro.Waiver;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The waivers of the global store {@link StoreNames#WAIVERS}, read when a pair with findings is
 * decided: the store is in memory and holds a handful of waivers, so a scan is cheaper than an
 * index kept in step with the global thread.
 */
public final class StoredWaivers implements WaiverBook {
  private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<Waiver>> store;

  public StoredWaivers(ReadOnlyKeyValueStore<String, ValueAndTimestamp<Waiver>> store) {
    this.store = store;
  }

  @Override
  public List<Waiver> of(String workflow) {
    List<Waiver> out = new ArrayList<>();
    try (KeyValueIterator<String, ValueAndTimestamp<Waiver>> all = store.all()) {
      all.forEachRemaining(
          kv -> {
            Waiver w = kv.value == null ? null : kv.value.value();
            if (w != null && w.getWorkflow().equals(workflow)) {
              out.add(w);
            }
          });
    }
    out.sort(Comparator.comparing(Waiver::getId));
    return out;
  }
}
