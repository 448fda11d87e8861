package io.dualrun.reconciler.stream;

import io.dualrun.reconciler.engine.FingerprintLags;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The task's learned fingerprint lags per workflow: read from their store once, then kept decoded
 * (this task is the store's only writer); each change is written through.
 */
final class LearnedLags {
  private final KeyValueStore<String, List<Long>> store;
  private final Map<String, FingerprintLags> decoded = new HashMap<>();

  LearnedLags(KeyValueStore<String, List<Long>> store) {
    this.store = store;
  }

  FingerprintLags of(String workflow) {
    return decoded.computeIfAbsent(
        workflow,
        w -> {
          List<Long> stored = store.get(w);
          return stored == null ? FingerprintLags.NONE : new FingerprintLags(stored);
        });
  }

  void learn(String workflow, List<Long> samples) {
    if (samples.isEmpty()) {
      return;
    }
    FingerprintLags learned = of(workflow).with(samples);
    decoded.put(workflow, learned);
    store.put(workflow, learned.samples());
  }
}
