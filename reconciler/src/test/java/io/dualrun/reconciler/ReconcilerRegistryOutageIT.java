package io.dualrun.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.platform.LocalPlatform;
import io.dualrun.platform.LocalPlatformConfig;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.topic.TopicCatalog;
import io.dualrun.service.lifecycle.ServiceHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema registry goes down while a reconciler runs, and again while it restarts, on the real
 * broker and registry. Records written with a schema the reconciler never read wait for the
 * registry (nothing goes to the DLQ) and are decided once it is back; a reconciler restarted during
 * an outage starts and decides from its schema cache.
 */
class ReconcilerRegistryOutageIT {
  @TempDir Path work;

  @Test
  void anOutageDelaysVerdictsButNeverDeadLettersAndARestartWorksFromTheCache() throws Exception {
    try (LocalPlatform platform =
        LocalPlatform.start(LocalPlatformConfig.in(work.resolve("platform")))) {
      String appId = "registry-outage-it-" + UUID.randomUUID();
      Path config = config(platform, appId);
      TopicCatalog catalog = platform.catalog();
      // the writer learns its schema ids now, while the registry answers; the reconciler does not
      Harness.matchingPair("warm", "up", "out").forEach(r -> serialize(catalog, r));

      try (KafkaProducer<String, byte[]> producer = producer(platform)) {
        Running first = Running.start(config);
        try {
          platform.registry().stop();
          send(producer, catalog, "wf-a", "during-outage");
          Thread.sleep(8_000);
          assertThat(verdictKeys(platform, Duration.ofSeconds(1)))
              .as("no verdict while the input schema cannot be fetched")
              .doesNotContain("wf-a/during-outage");
          assertThat(dlqCount(platform)).as("records on the DLQ during the outage").isZero();

          platform.registry().start();
          assertThat(awaitVerdict(platform, "wf-a/during-outage")).isEqualTo("MATCH");
        } finally {
          first.close();
        }

        platform.registry().stop();
        Running restarted = Running.start(config);
        try {
          send(producer, catalog, "wf-b", "after-restart");
          assertThat(awaitVerdict(platform, "wf-b/after-restart"))
              .as("decided by a reconciler started while the registry is down")
              .isEqualTo("MATCH");
        } finally {
          restarted.close();
          platform.registry().start();
        }
      }
      assertThat(dlqCount(platform)).as("records on the DLQ").isZero();
    }
  }

  private Path config(LocalPlatform platform, String appId) throws Exception {
    return Files.writeString(
        work.resolve("reconciler.yaml"),
        String.join(
            "\n",
            "kafka: {bootstrap-servers: '" + platform.bootstrapServers() + "'}",
            "registry: {url: '" + platform.registryUrl() + "'}",
            "reconciler:",
            "  application-id: " + appId,
            "  state-dir: " + work.resolve("state"),
            "  commit-interval: 100ms",
            ""));
  }

  /** One reconciler in this JVM, with its REST routes. */
  private record Running(ServiceHost app) implements AutoCloseable {
    static Running start(Path config) {
      return new Running(ReconcilerService.run(ReconcilerMain.load(config).withHttpPort(0)));
    }

    @Override
    public void close() {
      app.close();
    }
  }

  private static byte[] serialize(TopicCatalog catalog, Object r) {
    if (r instanceof RunEvent e) {
      return catalog.runEvents().valueSerde().serializer().serialize(TopicCatalog.RUN_EVENTS, e);
    }
    return catalog
        .fingerprints()
        .valueSerde()
        .serializer()
        .serialize(TopicCatalog.FINGERPRINTS, (OutputFingerprint) r);
  }

  private static void send(
      KafkaProducer<String, byte[]> producer, TopicCatalog catalog, String wf, String p)
      throws Exception {
    for (Object r : Harness.matchingPair(wf, p, "out." + wf)) {
      String topic = r instanceof RunEvent ? TopicCatalog.RUN_EVENTS : TopicCatalog.FINGERPRINTS;
      producer.send(new ProducerRecord<>(topic, wf + "/" + p, serialize(catalog, r))).get();
    }
  }

  private static KafkaProducer<String, byte[]> producer(LocalPlatform platform) {
    Map<String, Object> props = new HashMap<>(platform.kafkaConfig());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(
        props,
        new StringSerializer(),
        new org.apache.kafka.common.serialization.ByteArraySerializer());
  }

  private static String awaitVerdict(LocalPlatform platform, String key) {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      Map<String, String> verdicts = verdicts(platform, Duration.ofSeconds(3));
      if (verdicts.containsKey(key)) {
        return verdicts.get(key);
      }
    }
    throw new AssertionError("no verdict for " + key + " within 120 s");
  }

  private static List<String> verdictKeys(LocalPlatform platform, Duration wait) {
    return new ArrayList<>(verdicts(platform, wait).keySet());
  }

  /** Outcome by pair key of every committed verdict, read with the writer's cached schemas. */
  private static Map<String, String> verdicts(LocalPlatform platform, Duration wait) {
    Map<String, String> out = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer(platform, new StringDeserializer())) {
      consumer.subscribe(List.of(TopicCatalog.VERDICTS));
      long deadline = System.nanoTime() + wait.toNanos();
      while (System.nanoTime() < deadline) {
        for (var r : consumer.poll(Duration.ofMillis(300))) {
          Verdict v =
              platform
                  .catalog()
                  .verdicts()
                  .valueSerde()
                  .deserializer()
                  .deserialize(TopicCatalog.VERDICTS, r.value());
          out.put(r.key(), v.getOutcome().name());
        }
      }
    }
    return out;
  }

  private static int dlqCount(LocalPlatform platform) {
    int n = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(platform, new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(TopicCatalog.DLQ));
      long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      while (System.nanoTime() < deadline) {
        n += consumer.poll(Duration.ofMillis(300)).count();
      }
    }
    return n;
  }

  private static <K> KafkaConsumer<K, byte[]> consumer(
      LocalPlatform platform, org.apache.kafka.common.serialization.Deserializer<K> keys) {
    Map<String, Object> props = new HashMap<>(platform.kafkaConfig());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "outage-it-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(props, keys, new ByteArrayDeserializer());
  }
}
