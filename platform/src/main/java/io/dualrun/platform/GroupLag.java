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
  private static final long POLL_MILLIS = 50;

  private GroupLag() {}

  /**
   * How a group caught up, seen by polling its committed offsets every 50 ms.
   *
   * @param firstCommitNanos {@link System#nanoTime()} when a commit of the group was first seen
   * @param committedAtFirst how many records that first commit covered
   * @param caughtUpNanos when every record was seen committed
   * @param records the records on the input topics (the sum of their end offsets: topics written
   *     without transactions and never cleaned hold one record per offset)
   */
  public record CatchUp(
      long firstCommitNanos, long committedAtFirst, long caughtUpNanos, long records) {
    /**
     * Records/s between the first commit seen and the last: the group's rate once it is processing,
     * without its start-up (group join, topic creation, state stores opening). NaN when the first
     * commit seen already covered every record.
     */
    public double processingRate() {
      return (records - committedAtFirst) / ((caughtUpNanos - firstCommitNanos) / 1e9);
    }
  }

  public static CatchUp awaitCaughtUp(
      Map<String, Object> kafka, String group, List<String> topics, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    try (Admin admin = Admin.create(kafka)) {
      Map<TopicPartition, Long> end = endOffsets(admin, topics);
      long records = end.values().stream().mapToLong(Long::longValue).sum();
      long firstNanos = -1;
      long firstCommitted = 0;
      while (System.nanoTime() < deadline) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        long now = System.nanoTime();
        long done = committed(end, committed);
        if (firstNanos < 0 && done > 0) {
          firstNanos = now;
          firstCommitted = done;
        }
        if (done == records) {
          return new CatchUp(firstNanos < 0 ? now : firstNanos, firstCommitted, now, records);
        }
        Thread.sleep(POLL_MILLIS);
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

  /** Records of the input topics covered by the group's commits (offsets count records). */
  private static long committed(
      Map<TopicPartition, Long> end, Map<TopicPartition, OffsetAndMetadata> committed) {
    long done = 0;
    for (var e : end.entrySet()) {
      OffsetAndMetadata c = committed.get(e.getKey());
      if (c != null) {
        done += Math.min(c.offset(), e.getValue());
      }
    }
    return done;
  }
}
