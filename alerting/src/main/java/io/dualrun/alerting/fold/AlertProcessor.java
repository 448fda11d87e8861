package io.dualrun.alerting.fold;

import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.alerting.model.AlertState;
import io.dualrun.alerting.model.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds signals (keyed by workflow) into the alerts store and forwards the alert emissions that are
 * due (keyed by alertId): those of the alerts a signal changed at once, when nothing holds them
 * back (no group wait left), and every other one on a tick. An in-memory index of the alerts that
 * will be due ({@link DueIndex}, rebuilt from the store when the task starts) spares a tick from
 * reading every alert: it looks only at those due.
 *
 * <p>With the wall clock, the tick runs on wall-clock time. With the record clock, time is the
 * signals' own: before each signal, the alerts whose group wait that signal's time passes are
 * judged at their due time (so what is announced never depends on how Kafka Streams batches
 * records), and once no signal arrived for the idle flush (wall clock), the changes still waiting
 * are announced at their due time: the input is taken to be complete.
 */
final class AlertProcessor implements Processor<String, Signal, String, AlertEvent> {
  static final String ALERTS_STORE = "alerts";
  static final String PAIRS_STORE = "pair-revisions";

  private final Decider decider;
  private final Duration tick;
  private final AlertClock clock;
  private final Duration idleFlush;
  private ProcessorContext<String, AlertEvent> context;
  private KeyValueStore<String, AlertState> alerts;
  private KeyValueStore<String, Integer> pairs;
  private DueIndex due;
  private long recordTimeMs = Long.MIN_VALUE;
  private long lastSignalWallMs;

  AlertProcessor(Decider decider, Duration tick) {
    this(decider, tick, AlertClock.WALL, Duration.ZERO);
  }

  AlertProcessor(Decider decider, Duration tick, AlertClock clock, Duration idleFlush) {
    this.decider = decider;
    this.tick = tick;
    this.clock = clock;
    this.idleFlush = idleFlush;
  }

  @Override
  public void init(ProcessorContext<String, AlertEvent> context) {
    this.context = context;
    this.alerts = context.getStateStore(ALERTS_STORE);
    this.pairs = context.getStateStore(PAIRS_STORE);
    due = new DueIndex(decider.groupWait(), decider.repeatInterval());
    try (KeyValueIterator<String, AlertState> it = alerts.all()) {
      it.forEachRemaining(kv -> due.track(kv.value));
    }
    if (clock == AlertClock.RECORD) {
      lastSignalWallMs = context.currentSystemTimeMs();
      context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::flushWhenIdle);
    } else {
      context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::tick);
    }
  }

  @Override
  public void process(Record<String, Signal> record) {
    if (record.value() == null) {
      return;
    }
    long nowMs;
    if (clock == AlertClock.RECORD) {
      recordTimeMs = Math.max(recordTimeMs, record.timestamp());
      lastSignalWallMs = context.currentSystemTimeMs();
      nowMs = recordTimeMs;
      judge(due.dueBy(nowMs));
    } else {
      nowMs = context.currentSystemTimeMs();
    }
    Instant now = Instant.ofEpochMilli(nowMs);
    StoreView view = new StoreView();
    Folder.apply(record.value(), now, view);
    for (AlertState state : view.changed) {
      decide(state, now, nowMs);
    }
  }

  /** Record clock: announces every waiting change once the input has been idle long enough. */
  private void flushWhenIdle(long wallClockMs) {
    if (wallClockMs - lastSignalWallMs >= idleFlush.toMillis()) {
      // the record clock never repeats: every alert indexed waits for a change to be announced
      judge(due.dueBy(Long.MAX_VALUE));
    }
  }

  /** Record clock: judges each alert at its due time. */
  private void judge(List<Map.Entry<Long, String>> dueAlerts) {
    for (Map.Entry<Long, String> e : dueAlerts) {
      AlertState state = alerts.get(e.getValue());
      if (state != null) {
        decide(state, Instant.ofEpochMilli(e.getKey()), e.getKey());
      }
    }
  }

  /** Wall clock: judges the alerts due by now. */
  private void tick(long wallClockMs) {
    Instant now = Instant.ofEpochMilli(wallClockMs);
    for (Map.Entry<Long, String> e : due.dueBy(wallClockMs)) {
      AlertState state = alerts.get(e.getValue());
      if (state != null) {
        decide(state, now, wallClockMs);
      }
    }
  }

  private void decide(AlertState state, Instant now, long wallClockMs) {
    long before = state.version();
    Instant dirtyBefore = state.dirtySince();
    decider
        .decide(state, now)
        .ifPresent(e -> context.forward(new Record<>(e.alertId(), e, wallClockMs)));
    if (state.version() != before || dirtyBefore != state.dirtySince()) {
      alerts.put(state.alertId(), state);
    }
    due.track(state);
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
