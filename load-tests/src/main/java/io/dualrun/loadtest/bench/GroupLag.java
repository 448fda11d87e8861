package io.dualrun.loadtest.bench;

import io.dualrun.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Waits until a consumer group (a Kafka Streams application) has committed every input record. */
final class GroupLag {
  private GroupLag() {}

  static void awaitCaughtUp(
      Map<String, Object> kafka, String group, List<String> topics, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    try (Admin admin = Admin.create(kafka)) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (var d : admin.describeTopics(topics).allTopicNames().get().values()) {
        d.partitions()
            .forEach(
                p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
      }
      Map<TopicPartition, Long> end = new HashMap<>();
      admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
      while (System.nanoTime() < deadline) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        if (caughtUp(end, committed)) {
          return;
        }
        Thread.sleep(100);
      }
      throw new IllegalStateException(group + " did not consume " + topics + " within " + patience);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read offsets of " + group + ": " + e.getCause(), e);
    }
  }

  private static boolean caughtUp(
      Map<TopicPartition, Long> end, Map<TopicPartition, OffsetAndMetadata> committed) {
    for (var e : end.entrySet()) {
      if (e.getValue() == 0) {
        continue;
      }
      OffsetAndMetadata c = committed.get(e.getKey());
      if (c == null || c.offset() < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  static List<String> inputs() {
    return new ArrayList<>(List.of(TopicCatalog.RUN_EVENTS, TopicCatalog.FINGERPRINTS));
  }
}
