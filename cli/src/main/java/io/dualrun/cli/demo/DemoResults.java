package io.dualrun.cli.demo;

import io.dualrun.schemas.avro.FreshnessBreach;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.topic.Topic;
import io.dualrun.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Reads what the reconciler wrote (read_committed) until every expected pair has a verdict and
 * nothing new arrived for a quiet period.
 */
public final class DemoResults {
  /** Latest verdict revision per pair key. */
  public final Map<String, Verdict> latest = new LinkedHashMap<>();

  /** Every verdict revision, in topic order. */
  public final List<Verdict> revisions = new ArrayList<>();

  /** Every breach record (OPEN and CLOSED), in topic order. */
  public final List<FreshnessBreach> breaches = new ArrayList<>();

  private DemoResults() {}

  public static DemoResults collect(
      Map<String, Object> kafka,
      TopicCatalog catalog,
      Set<String> expectedPairs,
      Duration quiet,
      Duration timeout,
      Runnable progress) {
    DemoResults results = new DemoResults();
    Map<String, Object> props = new HashMap<>(kafka);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "dualrun-demo-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Topic<String, Verdict> verdicts = catalog.verdicts();
    Topic<String, FreshnessBreach> freshness = catalog.freshness();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            props,
            new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      consumer.subscribe(List.of(verdicts.name(), freshness.name()));
      long deadline = System.nanoTime() + timeout.toNanos();
      long lastNews = System.nanoTime();
      while (System.nanoTime() < deadline) {
        int news = 0;
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(250))) {
          news++;
          if (r.topic().equals(verdicts.name())) {
            Verdict v = verdicts.valueSerde().deserializer().deserialize(r.topic(), r.value());
            results.revisions.add(v);
            results.latest.put(v.getWorkflow() + "/" + v.getPartition(), v);
          } else {
            results.breaches.add(
                freshness.valueSerde().deserializer().deserialize(r.topic(), r.value()));
          }
        }
        if (news > 0) {
          lastNews = System.nanoTime();
          progress.run();
        }
        boolean complete = results.latest.keySet().containsAll(expectedPairs);
        if (complete && System.nanoTime() - lastNews > quiet.toNanos()) {
          return results;
        }
      }
    }
    Set<String> missing = new java.util.TreeSet<>(expectedPairs);
    missing.removeAll(results.latest.keySet());
    throw new IllegalStateException(
        "no verdict within "
            + timeout.toSeconds()
            + "s for "
            + missing.size()
            + " pairs, e.g. "
            + missing.stream().limit(5).toList());
  }
}
