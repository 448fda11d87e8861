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
 * Folds signals (keyed by workflow) into the alerts store and forwards the alert emissions that are
 * due (keyed by alertId): those of the alerts a signal changed at once, when nothing holds them
 * back (no group wait left), and every other one on a wall-clock tick.
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
    long wallClockMs = context.currentSystemTimeMs();
    Instant now = Instant.ofEpochMilli(wallClockMs);
    StoreView view = new StoreView();
    Folder.apply(record.value(), now, view);
    for (AlertState state : view.changed) {
      decide(state, now, wallClockMs);
    }
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
      decide(state, now, wallClockMs);
    }
  }

  private void decide(AlertState state, Instant now, long wallClockMs) {
    long before = state.version();
    var dirty = state.dirtySince();
    decider
        .decide(state, now)
        .ifPresent(e -> context.forward(new Record<>(e.alertId(), e, wallClockMs)));
    if (state.version() != before || dirty != state.dirtySince()) {
      alerts.put(state.alertId(), state);
    }
  }

  /** The stores as the folder sees them; remembers the alerts it changed. */
  private final class StoreView implements AlertStore {
    private final List<AlertState> changed = new ArrayList<>();

    @Override
    public AlertState get(String alertId) {
      return alerts.get(alertId);
    }

    @Override
    public void put(AlertState state) {
      alerts.put(state.alertId(), state);
      changed.removeIf(s -> s.alertId().equals(state.alertId()));
      changed.add(state);
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
