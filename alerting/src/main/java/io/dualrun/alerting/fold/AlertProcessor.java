package io.dualrun.alerting.fold;

import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.alerting.model.AlertState;
import io.dualrun.alerting.model.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds signals (keyed by workflow) into the alerts store and, on a wall-clock tick, forwards the
 * alert emissions that are due (keyed by alertId).
 */
final class AlertProcessor implements Processor<String, Signal, String, AlertEvent> {
  static final String ALERTS_STORE = "alerts";
  static final String PAIRS_STORE = "pair-revisions";

  private final Decider decider;
  private final Duration tick;
  private ProcessorContext<String, AlertEvent> context;
  private KeyValueStore<String, AlertState> alerts;
  private KeyValueStore<String, Integer> pairs;

  AlertProcessor(Decider decider, Duration tick) {
    this.decider = decider;
    this.tick = tick;
  }

  @Override
  public void init(ProcessorContext<String, AlertEvent> context) {
    this.context = context;
    this.alerts = context.getStateStore(ALERTS_STORE);
    this.pairs = context.getStateStore(PAIRS_STORE);
    context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::tick);
  }

  @Override
  public void process(Record<String, Signal> record) {
    if (record.value() == null) {
      return;
    }
    Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
    Folder.apply(record.value(), now, new StoreView());
  }

  private void tick(long wallClockMs) {
    Instant now = Instant.ofEpochMilli(wallClockMs);
    List<AlertState> states = new ArrayList<>();
    try (KeyValueIterator<String, AlertState> it = alerts.all()) {
      while (it.hasNext()) {
        KeyValue<String, AlertState> kv = it.next();
        states.add(kv.value);
      }
    }
    for (AlertState state : states) {
      long before = state.version();
      var dirty = state.dirtySince();
      decider
          .decide(state, now)
          .ifPresent(e -> context.forward(new Record<>(e.alertId(), e, wallClockMs)));
      if (state.version() != before || dirty != state.dirtySince()) {
        alerts.put(state.alertId(), state);
      }
    }
  }

  private final class StoreView implements AlertStore {
    @Override
    public AlertState get(String alertId) {
      return alerts.get(alertId);
    }

    @Override
    public void put(AlertState state) {
      alerts.put(state.alertId(), state);
    }

    @Override
    public int revision(String pairKey) {
      Integer r = pairs.get(pairKey);
      return r == null ? 0 : r;
    }

    @Override
    public void revision(String pairKey, int revision) {
      pairs.put(pairKey, revision);
    }
  }
}
