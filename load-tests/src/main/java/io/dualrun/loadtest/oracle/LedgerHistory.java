package io.dualrun.loadtest.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every entry the alerting instances wrote to their delivery ledger ({@code
 * <application-id>.deliveries}, key {@code alertId|receiver}), with the time it was written: what a
 * receiver was done with, and since when.
 */
public final class LedgerHistory {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One ledger write: {@code version} done, written at {@code writtenMillis} (epoch ms). */
  public record Entry(long version, long writtenMillis) {}

  private final Map<String, List<Entry>> byKey;

  private LedgerHistory(Map<String, List<Entry>> byKey) {
    this.byKey = byKey;
  }

  /** Reads {@code topic} from its beginning to its end. */
  public static LedgerHistory read(Map<String, Object> kafka, String topic) {
    Map<String, Object> props = new HashMap<>(kafka);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<String, List<Entry>> byKey = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      c.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      c.assign(partitions);
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = c.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      while (!reached(c, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("cannot read " + topic + " to its end within 1 minute");
        }
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
          if (r.key() != null && r.value() != null) {
            byKey
                .computeIfAbsent(
                    new String(r.key(), StandardCharsets.UTF_8), k -> new ArrayList<>())
                .add(new Entry(version(r.value()), r.timestamp()));
          }
        }
      }
    }
    return new LedgerHistory(byKey);
  }

  private static long version(byte[] value) {
    try {
      JsonNode n = JSON.readTree(value);
      return n.path("version").asLong();
    } catch (IOException e) {
      throw new IllegalStateException("a ledger entry that is not JSON: " + e.getMessage(), e);
    }
  }

  private static boolean reached(KafkaConsumer<?, ?> c, Map<TopicPartition, Long> end) {
    for (var e : end.entrySet()) {
      if (c.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** The writes of {@code alertId}'s entry for {@code receiver}, in the topic's order. */
  public List<Entry> entries(String alertId, String receiver) {
    return byKey.getOrDefault(alertId + "|" + receiver, List.of());
  }

  /** Whether an entry saying {@code receiver} was done with {@code version} was written before. */
  public boolean doneBefore(String alertId, String receiver, long version, long epochMillis) {
    return entries(alertId, receiver).stream()
        .anyMatch(e -> e.version() >= version && e.writtenMillis() < epochMillis);
  }
}
