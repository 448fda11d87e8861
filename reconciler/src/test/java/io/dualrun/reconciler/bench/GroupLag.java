package io.dualrun.reconciler.bench;

import io.dualrun.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Waits until a Kafka Streams application has committed every record of both input topics. */
final class GroupLag {
  private static final List<String> INPUTS =
      List.of(TopicCatalog.RUN_EVENTS, TopicCatalog.FINGERPRINTS);

  private GroupLag() {}

  static void awaitCaughtUp(Map<String, Object> kafka, String group, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    try (Admin admin = Admin.create(kafka)) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (var d : admin.describeTopics(INPUTS).allTopicNames().get().values()) {
        d.partitions()
            .forEach(
                p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
      }
      Map<TopicPartition, Long> end = new HashMap<>();
      admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
      while (System.nanoTime() < deadline) {
        var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        if (caughtUp(end, committed)) {
          return;
        }
        Thread.sleep(50);
      }
      throw new IllegalStateException(group + " did not consume " + INPUTS + " within " + patience);
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
      OffsetAndMetadata c = committed.get(e.getKey());
      if (e.getValue() > 0 && (c == null || c.offset() < e.getValue())) {
        return false;
      }
    }
    return true;
  }
}
