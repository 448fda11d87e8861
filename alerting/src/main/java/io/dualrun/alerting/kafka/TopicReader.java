package io.dualrun.alerting.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a whole topic from the beginning (committed records only, no consumer group): once to its
 * end ({@link #readToEnd}), or continuously on its own thread ({@link #tail}).
 */
public final class TopicReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private volatile boolean running = true;
  private Thread thread;

  private TopicReader(Map<String, Object> clientProperties, String topic) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topic = topic;
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Feeds every committed record of {@code topic} to {@code sink}, then returns. */
  public static void readToEnd(
      Map<String, Object> clientProperties,
      String topic,
      Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    try (TopicReader reader = new TopicReader(clientProperties, topic)) {
      Map<TopicPartition, Long> end = reader.consumer.endOffsets(reader.consumer.assignment());
      while (!reader.reached(end)) {
        reader.consumer.poll(POLL).forEach(sink);
      }
    }
  }

  /** Starts a thread feeding every record of {@code topic}, from the beginning, to {@code sink}. */
  public static TopicReader tail(
      Map<String, Object> clientProperties,
      String topic,
      Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    TopicReader reader = new TopicReader(clientProperties, topic);
    reader.thread = new Thread(() -> reader.loop(sink), "tail-" + topic);
    reader.thread.setDaemon(true);
    reader.thread.start();
    return reader;
  }

  private void loop(Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    try {
      Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
      while (running) {
        consumer.poll(POLL).forEach(sink);
        if (caughtUp.getCount() > 0 && reached(end)) {
          caughtUp.countDown();
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } catch (RuntimeException e) {
      LOG.error("reading {} stopped: {}", topic, e.toString(), e);
      throw e;
    } finally {
      consumer.close();
    }
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  /** Waits until the records present when tailing began have all been fed. */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    running = false;
    if (thread == null) {
      consumer.close();
      return;
    }
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
