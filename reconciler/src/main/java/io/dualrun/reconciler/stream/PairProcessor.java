package io.dualrun.reconciler.stream;

import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.WorkflowSpec;
import io.dualrun.reconciler.engine.Emission;
import io.dualrun.reconciler.engine.Mode;
import io.dualrun.reconciler.engine.PairEngine;
import io.dualrun.reconciler.engine.PairInput;
import io.dualrun.reconciler.policy.Policies;
import io.dualrun.reconciler.state.PairState;
import io.dualrun.reconciler.store.PairStore;
import io.dualrun.schemas.PairKey;
import io.dualrun.schemas.json.FieldError;
import io.dualrun.schemas.json.RecordRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The Kafka Streams side of the reconciler's one stateful step, a thin adapter of {@link
 * PairEngine}: it checks each record, asks the engine what the record (or a passed deadline, or an
 * expected pair's due time) does to the pair, forwards the emissions, stores the new state and
 * keeps the deadline index. Live mode looks for due deadlines on a wall-clock punctuation, replay
 * mode before each record (its event time).
 *
 * <p>The engine works on a copy of the stored state, which replaces it only once the step went
 * through: a record that fails (to the DLQ) leaves its pair as it was.
 */
public final class PairProcessor extends ContextualProcessor<String, PairInput, String, Emission> {
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
  private final PairEngine engine;
  private final ServingStores serving;
  private PairStore pairs;
  private int partition;
  private LearnedLags lags;
  private Policies policies;
  private DeadlineIndex deadlines;
  private SlaScanner sla;
  private long slaStart = -1;

  /**
   * @param serving where the pair store is registered while this processor runs (Kafka Streams
   *     starts it once the store is restored), for REST to tell current copies from lagging ones
   */
  public PairProcessor(Settings config, Inventory inventory, ServingStores serving) {
    this.config = config;
    this.inventory = inventory;
    this.serving = serving;
    this.engine = new PairEngine(inventory, config.mode(), config.retention(), config.seenIds());
  }

  @Override
  public void init(ProcessorContext<String, Emission> context) {
    super.init(context);
    pairs = context.getStateStore(StoreNames.PAIRS);
    lags = new LearnedLags(context.getStateStore(StoreNames.FINGERPRINT_LAGS));
    policies =
        new Policies(
            new StoredWaivers(context.getStateStore(StoreNames.WAIVERS)),
            new StoredCutovers(context.getStateStore(StoreNames.CUTOVERS)));
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
    partition = context.taskId().partition();
    serving.started(partition, pairs);
  }

  /** The task is suspended, moved or closed: its store may be wiped and restored next. */
  @Override
  public void close() {
    if (pairs != null) {
      serving.stopped(partition, pairs);
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
    PairState stored = pairs.current(record.key());
    step(
        record.key(),
        stored == null ? null : stored.getDeadline(),
        engine.apply(
            stored,
            in.workflow(),
            in.partition(),
            new PairEngine.Input.Arrived(in),
            now,
            lags.of(in.workflow()),
            policies),
        in.workflow());
  }

  /**
   * Carries out one engine step for {@code key}: emissions forwarded, the state stored (or the pair
   * dropped), the deadline index moved from {@code indexed} to the new deadline.
   */
  private void step(String key, Long indexed, PairEngine.Step step, String workflow) {
    for (Emission e : step.emissions()) {
      context().forward(new Record<>(key, e, e.timestamp()));
    }
    lags.learn(workflow, step.lagSamples());
    if (step.purge()) {
      deadlines.move(key, indexed, null);
      pairs.delete(key);
    } else if (step.store()) {
      if (!Objects.equals(indexed, step.deadline())) {
        deadlines.move(key, indexed, step.deadline());
      }
      pairs.put(key, step.state());
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

  /** Judges the pairs whose deadline passed and the expected pairs now due. */
  private void judgeDue(long now) {
    for (String key : deadlines.takeDue(now)) {
      PairState stored = pairs.current(key);
      if (stored != null) {
        // taken from the index: nothing is indexed for the pair until the step says so
        step(
            key,
            null,
            engine.apply(
                stored,
                stored.getWorkflow(),
                stored.getPartition(),
                new PairEngine.Input.DeadlinePassed(),
                now,
                lags.of(stored.getWorkflow()),
                policies),
            stored.getWorkflow());
      }
    }
    if (slaStart < 0) {
      slaStart = now - config.slaLookback().toMillis();
    }
    sla.scan(slaStart, now, this::expectedDue);
  }

  /** An expected pair's due time passed. */
  private void expectedDue(WorkflowSpec spec, String partition, long due, long now) {
    String key = PairKey.key(spec.id(), partition);
    PairState stored = pairs.current(key);
    step(
        key,
        stored == null ? null : stored.getDeadline(),
        engine.apply(
            stored,
            spec.id(),
            partition,
            new PairEngine.Input.ExpectedBy(spec, due),
            now,
            lags.of(spec.id()),
            policies),
        spec.id());
  }
}
