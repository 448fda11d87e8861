package io.dualrun.reconciler.stream;

import io.dualrun.schemas.avro.DiffReport;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the latest drill-down report of each pair and output in the global store {@link
 * StoreNames#DIFFS}: the topic is keyed by pair, a pair may have several outputs drilled into.
 */
public final class DiffReportsProcessor implements Processor<String, DiffReport, Void, Void> {
  private KeyValueStore<String, DiffReport> store;

  /** The store key of {@code output}'s report on the pair {@code pairKey}. */
  public static String key(String pairKey, String output) {
    return pairKey + "\u0000" + output;
  }

  /** The first and last store keys of the pair {@code pairKey}'s reports. */
  public static String[] range(String pairKey) {
    return new String[] {pairKey + "\u0000", pairKey + "\u0001"};
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(StoreNames.DIFFS);
  }

  @Override
  public void process(Record<String, DiffReport> record) {
    DiffReport report = record.value();
    if (record.key() == null || report == null) {
      return;
    }
    store.put(key(record.key(), report.getOutput()), report);
  }
}
