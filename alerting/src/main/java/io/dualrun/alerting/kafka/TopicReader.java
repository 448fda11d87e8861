package io.dualrun.alerting.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * end ({@link #readToEnd}), or continuously on its own thread ({@link #tail}), telling how far it
 * has fed ({@link #awaitFed}, {@link #sync}).
 */
public final class TopicReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final CountDownLatch caughtUp = new CountDownLatch(1);

  /** Per partition, the offset of the next record to feed: every record before it has been fed. */
  private final Map<Integer, Long> fed = new ConcurrentHashMap<>();

  private final Queue<CompletableFuture<Map<Integer, Long>>> endRequests =
      new ConcurrentLinkedQueue<>();
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
        answerEndRequests();
        consumer.poll(POLL).forEach(sink);
        recordProgress();
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
      running = false;
      endRequests.forEach(f -> f.completeExceptionally(new IllegalStateException("stopped")));
      synchronized (fed) {
        fed.notifyAll();
      }
      consumer.close();
    }
  }

  private void answerEndRequests() {
    CompletableFuture<Map<Integer, Long>> request = endRequests.poll();
    if (request == null) {
      return;
    }
    Map<Integer, Long> ends = new HashMap<>();
    consumer.endOffsets(consumer.assignment()).forEach((tp, o) -> ends.put(tp.partition(), o));
    for (; request != null; request = endRequests.poll()) {
      request.complete(ends);
    }
  }

  private void recordProgress() {
    for (TopicPartition tp : consumer.assignment()) {
      fed.put(tp.partition(), consumer.position(tp));
    }
    synchronized (fed) {
      fed.notifyAll();
    }
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  /** Waits until the records present when tailing began have all been fed. */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Waits until the record at {@code offset} of {@code partition} has been fed (e.g. one just
   * written and acknowledged).
   *
   * @throws IllegalStateException when it is not fed within {@code timeout}
   */
  public void awaitFed(int partition, long offset, Duration timeout) {
    awaitFed(Map.of(partition, offset + 1), System.nanoTime() + timeout.toNanos());
  }

  /**
   * Waits until every record committed to the topic before this call has been fed.
   *
   * @throws IllegalStateException when that does not happen within {@code timeout}
   */
  public void sync(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    CompletableFuture<Map<Integer, Long>> request = new CompletableFuture<>();
    endRequests.add(request);
    Map<Integer, Long> ends;
    try {
      ends = request.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot learn the end of " + topic + " within " + timeout + ": " + e, e);
    }
    awaitFed(ends, deadline);
  }

  private void awaitFed(Map<Integer, Long> targets, long deadline) {
    synchronized (fed) {
      while (!fedUpTo(targets)) {
        long wait = deadline - System.nanoTime();
        if (wait <= 0 || !running) {
          throw new IllegalStateException(
              "reading " + topic + " did not reach " + targets + " in time (at " + fed + ")");
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(fed, wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while reading " + topic, e);
        }
      }
    }
  }

  private boolean fedUpTo(Map<Integer, Long> targets) {
    return targets.entrySet().stream()
        .allMatch(t -> fed.getOrDefault(t.getKey(), -1L) >= t.getValue());
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
