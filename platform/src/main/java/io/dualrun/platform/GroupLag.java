package io.dualrun.platform;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until a consumer group (e.g. a Kafka Streams application) has committed every record that
 * is on its input topics now. Used by benchmarks to time a run from the first record to the last.
 */
public final class GroupLag {
  private GroupLag() {}

  public static void awaitCaughtUp(
      Map<String, Object> kafka, String group, List<String> topics, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    try (Admin admin = Admin.create(kafka)) {
      Map<TopicPartition, Long> end = endOffsets(admin, topics);
      while (System.nanoTime() < deadline) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        if (caughtUp(end, committed)) {
          return;
        }
        Thread.sleep(50);
      }
      throw new IllegalStateException(group + " did not consume " + topics + " within " + patience);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read offsets of " + group + ": " + e.getCause(), e);
    }
  }

  private static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics)
      throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (var d : admin.describeTopics(topics).allTopicNames().get().values()) {
      d.partitions()
          .forEach(
              p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
    }
    Map<TopicPartition, Long> end = new HashMap<>();
    admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
    return end;
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
}
