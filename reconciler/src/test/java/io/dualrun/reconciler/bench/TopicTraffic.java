package io.dualrun.reconciler.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * What a run wrote to the broker: records (offsets, transaction markers included) and log bytes per
 * topic, from two snapshots of every topic's end offsets and log sizes. An application's internal
 * topics are grouped under {@code <app>-…}.
 */
final class TopicTraffic {
  private final Map<String, long[]> byTopic;

  private TopicTraffic(Map<String, long[]> byTopic) {
    this.byTopic = byTopic;
  }

  static TopicTraffic snapshot(Map<String, Object> kafka) {
    try (Admin admin = Admin.create(kafka)) {
      Map<String, long[]> out = new HashMap<>();
      List<Integer> brokers =
          admin.describeCluster().nodes().get().stream().map(n -> n.id()).toList();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (Map<String, LogDirDescription> dirs :
          admin.describeLogDirs(brokers).allDescriptions().get().values()) {
        for (LogDirDescription d : dirs.values()) {
          d.replicaInfos()
              .forEach(
                  (tp, info) -> {
                    out.computeIfAbsent(tp.topic(), t -> new long[2])[1] += info.size();
                    latest.put(tp, OffsetSpec.latest());
                  });
        }
      }
      admin
          .listOffsets(latest)
          .all()
          .get()
          .forEach((tp, o) -> out.get(tp.topic())[0] += o.offset());
      return new TopicTraffic(out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Lines "topic: records, bytes (per input record)" for what changed since {@code before}. */
  String since(TopicTraffic before, String appId, long inputRecords) {
    Map<String, long[]> grouped = new TreeMap<>();
    byTopic.forEach(
        (topic, now) -> {
          long[] then = before.byTopic.getOrDefault(topic, new long[2]);
          long records = now[0] - then[0];
          long bytes = now[1] - then[1];
          if (records > 0 && !topic.startsWith("__")) {
            String name =
                topic.startsWith(appId) ? "<app>" + topic.substring(appId.length()) : topic;
            long[] sum = grouped.computeIfAbsent(name, n -> new long[2]);
            sum[0] += records;
            sum[1] += bytes;
          }
        });
    StringBuilder s = new StringBuilder();
    long[] total = new long[2];
    grouped.forEach(
        (name, v) -> {
          total[0] += v[0];
          total[1] += v[1];
          s.append(
              String.format(
                  Locale.ROOT,
                  "    %-48s %9d records %12d bytes (%.2f records, %.0f bytes per input record)%n",
                  name,
                  v[0],
                  v[1],
                  (double) v[0] / inputRecords,
                  (double) v[1] / inputRecords));
        });
    s.append(
        String.format(
            Locale.ROOT,
            "    %-48s %9d records %12d bytes (%.2f records, %.0f bytes per input record)%n",
            "written in all",
            total[0],
            total[1],
            (double) total[0] / inputRecords,
            (double) total[1] / inputRecords));
    return s.toString();
  }
}
