package io.dualrun.reconciler;

import io.dualrun.reconciler.decide.EncodedVerdict;
import io.dualrun.reconciler.decide.EncodedVerdictSerializer;
import io.dualrun.reconciler.errors.DlqDeserializationHandler;
import io.dualrun.reconciler.errors.DlqProcessingHandler;
import io.dualrun.reconciler.errors.DlqProductionHandler;
import io.dualrun.reconciler.store.PairStoreBuilder;
import io.dualrun.reconciler.stream.Emission;
import io.dualrun.reconciler.stream.EventTimeExtractor;
import io.dualrun.reconciler.stream.PairInput;
import io.dualrun.reconciler.stream.PairProcessor;
import io.dualrun.reconciler.stream.StoreNames;
import io.dualrun.schemas.avro.FreshnessBreach;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.inventory.Inventory;
import io.dualrun.schemas.topic.TopicCatalog;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The reconciler's Kafka Streams topology. Both input topics share the key {@code
 * workflow/partition} and are co-partitioned, so one processor sees all of a pair's records; its
 * state lives in persistent RocksDB stores with changelogs. Every node and store is named.
 */
public final class ReconcilerTopology {
  public static final String RUN_EVENTS_SOURCE = "run-events-source";
  public static final String FINGERPRINTS_SOURCE = "fingerprints-source";
  public static final String PROCESSOR = "reconcile-pairs";

  private ReconcilerTopology() {}

  /** Adds the reconciler to {@code builder}. A pure function: no I/O, no environment. */
  public static void build(
      StreamsBuilder builder, ReconcilerConfig config, Inventory inventory, TopicCatalog catalog) {
    // the pairs store keeps recently used pairs decoded and writes each changed one once per
    // commit; the other stores are cached: the changelog and RocksDB get each key's last value once
    // per commit rather than every intermediate write (a deadline moves several times while a pair
    // settles)
    builder.addStateStore(new PairStoreBuilder(StoreNames.PAIRS, config.decodedPairs()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.DEADLINES),
                Serdes.String(),
                Serdes.String())
            .withCachingEnabled());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.SCHEDULE_CURSORS),
                Serdes.String(),
                Serdes.Long())
            .withCachingEnabled());

    EventTimeExtractor time = new EventTimeExtractor();
    KStream<String, PairInput> events =
        builder.stream(
                catalog.runEvents().name(),
                Consumed.with(Serdes.String(), catalog.runEvents().valueSerde())
                    .withName(RUN_EVENTS_SOURCE)
                    .withTimestampExtractor(time))
            .mapValues((RunEvent e) -> PairInput.of(e), Named.as("run-event-input"));
    KStream<String, PairInput> fingerprints =
        builder.stream(
                catalog.fingerprints().name(),
                Consumed.with(Serdes.String(), catalog.fingerprints().valueSerde())
                    .withName(FINGERPRINTS_SOURCE)
                    .withTimestampExtractor(time))
            .mapValues((OutputFingerprint f) -> PairInput.of(f), Named.as("fingerprint-input"));

    KStream<String, Emission> out =
        events
            .merge(fingerprints, Named.as("pair-inputs"))
            .process(
                () -> new PairProcessor(config, inventory),
                Named.as(PROCESSOR),
                StoreNames.PAIRS,
                StoreNames.DEADLINES,
                StoreNames.SCHEDULE_CURSORS);

    Map<String, KStream<String, Emission>> routes =
        out.split(Named.as("route-"))
            .branch((k, e) -> e.isVerdict(), Branched.as("verdicts"))
            .defaultBranch(Branched.as("breaches"));

    // verdicts go out as the Avro binary already encoded for the pair state
    KStream<String, EncodedVerdict> verdicts =
        routes.get("route-verdicts").mapValues(Emission::verdict, Named.as("verdict-value"));
    Serde<EncodedVerdict> verdictValues = encodedVerdicts(catalog.verdicts().valueSerde());
    verdicts.to(
        catalog.verdicts().name(),
        Produced.with(Serdes.String(), verdictValues).withName("verdicts-sink"));
    verdicts
        .filter((k, v) -> v.isMismatch(), Named.as("mismatch-only"))
        .to(
            catalog.mismatches().name(),
            Produced.with(Serdes.String(), encodedVerdicts(catalog.mismatches().valueSerde()))
                .withName("mismatches-sink"));
    KStream<String, FreshnessBreach> breaches =
        routes.get("route-breaches").mapValues(Emission::breach, Named.as("breach-value"));
    breaches.to(
        catalog.freshness().name(),
        Produced.with(Serdes.String(), catalog.freshness().valueSerde())
            .withName("freshness-sink"));
  }

  private static Serde<EncodedVerdict> encodedVerdicts(Serde<Verdict> topicSerde) {
    return Serdes.serdeFrom(
        new EncodedVerdictSerializer(topicSerde),
        (topic, bytes) -> {
          throw new UnsupportedOperationException("verdicts are only written here");
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
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DlqProductionHandler.class);
    p.put(
        StreamsConfig.REPLICATION_FACTOR_CONFIG,
        (int) config.common().topics().replicationFactor());
    p.put(
        StreamsConfig.APPLICATION_SERVER_CONFIG, config.advertisedHost() + ":" + config.httpPort());
    if (config.mode() == Mode.REPLAY) {
      // event time drives every deadline: a task merges its run-event and fingerprint partitions
      // strictly in timestamp order, waiting for a partition whose records on the broker are not
      // fetched yet, so stream time never runs ahead of records already written and replays of a
      // history give the same output
      p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, REPLAY_TASK_IDLE_MS);
    }
    p.putAll(config.streamsProperties());
    return p;
  }
}
