package io.dualrun.reconciler;

import io.dualrun.config.CommonSettings;
import io.dualrun.config.ConfigMap;
import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.InventoryLoader;
import io.dualrun.reconciler.engine.Mode;
import io.dualrun.registry.SchemaRegistry;
import io.dualrun.schemas.avro.ColumnStats;
import io.dualrun.schemas.avro.ColumnType;
import io.dualrun.schemas.avro.FreshnessBreach;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.topic.TopicCatalog;
import io.dualrun.schemas.topic.TopicSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** A reconciler topology on a TopologyTestDriver, with record builders. */
final class Harness implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-11-20T07:00:00Z");
  private static final AtomicInteger IDS = new AtomicInteger();

  final TopicCatalog catalog;
  final ReconcilerConfig config;
  final TopologyTestDriver driver;
  final TestInputTopic<String, RunEvent> events;
  final TestInputTopic<String, OutputFingerprint> fingerprints;
  final TestInputTopic<byte[], byte[]> rawEvents;
  final TestInputTopic<String, io.dualrun.schemas.avro.Waiver> waivers;
  final TestInputTopic<String, io.dualrun.schemas.avro.Cutover> cutovers;
  final TestOutputTopic<String, Verdict> verdicts;
  final TestOutputTopic<String, Verdict> mismatches;
  final TestOutputTopic<String, FreshnessBreach> freshness;
  final TestOutputTopic<byte[], byte[]> dlq;
  private final Path stateDir;

  Harness() {
    this(Inventory.empty(), Mode.LIVE, T0);
  }

  Harness(Inventory inventory, Mode mode, Instant wallClock) {
    this(inventory, mode, wallClock, Map.of());
  }

  Harness(Inventory inventory, Mode mode, Instant wallClock, Map<String, ?> overrides) {
    try {
      stateDir = Files.createTempDirectory("reconciler-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Object> flat = new HashMap<>(overrides);
    flat.put("reconciler.state-dir", stateDir.toString());
    flat.put("reconciler.mode", mode.name().toLowerCase());
    flat.put("reconciler.application-id", "reconciler-test-" + UUID.randomUUID());
    ConfigMap map = ConfigMap.of("test", flat);
    config = ReconcilerConfig.from(map, CommonSettings.from(map));
    catalog = TopicCatalog.create(SchemaRegistry.inMemory(), TopicSettings.SINGLE_NODE, true);
    driver = new TopologyTestDriver(topology(config, inventory, catalog), props(config), wallClock);
    events =
        driver.createInputTopic(
            TopicCatalog.RUN_EVENTS,
            new StringSerializer(),
            catalog.runEvents().valueSerde().serializer());
    fingerprints =
        driver.createInputTopic(
            TopicCatalog.FINGERPRINTS,
            new StringSerializer(),
            catalog.fingerprints().valueSerde().serializer());
    rawEvents =
        driver.createInputTopic(
            TopicCatalog.RUN_EVENTS, new ByteArraySerializer(), new ByteArraySerializer());
    waivers =
        driver.createInputTopic(
            TopicCatalog.WAIVERS,
            new StringSerializer(),
            catalog.waivers().valueSerde().serializer());
    cutovers =
        driver.createInputTopic(
            TopicCatalog.CUTOVERS,
            new StringSerializer(),
            catalog.cutovers().valueSerde().serializer());
    verdicts =
        driver.createOutputTopic(
            TopicCatalog.VERDICTS,
            new StringDeserializer(),
            catalog.verdicts().valueSerde().deserializer());
    mismatches =
        driver.createOutputTopic(
            TopicCatalog.MISMATCHES,
            new StringDeserializer(),
            catalog.mismatches().valueSerde().deserializer());
    freshness =
        driver.createOutputTopic(
            TopicCatalog.FRESHNESS,
            new StringDeserializer(),
            catalog.freshness().valueSerde().deserializer());
    dlq =
        driver.createOutputTopic(
            TopicCatalog.DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  static Inventory inventory(String yaml) {
    return InventoryLoader.parse("workflows.yaml", yaml);
  }

  static Topology topology(ReconcilerConfig config, Inventory inventory, TopicCatalog catalog) {
    StreamsBuilder builder = new StreamsBuilder();
    ReconcilerTopology.build(
        builder, config, inventory, catalog, new io.dualrun.reconciler.stream.ServingStores());
    return builder.build(props(config));
  }

  static Properties props(ReconcilerConfig config) {
    Properties p = ReconcilerTopology.streamsProperties(config);
    p.put("bootstrap.servers", "unused:9092");
    // the test driver hands records over in exactly the order piped: no partition to wait for
    p.put(org.apache.kafka.streams.StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 0L);
    p.putAll(config.streamsProperties());
    return p;
  }

  void send(Object record) {
    if (record instanceof RunEvent e) {
      events.pipeInput(
          new TestRecord<>(key(e.getWorkflow(), e.getPartition()), e, e.getEventTime()));
    } else {
      OutputFingerprint f = (OutputFingerprint) record;
      fingerprints.pipeInput(
          new TestRecord<>(key(f.getWorkflow(), f.getPartition()), f, f.getEventTime()));
    }
  }

  /** Records {@code w} (a null value of id {@code id} deletes). */
  void waiver(String id, io.dualrun.schemas.avro.Waiver w) {
    waivers.pipeInput(id, w);
  }

  /** Records that {@code workflow} cut over from {@code fromPartition} (null: undone). */
  void cutover(String workflow, String fromPartition) {
    cutovers.pipeInput(
        workflow,
        fromPartition == null
            ? null
            : io.dualrun.schemas.avro.Cutover.newBuilder()
                .setWorkflow(workflow)
                .setFromPartition(fromPartition)
                .setAt(T0)
                .setStabilizeUntil(T0.plus(Duration.ofDays(28)))
                .build());
  }

  void sendAll(List<?> records) {
    records.forEach(this::send);
  }

  void advance(Duration d) {
    driver.advanceWallClockTime(d);
  }

  List<Verdict> verdicts() {
    return verdicts.readValuesToList();
  }

  /** The verdict the pairs store holds for the pair (what REST answers), or null. */
  Verdict storedVerdict(String workflow, String partition) {
    var store =
        (io.dualrun.reconciler.store.PairStore)
            driver.getAllStateStores().get(io.dualrun.reconciler.stream.StoreNames.PAIRS);
    var state = store.get(key(workflow, partition));
    return state == null
        ? null
        : io.dualrun.reconciler.decide.VerdictCodec.decode(state.getLastVerdict());
  }

  List<FreshnessBreach> breaches() {
    return freshness.readValuesToList();
  }

  static String key(String workflow, String partition) {
    return workflow + "/" + partition;
  }

  static RunEvent event(
      String workflow, String partition, Side side, int attempt, RunStatus status, Instant time) {
    return RunEvent.newBuilder()
        .setEventId("e-" + IDS.incrementAndGet())
        .setWorkflow(workflow)
        .setPartition(partition)
        .setSide(side)
        .setOrchestrator(side == Side.BASELINE ? "cron" : "airflow")
        .setRunId(side.name().toLowerCase() + "-run-" + attempt)
        .setAttempt(attempt)
        .setStatus(status)
        .setEventTime(time)
        .setTask(null)
        .setError(null)
        .setLogUrl(null)
        .setAttributes(new HashMap<>())
        .build();
  }

  static RunEvent task(RunEvent e, String task, String error) {
    return RunEvent.newBuilder(e).setTask(task).setError(error).build();
  }

  static OutputFingerprint fingerprint(
      String workflow,
      String partition,
      Side side,
      int attempt,
      String output,
      long rows,
      String hash) {
    return OutputFingerprint.newBuilder()
        .setEventId("f-" + IDS.incrementAndGet())
        .setWorkflow(workflow)
        .setPartition(partition)
        .setSide(side)
        .setRunId(side.name().toLowerCase() + "-run-" + attempt)
        .setAttempt(attempt)
        .setOutput(output)
        .setEventTime(T0.plusSeconds(600))
        .setRowCount(rows)
        .setContentHash(hash)
        .setSchema$(
            new ArrayList<>(
                List.of(new ColumnType("id", "integer"), new ColumnType("amount", "decimal"))))
        .setColumns(
            new ArrayList<>(
                List.of(
                    new ColumnStats("id", 0L, "1", "1000", null),
                    new ColumnStats("amount", 0L, "0.5", "99.5", "1000.00"))))
        .setBuckets(null)
        .build();
  }

  /** Both sides: STARTED at T0, SUCCEEDED after {@code minutes}, one output with equal data. */
  static List<Object> matchingPair(String workflow, String partition, String output) {
    List<Object> out = new ArrayList<>();
    for (Side side : Side.values()) {
      out.add(event(workflow, partition, side, 1, RunStatus.STARTED, T0));
      out.add(event(workflow, partition, side, 1, RunStatus.SUCCEEDED, T0.plusSeconds(300)));
      out.add(fingerprint(workflow, partition, side, 1, output, 100, "00000000000000aa"));
    }
    return out;
  }

  @Override
  public void close() {
    driver.close();
    try (var walk = Files.walk(stateDir)) {
      walk.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
