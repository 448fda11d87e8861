package io.dualrun.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.platform.LocalPlatform;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.topic.DlqHeaders;
import io.dualrun.schemas.topic.Topic;
import io.dualrun.schemas.topic.TopicCatalog;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the real broker and registry, under exactly-once: bytes that are not Avro, and Avro records
 * that break the record rules, go to the DLQ with the reason and their source topic, partition and
 * offset in headers — and the reconciler goes on deciding the valid pairs after them.
 */
class ReconcilerDlqIT {
  @TempDir Path work;

  @Test
  void unreadableAndInvalidRecordsGoToTheDlqAndProcessingGoesOn() throws Exception {
    try (LocalPlatform platform = LocalPlatform.startEphemeral()) {
      Path config =
          Files.writeString(
              work.resolve("reconciler.yaml"),
              String.join(
                  "\n",
                  "kafka: {bootstrap-servers: '" + platform.bootstrapServers() + "'}",
                  "registry: {url: '" + platform.registryUrl() + "'}",
                  "reconciler:",
                  "  application-id: dlq-it-" + UUID.randomUUID(),
                  "  state-dir: " + work.resolve("state"),
                  "  commit-interval: 100ms",
                  ""));
      ReconcilerService service = ReconcilerService.create(ReconcilerMain.load(config));
      Javalin app = Javalin.create(c -> c.showJavalinBanner = false).start("127.0.0.1", 0);
      try (service) {
        service.start(app.port());
        TopicCatalog catalog = platform.catalog();
        Instant t = Instant.now().minusSeconds(3600);
        List<RecordMetadata> bad = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer(platform)) {
          bad.add(raw(producer, TopicCatalog.RUN_EVENTS, "kpi/2026-11-20", "{\"not\":\"avro\"}"));
          bad.add(
              send(
                  producer,
                  catalog.runEvents(),
                  event("-not-a-workflow-", Side.BASELINE, t, "bad-1")));
          for (Side side : Side.values()) {
            send(producer, catalog.runEvents(), event("kpi", side, t, "ok-" + side));
            send(producer, catalog.fingerprints(), fingerprint(side, t));
          }
          producer.flush();
        }

        List<ConsumerRecord<byte[], byte[]>> dlq = read(platform, TopicCatalog.DLQ, 2);
        assertThat(dlq).hasSize(2);
        ConsumerRecord<byte[], byte[]> garbage = at(dlq, bad.get(0));
        ConsumerRecord<byte[], byte[]> invalid = at(dlq, bad.get(1));
        for (ConsumerRecord<byte[], byte[]> r : List.of(garbage, invalid)) {
          assertThat(DlqHeaders.get(r.headers(), DlqHeaders.SOURCE))
              .isEqualTo(TopicCatalog.RUN_EVENTS);
          assertThat(DlqHeaders.get(r.headers(), DlqHeaders.COMPONENT)).isEqualTo("reconciler");
        }
        assertThat(DlqHeaders.get(garbage.headers(), DlqHeaders.REASON)).contains("magic byte");
        assertThat(new String(garbage.value(), StandardCharsets.UTF_8))
            .isEqualTo("{\"not\":\"avro\"}");
        assertThat(DlqHeaders.get(invalid.headers(), DlqHeaders.REASON)).contains("workflow");

        List<ConsumerRecord<byte[], byte[]>> verdicts = read(platform, TopicCatalog.VERDICTS, 1);
        Verdict v =
            catalog
                .verdicts()
                .valueSerde()
                .deserializer()
                .deserialize(TopicCatalog.VERDICTS, verdicts.get(0).value());
        assertThat(v.getWorkflow()).isEqualTo("kpi");
        assertThat(v.getOutcome().name()).isEqualTo("MATCH");
      } finally {
        app.stop();
      }
    }
  }

  /** The DLQ record whose source partition and offset are those of {@code source}. */
  private static ConsumerRecord<byte[], byte[]> at(
      List<ConsumerRecord<byte[], byte[]>> dlq, RecordMetadata source) {
    return dlq.stream()
        .filter(
            r ->
                Integer.toString(source.partition())
                        .equals(DlqHeaders.get(r.headers(), DlqHeaders.SOURCE_PARTITION))
                    && Long.toString(source.offset())
                        .equals(DlqHeaders.get(r.headers(), DlqHeaders.SOURCE_OFFSET)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no DLQ record for " + source + " in " + dlq.size()));
  }

  private static RunEvent event(String workflow, Side side, Instant t, String id) {
    return RunEvent.newBuilder()
        .setEventId(id)
        .setWorkflow(workflow)
        .setPartition("2026-11-20")
        .setSide(side)
        .setOrchestrator(side == Side.BASELINE ? "cron" : "airflow")
        .setRunId(side + "-1")
        .setAttempt(1)
        .setStatus(RunStatus.SUCCEEDED)
        .setEventTime(t)
        .build();
  }

  private static OutputFingerprint fingerprint(Side side, Instant t) {
    return OutputFingerprint.newBuilder()
        .setEventId("fp-" + side)
        .setWorkflow("kpi")
        .setPartition("2026-11-20")
        .setSide(side)
        .setRunId(side + "-1")
        .setAttempt(1)
        .setOutput("bi.kpi")
        .setEventTime(t)
        .setRowCount(42)
        .setContentHash("00000000000000aa")
        .build();
  }

  private static KafkaProducer<byte[], byte[]> producer(LocalPlatform platform) {
    Map<String, Object> props = new HashMap<>(platform.kafkaConfig());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static RecordMetadata raw(
      KafkaProducer<byte[], byte[]> producer, String topic, String key, String value)
      throws Exception {
    return producer
        .send(
            new ProducerRecord<>(
                topic,
                key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8)))
        .get();
  }

  private static <V> RecordMetadata send(
      KafkaProducer<byte[], byte[]> producer, Topic<String, V> topic, V value) throws Exception {
    String key =
        value instanceof RunEvent e
            ? e.getWorkflow() + "/" + e.getPartition()
            : ((OutputFingerprint) value).getWorkflow()
                + "/"
                + ((OutputFingerprint) value).getPartition();
    return producer
        .send(
            new ProducerRecord<>(
                topic.name(),
                topic.keySerde().serializer().serialize(topic.name(), key),
                topic.valueSerde().serializer().serialize(topic.name(), value)))
        .get();
  }

  private static List<ConsumerRecord<byte[], byte[]>> read(
      LocalPlatform platform, String topic, int wanted) {
    Map<String, Object> props = new HashMap<>(platform.kafkaConfig());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-it-reader-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (out.size() < wanted && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(250)).forEach(out::add);
      }
    }
    return out;
  }
}
