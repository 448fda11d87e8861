package io.dualrun.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Three KRaft nodes from Kafka's own jars: the catalog topics are replicated three times with
 * min.insync.replicas 2, and acknowledged writes survive the active controller being killed and
 * restarted while a producer keeps writing.
 */
class KafkaClusterIT {
  private static final String TOPIC = TopicCatalog.RUN_EVENTS;

  @Test
  void threeNodesReplicateAndRideOutTheActiveControllerBeingKilled() throws Exception {
    try (LocalPlatform platform =
        LocalPlatform.start(LocalPlatformConfig.ephemeral().withBrokers(3))) {
      KafkaCluster kafka = platform.kafka();
      assertThat(kafka.size()).isEqualTo(3);
      assertThat(platform.bootstrapServers().split(",")).hasSize(3);
      try (Admin admin = Admin.create(platform.kafkaConfig())) {
        assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(3);
        TopicDescription d =
            admin
                .describeTopics(List.of(TOPIC))
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .get(TOPIC);
        assertThat(d.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
        Config config =
            admin
                .describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, TOPIC)))
                .all()
                .get(10, TimeUnit.SECONDS)
                .values()
                .iterator()
                .next();
        assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
      }

      Set<String> acknowledged = new HashSet<>();
      Map<String, Object> producerConfig = platform.kafkaConfig();
      producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
      producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
        write(producer, 0, 200, acknowledged);
        int controller = kafka.activeControllerId();
        kafka.node(controller).kill();
        write(producer, 200, 400, acknowledged);
        kafka.node(controller).start();
        kafka.awaitAllVisible(Duration.ofSeconds(60));
        assertThat(kafka.isRunning()).isTrue();
        write(producer, 400, 600, acknowledged);
      }
      assertThat(acknowledged).hasSize(600);
      assertThat(readAll(platform)).containsAll(acknowledged);
    }
  }

  private static void write(
      KafkaProducer<String, String> producer, int from, int to, Set<String> acknowledged)
      throws Exception {
    List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
    for (int i = from; i < to; i++) {
      String value = "record-" + i;
      sent.add(
          producer.send(
              new ProducerRecord<>(TOPIC, "key-" + (i % 17), value),
              (metadata, e) -> {
                if (e == null) {
                  synchronized (acknowledged) {
                    acknowledged.add(value);
                  }
                }
              }));
    }
    for (var f : sent) {
      f.get(90, TimeUnit.SECONDS);
    }
  }

  private static Set<String> readAll(LocalPlatform platform) {
    Map<String, Object> config = platform.kafkaConfig();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "cluster-it");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Set<String> read = new HashSet<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (read.size() < 600 && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> read.add(r.value()));
      }
    }
    return read;
  }
}
