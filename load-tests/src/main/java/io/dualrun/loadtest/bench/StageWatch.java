package io.dualrun.loadtest.bench;

import io.dualrun.loadtest.run.LocalPipeline;
import io.dualrun.schemas.avro.Outcome;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * When each sample's MISMATCH verdict became readable (committed) on dualrun.verdicts.v1 and when
 * its alert was decided on alerting's alerts topic, as {@link System#nanoTime()} of the first time
 * a read_committed consumer of this process saw it, by workflow.
 */
final class StageWatch implements AutoCloseable {
  private final Map<String, Long> verdicts = new ConcurrentHashMap<>();
  private final Map<String, Long> alerts = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> threads = new ArrayList<>();

  static StageWatch start(LocalPipeline pipeline) {
    StageWatch w = new StageWatch();
    var catalog = pipeline.platform().catalog();
    Map<String, Object> config = pipeline.platform().kafkaConfig();
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    var verdictValues = catalog.verdicts().valueSerde().deserializer();
    w.watch(
        config,
        TopicCatalog.VERDICTS,
        (key, value) -> {
          Verdict v = verdictValues.deserialize(TopicCatalog.VERDICTS, value);
          if (v.getOutcome() == Outcome.MISMATCH) {
            w.verdicts.putIfAbsent(v.getWorkflow(), System.nanoTime());
          }
        });
    w.watch(
        config,
        pipeline.alertsTopic(),
        (key, value) -> {
          if (key != null && key.endsWith("/CONTENT")) {
            w.alerts.putIfAbsent(
                key.substring(0, key.length() - "/CONTENT".length()), System.nanoTime());
          }
        });
    return w;
  }

  private interface Sink {
    void accept(String key, byte[] value);
  }

  private void watch(Map<String, Object> config, String topic, Sink sink) {
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
      partitions.add(new TopicPartition(topic, p.partition()));
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    Thread t =
        new Thread(
            () -> {
              try (consumer) {
                while (running.get()) {
                  consumer
                      .poll(Duration.ofMillis(50))
                      .forEach(r -> sink.accept(r.key(), r.value()));
                }
              }
            },
            "stage-watch-" + topic);
    t.setDaemon(true);
    t.start();
    threads.add(t);
  }

  Map<String, Long> verdicts() {
    return verdicts;
  }

  Map<String, Long> alerts() {
    return alerts;
  }

  @Override
  public void close() {
    running.set(false);
    for (Thread t : threads) {
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
