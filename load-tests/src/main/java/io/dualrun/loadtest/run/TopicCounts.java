package io.dualrun.loadtest.run;

import io.dualrun.schemas.topic.TopicCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** How many records the input topics hold (sum of end offsets: ingest writes no transactions). */
public final class TopicCounts {
  private TopicCounts() {}

  public static long inputRecords(Map<String, Object> kafka) {
    Map<String, Object> props = new HashMap<>(kafka);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : List.of(TopicCatalog.RUN_EVENTS, TopicCatalog.FINGERPRINTS)) {
        c.partitionsFor(topic)
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      long total = 0;
      for (var e : c.beginningOffsets(partitions).entrySet()) {
        total -= e.getValue();
      }
      for (var e : c.endOffsets(partitions).entrySet()) {
        total += e.getValue();
      }
      return total;
    }
  }
}
