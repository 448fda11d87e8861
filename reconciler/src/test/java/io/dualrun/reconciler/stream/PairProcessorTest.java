package io.dualrun.reconciler.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dualrun.inventory.Inventory;
import io.dualrun.reconciler.engine.Emission;
import io.dualrun.reconciler.engine.Mode;
import io.dualrun.reconciler.engine.PairInput;
import io.dualrun.reconciler.store.PairStore;
import io.dualrun.reconciler.store.PairStoreBuilder;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The processor as Kafka's own processor tests drive one: a {@link MockProcessorContext} with real
 * in-memory stores. It only adapts the engine: forwards, stores, keeps the deadline index, and
 * refuses a record that breaks the record rules without touching the pair.
 */
class PairProcessorTest {
  private static final Instant T0 = Instant.parse("2026-11-20T07:00:00Z");
  private static final String KEY = "orders/2026-11-20";

  private MockProcessorContext<String, Emission> context;
  private PairStore pairs;
  private PairProcessor processor;
  private final ServingStores serving = new ServingStores();

  @BeforeEach
  void init() {
    context = new MockProcessorContext<>();
    context.setCurrentSystemTimeMs(T0.plusSeconds(700).toEpochMilli());
    pairs =
        new PairStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.PAIRS), 16)
            .withLoggingDisabled()
            .build();
    pairs.init(context.getStateStoreContext(), pairs);
    context.addStateStore(pairs);
    KeyValueStore<String, Long> cursors =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(StoreNames.SCHEDULE_CURSORS),
                Serdes.String(),
                Serdes.Long())
            .withLoggingDisabled()
            .build();
    cursors.init(context.getStateStoreContext(), cursors);
    context.addStateStore(cursors);
    KeyValueStore<String, java.util.List<Long>> lags =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(StoreNames.FINGERPRINT_LAGS),
                Serdes.String(),
                FingerprintLagsSerde.lags())
            .withLoggingDisabled()
            .build();
    lags.init(context.getStateStoreContext(), lags);
    context.addStateStore(lags);
    // the global stores of waivers and cutovers, empty
    var catalog =
        io.dualrun.schemas.topic.TopicCatalog.create(
            io.dualrun.registry.SchemaRegistry.inMemory(),
            io.dualrun.schemas.topic.TopicSettings.SINGLE_NODE,
            true);
    var waivers =
        Stores.timestampedKeyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(StoreNames.WAIVERS),
                Serdes.String(),
                catalog.waivers().valueSerde())
            .withLoggingDisabled()
            .build();
    waivers.init(context.getStateStoreContext(), waivers);
    context.addStateStore(waivers);
    var cutovers =
        Stores.timestampedKeyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(StoreNames.CUTOVERS),
                Serdes.String(),
                catalog.cutovers().valueSerde())
            .withLoggingDisabled()
            .build();
    cutovers.init(context.getStateStoreContext(), cutovers);
    context.addStateStore(cutovers);
    processor =
        new PairProcessor(
            new PairProcessor.Settings(
                Mode.LIVE, Duration.ofDays(35), Duration.ofSeconds(1), 64, Duration.ZERO, 0),
            Inventory.empty(),
            serving);
    processor.init(context);
  }

  @Test
  void itsStoreServesFromStartUntilTheTaskClosesIt() {
    int partition = context.taskId().partition();
    send(PairInput.of(event(Side.BASELINE)));
    pairs.flushCache(); // a commit: queries read what was written
    assertThat(serving.of(partition)).as("started").isPresent();
    assertThat(serving.of(partition).orElseThrow().get(KEY)).isNotNull();
    assertThat(serving.of(partition + 1)).as("another partition").isEmpty();

    processor.close();
    assertThat(serving.of(partition)).as("closed").isEmpty();
  }

  @Test
  void aClosedProcessorLeavesTheNextTasksStoreServing() {
    int partition = context.taskId().partition();
    PairStore next =
        new PairStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.PAIRS), 16)
            .withLoggingDisabled()
            .build();
    next.init(context.getStateStoreContext(), next);
    serving.started(partition, next);

    processor.close();
    assertThat(serving.of(partition)).as("the next task's store").containsSame(next);
    next.close();
    assertThat(serving.of(partition)).as("a closed store never serves").isEmpty();
  }

  @Test
  void forwardsTheEnginesEmissionsAndStoresThePair() {
    for (Side side : Side.values()) {
      send(PairInput.of(event(side)));
      send(PairInput.of(fingerprint(side)));
    }
    List<Emission> forwarded = new java.util.ArrayList<>();
    context.forwarded().forEach(f -> forwarded.add(f.record().value()));
    assertThat(forwarded).extracting(Emission::route).containsExactly(Emission.Route.VERDICTS);
    assertThat(context.forwarded().get(0).record().key()).isEqualTo(KEY);
    assertThat(context.forwarded().get(0).record().timestamp())
        .as("a verdict is stamped with its decision time")
        .isEqualTo(forwarded.get(0).timestamp());
    assertThat(pairs.current(KEY).getRevision()).isEqualTo(1);
  }

  @Test
  void schedulesTheWallClockLookAtDueDeadlines() {
    assertThat(context.scheduledPunctuators()).hasSize(1);
    assertThat(context.scheduledPunctuators().get(0).getInterval())
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aRecordBreakingTheRulesIsRefusedAndThePairUntouched() {
    RunEvent bad = RunEvent.newBuilder(event(Side.BASELINE)).setAttempt(0).build();
    assertThatThrownBy(() -> send(PairInput.of(bad)))
        .isInstanceOf(RejectedRecordException.class)
        .hasMessageContaining("attempt");
    RunEvent wrongKey =
        RunEvent.newBuilder(event(Side.BASELINE)).setPartition("2026-11-21").build();
    assertThatThrownBy(() -> send(PairInput.of(wrongKey))).hasMessageContaining("key");
    assertThat(pairs.current(KEY)).isNull();
    assertThat(context.forwarded()).isEmpty();
  }

  private void send(PairInput in) {
    processor.process(new Record<>(KEY, in, T0.plusSeconds(700).toEpochMilli()));
  }

  private static int ids;

  private static RunEvent event(Side side) {
    return RunEvent.newBuilder()
        .setEventId("e-" + ++ids)
        .setWorkflow("orders")
        .setPartition("2026-11-20")
        .setSide(side)
        .setOrchestrator(side == Side.BASELINE ? "cron" : "airflow")
        .setRunId(side + "-1")
        .setAttempt(1)
        .setStatus(RunStatus.SUCCEEDED)
        .setEventTime(T0.plusSeconds(600))
        .setAttributes(new HashMap<>())
        .build();
  }

  private static OutputFingerprint fingerprint(Side side) {
    return OutputFingerprint.newBuilder()
        .setEventId("f-" + ++ids)
        .setWorkflow("orders")
        .setPartition("2026-11-20")
        .setSide(side)
        .setRunId(side + "-1")
        .setAttempt(1)
        .setOutput("sales.orders")
        .setEventTime(T0.plusSeconds(600))
        .setRowCount(100)
        .setContentHash("00000000000000aa")
        .build();
  }
}
