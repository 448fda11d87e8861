package io.dualrun.reconciler.bench;

import io.dualrun.platform.LocalPlatform;
import io.dualrun.schemas.topic.TopicCatalog;
import io.dualrun.schemas.topic.TopicInitializer;
import io.dualrun.schemas.topic.TopicSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The baseline: a Kafka Streams application reading both input topics and writing every record
 * unchanged to a scratch topic, exactly-once, with the reconciler's commit interval and number of
 * stream threads.
 */
final class PassThrough {
  /** One timed run: from its start (before the application is created) until caught up. */
  record Run(
      String appId,
      long startNanos,
      io.dualrun.platform.GroupLag.CatchUp catchUp,
      CpuClock cpu,
      long appNanos,
      String clients) {
    /**
     * CPU microseconds per record of this JVM and of the broker and registry, start-up included.
     */
    String cpuPerRecord() {
      return String.format(
          java.util.Locale.ROOT,
          "%.1f µs here (application threads %.1f µs, JIT compiling %.1f µs, collector pauses"
              + " %.1f µs) + %.1f µs broker and registry",
          cpu.selfNanos() / 1e3 / catchUp.records(),
          appNanos / 1e3 / catchUp.records(),
          cpu.jitNanos() / 1e3 / catchUp.records(),
          cpu.gcNanos() / 1e3 / catchUp.records(),
          cpu.childrenNanos() / 1e3 / catchUp.records());
    }

    /** Records/s over the whole run, start-up included. */
    double wholeRate() {
      return catchUp.records() / ((catchUp.caughtUpNanos() - startNanos) / 1e9);
    }

    /** Records/s once processing (from the first commit seen), start-up excluded. */
    double processingRate() {
      return catchUp.processingRate();
    }
  }

  private static final java.util.List<String> INPUT_TOPICS =
      java.util.List.of(
          io.dualrun.schemas.topic.TopicCatalog.RUN_EVENTS,
          io.dualrun.schemas.topic.TopicCatalog.FINGERPRINTS);

  private PassThrough() {}

  /** The application's producer and consumer request counts (summed over its clients). */
  static String clientStats(KafkaStreams streams) {
    java.util.Map<String, Double> sums = new java.util.TreeMap<>();
    for (var m : streams.metrics().values()) {
      String group = m.metricName().group();
      String name = m.metricName().name();
      boolean wanted =
          (group.equals("producer-metrics")
                  && (name.equals("request-total")
                      || name.equals("record-send-total")
                      || name.equals("outgoing-byte-total")))
              || (group.equals("consumer-metrics") && name.equals("request-total"));
      if (wanted && m.metricValue() instanceof Number n) {
        sums.merge(group.replace("-metrics", "") + " " + name, n.doubleValue(), Double::sum);
      }
    }
    StringBuilder s = new StringBuilder("    clients:");
    sums.forEach((k, v) -> s.append(String.format(java.util.Locale.ROOT, " %s %.0f;", k, v)));
    return s.append('\n').toString();
  }

  static Run run(
      LocalPlatform platform, Path dir, Duration commit, int threads, Duration patience) {
    String id = "bench-pass-" + UUID.randomUUID();
    Map<String, Object> kafka = platform.kafkaConfig();
    Properties props = new Properties();
    props.putAll(kafka);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, id);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commit.toMillis());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve(id).toString());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    props.put("auto.offset.reset", "earliest");
    int partitions = platform.config().topics().partitions();
    try (Admin admin = Admin.create(kafka)) {
      TopicInitializer.ensureSpecs(
          admin,
          Map.of(id + "-out", new TopicSpec(partitions, (short) 1, Map.of())),
          Duration.ofSeconds(60));
    }
    StreamsBuilder b = new StreamsBuilder();
    b.stream(
            List.of(TopicCatalog.RUN_EVENTS, TopicCatalog.FINGERPRINTS),
            Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .to(id + "-out", Produced.with(Serdes.String(), Serdes.ByteArray()));
    long start = System.nanoTime();
    CpuClock cpu = CpuClock.now();
    try (KafkaStreams streams = new KafkaStreams(b.build(), props)) {
      streams.start();
      var catchUp = io.dualrun.platform.GroupLag.awaitCaughtUp(kafka, id, INPUT_TOPICS, patience);
      return new Run(
          id,
          start,
          catchUp,
          CpuClock.now().since(cpu),
          CpuClock.threadsOf(id),
          clientStats(streams));
    }
  }
}
