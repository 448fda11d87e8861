package io.dualrun.reconciler.stream;

import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.WorkflowSpec;
import io.dualrun.reconciler.state.PairCopy;
import io.dualrun.reconciler.state.PairState;
import io.dualrun.reconciler.state.PairUpdater;
import io.dualrun.reconciler.state.SideState;
import io.dualrun.reconciler.state.SideView;
import io.dualrun.reconciler.store.PairStore;
import io.dualrun.schemas.PairKey;
import io.dualrun.schemas.avro.BreachKind;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.json.FieldError;
import io.dualrun.schemas.json.RecordRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The reconciler's one stateful step: applies each run event / fingerprint to its pair, judges the
 * pair, and judges pairs whose deadline passed and opens SLA_MISSED breaches for expected pairs:
 * live mode on a wall-clock punctuation, replay mode before each record (its event time).
 *
 * <p>A record or a punctuation changes a copy of the pair's state ({@link PairCopy}), which
 * replaces the stored state only once the change went through: a record that fails (to the DLQ)
 * leaves its pair as it was.
 */
public final class PairProcessor extends ContextualProcessor<String, PairInput, String, Emission> {
  /** How much earlier than needed a pair's deadline may stay (see {@link #judge}). */
  static final long DEADLINE_SLACK_MS = 3_600_000L;

  /**
   * What the processor needs of the reconciler's configuration.
   *
   * @param mode live (wall clock) or replay (event time)
   * @param retention how long a pair is kept after its last activity
   * @param punctuateInterval live mode: how often deadlines and schedules are checked
   * @param seenIds how many recent event ids per pair are remembered
   * @param slaLookback how far before start-up expected partitions are checked for SLA_MISSED
   * @param inputPartitions partitions of the input topics (0: one task sees every key)
   */
  public record Settings(
      Mode mode,
      Duration retention,
      Duration punctuateInterval,
      int seenIds,
      Duration slaLookback,
      int inputPartitions) {}

  private final Settings config;
  private final Inventory inventory;
  private final PairUpdater updater;
  private final PairEvaluator evaluator;
  private PairStore pairs;
  private DeadlineIndex deadlines;
  private SlaScanner sla;
  private long slaStart = -1;

  public PairProcessor(Settings config, Inventory inventory) {
    this.config = config;
    this.inventory = inventory;
    this.updater = new PairUpdater(config.seenIds());
    this.evaluator = new PairEvaluator(inventory, config.mode(), config.retention());
  }

  @Override
  public void init(ProcessorContext<String, Emission> context) {
    super.init(context);
    pairs = context.getStateStore(StoreNames.PAIRS);
    try (var stored = pairs.all()) {
      deadlines = DeadlineIndex.of(stored);
    }
    sla =
        new SlaScanner(
            inventory,
            context.getStateStore(StoreNames.SCHEDULE_CURSORS),
            config.inputPartitions(),
            context.taskId().partition());
    if (config.mode() == Mode.LIVE) {
      slaStart = context.currentSystemTimeMs() - config.slaLookback().toMillis();
      context.schedule(config.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::judgeDue);
    }
  }

  /**
   * Applies one record. In replay mode time is the records' event time and moves only with them:
   * the deadlines and scheduled fires a record's time passes are judged first, right here, so what
   * a replay gives never depends on how Kafka Streams batches records between punctuations (a
   * stream-time punctuation runs after a batch, and would let records later than a deadline be
   * applied before it is judged).
   */
  @Override
  public void process(Record<String, PairInput> record) {
    PairInput in = record.value();
    check(record.key(), in);
    long now = now(record.timestamp());
    if (config.mode() == Mode.REPLAY) {
      judgeDue(now);
    }
    apply(record.key(), in, now);
  }

  /** A copy of the pair's stored state to change, or null when the store has none. */
  private PairState load(String key) {
    PairState stored = pairs.current(key);
    return stored == null ? null : PairCopy.of(stored);
  }

  private void apply(String key, PairInput in, long now) {
    PairState stored = pairs.current(key);
    if (stored != null && updater.isDuplicate(stored, in.eventId())) {
      return;
    }
    PairState state =
        stored == null
            ? PairUpdater.empty(in.workflow(), in.partition(), now)
            : PairCopy.of(stored);
    // duplicates were ruled out above (a pair without stored state has seen nothing)
    boolean material =
        in.isEvent()
            ? updater.applyUnseen(state, in.event())
            : updater.applyUnseen(state, in.fingerprint());
    if (material) {
      state.setLastActivity(Math.max(state.getLastActivity(), now));
      judge(key, state, now);
    } else {
      pairs.put(key, state);
    }
  }

  private void check(String key, PairInput in) {
    if (in == null) {
      throw new RejectedRecordException(List.of(new FieldError("", "value is null")));
    }
    List<FieldError> errors =
        in.isEvent() ? RecordRules.check(in.event()) : RecordRules.check(in.fingerprint());
    boolean keyMatches =
        key != null
            && in.workflow() != null
            && in.partition() != null
            && PairKey.isKey(key, in.workflow(), in.partition());
    if (!keyMatches) {
      errors = new ArrayList<>(errors);
      errors.add(
          new FieldError(
              "key",
              "'"
                  + key
                  + "' does not match workflow/partition '"
                  + PairKey.key(in.workflow(), in.partition())
                  + "'"));
    }
    if (!errors.isEmpty()) {
      throw new RejectedRecordException(errors);
    }
  }

  private long now(long recordTime) {
    if (config.mode() == Mode.LIVE) {
      return context().currentSystemTimeMs();
    }
    long now = Math.max(context().currentStreamTimeMs(), recordTime);
    if (slaStart < 0) {
      slaStart = now - config.slaLookback().toMillis();
    }
    return now;
  }

  private void judge(String key, PairState state, long now) {
    PairEvaluator.Result result = evaluator.evaluate(state, now);
    for (Emission e : result.emissions()) {
      emit(key, e);
    }
    if (result.purge()) {
      deadlines.move(key, state.getDeadline(), null);
      pairs.delete(key);
      return;
    }
    Long current = state.getDeadline();
    Long next = result.nextDeadline();
    if (current == null || next == null || next < current || next - current > DEADLINE_SLACK_MS) {
      // an earlier deadline than needed only means one more look at the pair, which changes
      // nothing when nothing is due: keeping one up to the slack early spares moving the index
      // entry on every record (the retention deadline moves with each activity), while a
      // deadline that is no longer needed (a settle or grace period, once the pair is decided) is
      // dropped rather than judging the pair once more for nothing
      deadlines.move(key, current, next);
      state.setDeadline(next);
    }
    pairs.put(key, state);
  }

  /** Forwards {@code e} to the sink; a MISMATCH verdict goes to the mismatches topic as well. */
  private void emit(String key, Emission e) {
    context().forward(new Record<>(key, e, e.timestamp()));
    if (e.isVerdict() && e.verdict().isMismatch()) {
      context().forward(new Record<>(key, e.mismatchCopy(), e.timestamp()));
    }
  }

  /** Judges the pairs whose deadline passed and opens SLA_MISSED for expected pairs now due. */
  private void judgeDue(long now) {
    for (String key : deadlines.takeDue(now)) {
      PairState state = load(key);
      if (state != null) {
        state.setDeadline(null);
        judge(key, state, now);
      }
    }
    if (slaStart < 0) {
      slaStart = now - config.slaLookback().toMillis();
    }
    sla.scan(slaStart, now, this::expectedDue);
  }

  /** An expected pair's deadline passed: every side not yet done gets an SLA_MISSED breach. */
  private void expectedDue(WorkflowSpec spec, String partition, long due, long now) {
    String key = PairKey.key(spec.id(), partition);
    PairState loaded = load(key);
    PairState state = loaded != null ? loaded : PairUpdater.empty(spec.id(), partition, now);
    openSla(key, spec, state, due, now);
  }

  private void openSla(String key, WorkflowSpec spec, PairState state, long due, long now) {
    boolean opened = false;
    for (Side side : Side.values()) {
      SideState sideState = side == Side.BASELINE ? state.getBaseline() : state.getCandidate();
      SideView view = SideView.of(side, sideState);
      if ((view == null || !view.done())
          && Breaches.find(state, BreachKind.SLA_MISSED, side) == null) {
        var b = Breaches.open(state, BreachKind.SLA_MISSED, side, due, null, now);
        emit(key, Emission.of(Breaches.record(state, b, spec, now)));
        opened = true;
      }
    }
    if (opened) {
      state.setLastActivity(Math.max(state.getLastActivity(), now));
      judge(key, state, now);
    }
  }
}
