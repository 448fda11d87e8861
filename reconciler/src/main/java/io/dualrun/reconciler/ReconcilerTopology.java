package io.dualrun.reconciler;

import io.dualrun.inventory.Inventory;
import io.dualrun.reconciler.engine.Emission;
import io.dualrun.reconciler.engine.Mode;
import io.dualrun.reconciler.errors.DlqDeserializationHandler;
import io.dualrun.reconciler.errors.DlqProcessingHandler;
import io.dualrun.reconciler.errors.DlqProductionHandler;
import io.dualrun.reconciler.store.PairStoreBuilder;
import io.dualrun.reconciler.stream.DiffReportsProcessor;
import io.dualrun.reconciler.stream.EmissionSink;
import io.dualrun.reconciler.stream.EventTimeExtractor;
import io.dualrun.reconciler.stream.FingerprintLagsSerde;
import io.dualrun.reconciler.stream.PairInputDeserializer;
import io.dualrun.reconciler.stream.PairProcessor;
import io.dualrun.reconciler.stream.ServingStores;
import io.dualrun.reconciler.stream.StoreNames;
import io.dualrun.schemas.avro.Cutover;
import io.dualrun.schemas.avro.Waiver;
import io.dualrun.schemas.topic.TopicCatalog;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The reconciler's Kafka Streams topology. Both input topics share the key {@code
 * workflow/partition} and are co-partitioned, so one processor sees all of a pair's records; its
 * state lives in persistent RocksDB stores with changelogs. Every node and store is named.
 */
public final class ReconcilerTopology {
  public static final String INPUTS_SOURCE = "inputs-source";
  public static final String OUTPUTS_SINK = "outputs-sink";
  public static final String PROCESSOR = "reconcile-pairs";
  public static final String WAIVERS = "waivers";
  public static final String CUTOVERS = "cutovers";
  public static final String DIFFS = "diffs";

  private ReconcilerTopology() {}

  /**
   * Adds the reconciler to {@code builder}. A pure function: no I/O, no environment; {@code
   * serving} is told which pair stores active tasks are processing with.
   */
  public static void build(
      StreamsBuilder builder,
      ReconcilerConfig config,
      Inventory inventory,
      TopicCatalog catalog,
      ServingStores serving) {
    // the pairs store keeps recently used pairs decoded and writes each changed one once per
    // commit; each pair's deadline is part of its state, and the index of deadlines is rebuilt
    // from it in memory when a task starts (DeadlineIndex); the schedule cursors are cached: the
    // changelog and RocksDB get each workflow's last cursor once per commit
    builder.addStateStore(new PairStoreBuilder(StoreNames.PAIRS, config.decodedPairs()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.SCHEDULE_CURSORS),
                Serdes.String(),
                Serdes.Long())
            .withCachingEnabled());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.FINGERPRINT_LAGS),
                Serdes.String(),
                FingerprintLagsSerde.lags())
            .withCachingEnabled());

    // one source for both input topics and one sink for the three output topics: a record
    // crosses three nodes (source, pair processor, sink) and no value mapping, merge or branch
    EmissionSink sink = new EmissionSink(catalog);
    builder.stream(
            List.of(catalog.runEvents().name(), catalog.fingerprints().name()),
            Consumed.with(
                    Serdes.String(),
                    Serdes.serdeFrom(
                        (topic, value) -> {
                          throw new UnsupportedOperationException("inputs are only read here");
                        },
                        new PairInputDeserializer(catalog)))
                .withName(INPUTS_SOURCE)
                .withTimestampExtractor(new EventTimeExtractor()))
        .process(
            () -> new PairProcessor(processorSettings(config), inventory, serving),
            Named.as(PROCESSOR),
            StoreNames.PAIRS,
            StoreNames.SCHEDULE_CURSORS,
            StoreNames.FINGERPRINT_LAGS)
        .to(sink, Produced.with(Serdes.String(), outputs(sink)).withName(OUTPUTS_SINK));

    // every instance holds every waiver and cutover (a handful), in memory, restored from their
    // compacted topics;
    // added last, so that the pairs' sub-topology keeps its number (and its tasks their ids)
    builder.globalTable(
        catalog.waivers().name(),
        Consumed.with(catalog.waivers().keySerde(), catalog.waivers().valueSerde())
            .withName(WAIVERS),
        Materialized.<String, Waiver>as(Stores.inMemoryKeyValueStore(StoreNames.WAIVERS))
            .withKeySerde(catalog.waivers().keySerde())
            .withValueSerde(catalog.waivers().valueSerde()));
    builder.globalTable(
        catalog.cutovers().name(),
        Consumed.with(catalog.cutovers().keySerde(), catalog.cutovers().valueSerde())
            .withName(CUTOVERS),
        Materialized.<String, Cutover>as(Stores.inMemoryKeyValueStore(StoreNames.CUTOVERS))
            .withKeySerde(catalog.cutovers().keySerde())
            .withValueSerde(catalog.cutovers().valueSerde()));
    // the automatic drill-downs' reports, for the pairs' REST answers: every instance holds all of
    // them (in RocksDB: a year of them), keyed by pair and output
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.DIFFS),
                Serdes.String(),
                catalog.diffs().valueSerde())
            .withLoggingDisabled(),
        catalog.diffs().name(),
        Consumed.with(catalog.diffs().keySerde(), catalog.diffs().valueSerde()).withName(DIFFS),
        DiffReportsProcessor::new);
  }

  /** Emissions are written by {@code sink}, never read back. */
  private static Serde<Emission> outputs(EmissionSink sink) {
    return Serdes.serdeFrom(
        sink,
        (topic, bytes) -> {
          throw new UnsupportedOperationException("outputs are only written here");
        });
  }

  /**
   * How long a replaying task waits for more records on an input partition it has read to the end
   * (KIP-695) before it goes on with the other one. Replays are often fed while they run (a
   * backfill being written, the demo): waiting keeps a task's two inputs merged in event-time
   * order, so the output is the same every time. With the whole history already on the topics, 0 is
   * faster and still ordered ({@code reconciler.streams.properties}).
   */
  static final long REPLAY_TASK_IDLE_MS = 2_000L;

  static final int SESSION_TIMEOUT_MS = 10_000;

  /** The producer's batch size per partition (Kafka's default is 16 KB). */
  static final int PRODUCER_BATCH_BYTES = 256 * 1024;

  /**
   * Kafka Streams properties of the reconciler: exactly-once, the DLQ error handlers, explicit
   * naming, plus {@code reconciler.streams.properties}. The caller adds bootstrap servers and
   * client security.
   */
  public static Properties streamsProperties(ReconcilerConfig config) {
    Properties p = new Properties();
    p.putAll(config.common().kafkaClientProperties());
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.threads());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
    p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    p.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DlqDeserializationHandler.class);
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DlqProcessingHandler.class);
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
    // the partition assignor reads a copy of the streams configuration from the main consumer's
    // configuration: the flag travels there too, or that copy warns that it is off
    p.put(
        StreamsConfig.mainConsumerPrefix(
            StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG),
        "true");
    p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DlqProductionHandler.class);
    p.put(
        StreamsConfig.REPLICATION_FACTOR_CONFIG,
        (int) config.common().topics().replicationFactor());
    // internal topics (changelogs, repartitions) as safe as the catalog's: acks=all writes need 2
    // of 3 replicas in sync
    p.put(
        StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG),
        config.common().topics().replicationFactor() >= 3 ? "2" : "1");
    // a warm copy of every task on another instance (when there is one): it takes over without
    // restoring, and REST answers from it while the active instance is dead
    p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
    // a dead instance's tasks move after 10 s instead of Kafka's 45 s: heartbeats come from the
    // consumer's own thread, so only a process stalled for 10 s is taken for dead
    p.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
    p.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
        SESSION_TIMEOUT_MS / 3);
    p.put(
        StreamsConfig.APPLICATION_SERVER_CONFIG, config.advertisedHost() + ":" + config.httpPort());
    // a commit writes each changed pair (about 1.3 KB of Avro repeating names) to its changelog:
    // batches of up to 256 KB per partition, compressed, are a tenth of the bytes and requests
    p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
    p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), PRODUCER_BATCH_BYTES);
    if (config.mode() == Mode.REPLAY) {
      // event time drives every deadline: a task merges its run-event and fingerprint partitions
      // strictly in timestamp order, waiting for a partition whose records on the broker are not
      // fetched yet, so stream time never runs ahead of records already written and replays of a
      // history give the same output
      p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, REPLAY_TASK_IDLE_MS);
    } else {
      // live mode judges on wall-clock time and gives the same verdict in any arrival order: a
      // record is processed as soon as it is fetched, never held back waiting for the other
      // input's partition (which would add up to a fetch wait to every verdict)
      p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    }
    p.putAll(config.streamsProperties());
    return p;
  }

  /** What the pair processor needs of {@code config}. */
  static PairProcessor.Settings processorSettings(ReconcilerConfig config) {
    return new PairProcessor.Settings(
        config.mode(),
        config.retention(),
        config.punctuateInterval(),
        config.seenIds(),
        config.slaLookback(),
        config.inputPartitions());
  }
}
