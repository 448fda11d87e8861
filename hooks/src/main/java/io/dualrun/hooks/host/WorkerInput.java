package io.dualrun.hooks.host;

import io.dualrun.registry.RegistryException;
import io.dualrun.schemas.topic.DlqHeaders;
import io.dualrun.schemas.topic.TopicCatalog;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * How a worker reads its input topic in its consumer group: it says when the group gave it
 * partitions, and a record it cannot decode goes to {@code dualrun.dlq.v1} with the reason in
 * headers (then its offset is committed past it), while a registry that cannot answer now is waited
 * for: the same record is read again.
 */
public final class WorkerInput<K, V> implements AutoCloseable {
  private static final Duration REGISTRY_WAIT = Duration.ofSeconds(1);

  private final KafkaConsumer<K, V> consumer;
  private final String component;
  private final KafkaProducer<byte[], byte[]> dlq;
  private final CountDownLatch assigned = new CountDownLatch(1);
  private long deadLetters;

  public WorkerInput(
      KafkaConsumer<K, V> consumer, String topic, Map<String, Object> kafka, String component) {
    this(consumer, topic, kafka, component, null);
  }

  /**
   * @param startAt where a partition the group has no offset for yet is read from: its first record
   *     at or after this time (its end when none is); null: as the consumer's {@code
   *     auto.offset.reset} says
   */
  public WorkerInput(
      KafkaConsumer<K, V> consumer,
      String topic,
      Map<String, Object> kafka,
      String component,
      java.time.Instant startAt) {
    this.consumer = consumer;
    this.component = component;
    Map<String, Object> p = new HashMap<>(kafka);
    p.put("acks", "all");
    dlq = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    consumer.subscribe(
        List.of(topic),
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (startAt != null && !partitions.isEmpty()) {
              startAt(partitions, startAt);
            }
            assigned.countDown();
          }
        });
  }

  /**
   * Seeks each of {@code partitions} the group has no offset for to its first record at {@code at}.
   */
  private void startAt(Collection<TopicPartition> partitions, java.time.Instant at) {
    Map<TopicPartition, OffsetAndMetadata> committed =
        consumer.committed(new java.util.HashSet<>(partitions));
    Map<TopicPartition, Long> fresh = new HashMap<>();
    for (TopicPartition tp : partitions) {
      if (committed.get(tp) == null) {
        fresh.put(tp, at.toEpochMilli());
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    var found = consumer.offsetsForTimes(fresh);
    for (TopicPartition tp : fresh.keySet()) {
      var offset = found.get(tp);
      if (offset == null) {
        consumer.seekToEnd(List.of(tp));
      } else {
        consumer.seek(tp, offset.offset());
      }
    }
  }

  /** The next records; none when the one at hand was dead-lettered or the registry is awaited. */
  public ConsumerRecords<K, V> poll(Duration timeout) throws InterruptedException {
    try {
      return consumer.poll(timeout);
    } catch (RecordDeserializationException e) {
      if (registryUnavailable(e)) {
        Thread.sleep(REGISTRY_WAIT.toMillis());
        consumer.seek(e.topicPartition(), e.offset());
      } else {
        deadLetter(e);
        consumer.seek(e.topicPartition(), e.offset() + 1);
        consumer.commitSync(Map.of(e.topicPartition(), new OffsetAndMetadata(e.offset() + 1)));
      }
      return ConsumerRecords.empty();
    }
  }

  private static boolean registryUnavailable(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof RegistryException r && r.isTransient()) {
        return true;
      }
    }
    return false;
  }

  private void deadLetter(RecordDeserializationException e) {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(TopicCatalog.DLQ, bytes(e.keyBuffer()), bytes(e.valueBuffer()));
    String reason = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
    DlqHeaders.put(record.headers(), DlqHeaders.REASON, String.valueOf(reason));
    DlqHeaders.put(
        record.headers(),
        DlqHeaders.ERROR_CLASS,
        (e.getCause() == null ? e : e.getCause()).getClass().getName());
    DlqHeaders.put(record.headers(), DlqHeaders.SOURCE, e.topicPartition().topic());
    DlqHeaders.put(
        record.headers(),
        DlqHeaders.SOURCE_PARTITION,
        Integer.toString(e.topicPartition().partition()));
    DlqHeaders.put(record.headers(), DlqHeaders.SOURCE_OFFSET, Long.toString(e.offset()));
    DlqHeaders.put(record.headers(), DlqHeaders.COMPONENT, component);
    try {
      dlq.send(record).get(30, TimeUnit.SECONDS);
      deadLetters++;
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while dead-lettering", ie);
    } catch (ExecutionException | java.util.concurrent.TimeoutException te) {
      // not skipped: read again after a restart
      throw new IllegalStateException("cannot write to " + TopicCatalog.DLQ, te);
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  /** Waits until the group gave this reader partitions. */
  public boolean awaitAssigned(Duration timeout) throws InterruptedException {
    return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Records sent to the DLQ so far. */
  public long deadLetters() {
    return deadLetters;
  }

  /** Commits what was polled. */
  public void commit() {
    consumer.commitSync();
  }

  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
    dlq.close(Duration.ofSeconds(5));
  }
}
