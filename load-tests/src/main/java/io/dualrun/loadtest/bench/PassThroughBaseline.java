package io.dualrun.loadtest.bench;

import io.dualrun.schemas.topic.TopicInitializer;
import io.dualrun.schemas.topic.TopicSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The baseline of the reconciler's throughput: a Kafka Streams application that reads the same
 * input topics and writes every record unchanged to one topic, with the same exactly-once guarantee
 * and commit interval.
 */
final class PassThroughBaseline {
  private PassThroughBaseline() {}

  /** Runs until the input is consumed; returns the elapsed time. */
  static Duration run(
      Map<String, Object> kafka,
      Path stateDir,
      String applicationId,
      int partitions,
      Duration patience) {
    Properties props = new Properties();
    props.putAll(kafka);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    props.put("auto.offset.reset", "earliest");
    StreamsBuilder b = new StreamsBuilder();
    b.stream(InputTopics.all(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .to(applicationId + "-out", Produced.with(Serdes.String(), Serdes.ByteArray()));
    try (Admin admin = Admin.create(kafka)) {
      TopicInitializer.ensureSpecs(
          admin,
          Map.of(applicationId + "-out", new TopicSpec(partitions, (short) 1, Map.of())),
          Duration.ofSeconds(60));
    }
    long start = System.nanoTime();
    try (KafkaStreams streams = new KafkaStreams(b.build(), props)) {
      streams.start();
      io.dualrun.platform.GroupLag.awaitCaughtUp(kafka, applicationId, InputTopics.all(), patience);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      streams.close(Duration.ofSeconds(30));
      return elapsed;
    }
  }
}
