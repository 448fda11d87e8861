package io.dualrun.platform;

import io.dualrun.schemas.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/** Produce and read back through a real broker, with the catalog's serdes. */
final class TopicIo {
  private TopicIo() {}

  static <K, V> List<RecordMetadata> produce(
      LocalPlatform platform, Topic<K, V> topic, K key, List<V> values) throws Exception {
    Map<String, Object> config = platform.kafkaConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    List<RecordMetadata> result = new ArrayList<>();
    try (KafkaProducer<K, V> producer =
        new KafkaProducer<>(
            config, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      for (V value : values) {
        result.add(
            producer
                .send(new ProducerRecord<>(topic.name(), key, value))
                .get(30, TimeUnit.SECONDS));
      }
    }
    return result;
  }

  /** Reads {@code count} records of one partition from {@code offset}. */
  static <K, V> List<ConsumerRecord<K, V>> read(
      LocalPlatform platform,
      String topic,
      int partition,
      long offset,
      int count,
      Deserializer<K> keys,
      Deserializer<V> values) {
    Map<String, Object> config = platform.kafkaConfig();
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<K, V>> result = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values)) {
      TopicPartition tp = new TopicPartition(topic, partition);
      consumer.assign(List.of(tp));
      consumer.seek(tp, offset);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (result.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(result::add);
      }
    }
    return result.size() > count ? result.subList(0, count) : result;
  }
}
