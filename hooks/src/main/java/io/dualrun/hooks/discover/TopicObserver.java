package io.dualrun.hooks.discover;

import io.dualrun.schemas.topic.DlqHeaders;
import io.dualrun.schemas.topic.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the input topics' keys ({@code workflow/partition}) and the DLQ's OpenLineage records from
 * a time (or the beginning) to their current end, with a consumer of no group (nothing committed,
 * read_committed). Values are never decoded: no registry is needed.
 */
final class TopicObserver {
  private static final Duration POLL = Duration.ofMillis(500);

  private final String bootstrapServers;
  private final Duration timeout;

  TopicObserver(String bootstrapServers, Duration timeout) {
    this.bootstrapServers = bootstrapServers;
    this.timeout = timeout;
  }

  /** What the topics hold from {@code since} (null: the beginning) to their end now. */
  TopicContents read(Instant since) {
    Map<String, Set<String>> pairs = new TreeMap<>();
    Map<String, Integer> unmapped = new TreeMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      for (String topic : List.of(TopicCatalog.RUN_EVENTS, TopicCatalog.FINGERPRINTS)) {
        readTopic(consumer, topic, since, r -> pair(r, pairs));
      }
      readTopic(consumer, TopicCatalog.DLQ, since, r -> deadLetter(r, unmapped));
    }
    return new TopicContents(pairs, unmapped);
  }

  private static void pair(ConsumerRecord<byte[], byte[]> r, Map<String, Set<String>> pairs) {
    if (r.key() == null) {
      return;
    }
    String key = new String(r.key(), StandardCharsets.UTF_8);
    int slash = key.indexOf('/');
    if (slash > 0) {
      pairs
          .computeIfAbsent(key.substring(0, slash), k -> new TreeSet<>())
          .add(key.substring(slash + 1));
    }
  }

  private static void deadLetter(ConsumerRecord<byte[], byte[]> r, Map<String, Integer> unmapped) {
    if (!DlqHeaders.LINEAGE_SOURCE.equals(DlqHeaders.get(r.headers(), DlqHeaders.SOURCE))
        || r.key() == null) {
      return;
    }
    String job = new String(r.key(), StandardCharsets.UTF_8);
    unmapped.merge(job, 1, Integer::sum);
  }

  private void readTopic(
      KafkaConsumer<byte[], byte[]> consumer,
      String topic,
      Instant since,
      java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("topic " + topic + " does not exist on " + bootstrapServers);
    }
    List<TopicPartition> partitions = new ArrayList<>();
    infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    consumer.assign(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    if (since == null) {
      consumer.seekToBeginning(partitions);
    } else {
      Map<TopicPartition, Long> at = new HashMap<>();
      partitions.forEach(p -> at.put(p, since.toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(at, timeout);
      for (TopicPartition p : partitions) {
        OffsetAndTimestamp o = found.get(p);
        consumer.seek(p, o == null ? end.get(p) : o.offset());
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done(consumer, partitions, end)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "could not read " + topic + " to its end within " + timeout.toSeconds() + " s");
      }
      consumer.poll(POLL).forEach(each);
    }
  }

  private static boolean done(
      KafkaConsumer<byte[], byte[]> consumer,
      List<TopicPartition> partitions,
      Map<TopicPartition, Long> end) {
    for (TopicPartition p : partitions) {
      if (consumer.position(p) < end.get(p)) {
        return false;
      }
    }
    return true;
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
