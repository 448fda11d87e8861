package io.dualrun.alerting.kafka;

import io.dualrun.alerting.model.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A durable map kept in a compacted topic as JSON, shared by every instance that tails it: the map
 * is the topic read up to some point. Once {@link #tail} has started, a write is visible here only
 * when it has been acknowledged by the broker and read back, so every instance sees the writes of
 * all in the topic's order. Without {@link #tail} (unit tests) writes are kept in memory once
 * acknowledged.
 */
public final class KeyedLog<V> implements AutoCloseable {
  /** How long a write may wait for the broker, and then to be read back. */
  static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

  private final String topic;
  private final Class<V> type;
  private final Producer<String, byte[]> producer;
  private final Map<String, V> values = new ConcurrentHashMap<>();
  private TopicReader reader;

  public KeyedLog(String topic, Class<V> type, Producer<String, byte[]> producer) {
    this.topic = topic;
    this.type = type;
    this.producer = producer;
  }

  /**
   * Reads the topic from the beginning and goes on reading it on its own thread; returns once what
   * the topic held at the call is read. A record whose value cannot be read goes to {@code
   * unreadable} with the reason, and is not applied.
   *
   * @throws IllegalStateException when the topic cannot be read within {@code timeout}
   */
  public KeyedLog<V> tail(
      Map<String, Object> clientProperties,
      BiConsumer<ConsumerRecord<byte[], byte[]>, RuntimeException> unreadable,
      Duration timeout) {
    reader = TopicReader.tail(clientProperties, topic, r -> apply(r, unreadable));
    try {
      if (!reader.awaitCaughtUp(timeout)) {
        throw new IllegalStateException(topic + " could not be read within " + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + topic, e);
    }
    return this;
  }

  private void apply(
      ConsumerRecord<byte[], byte[]> r,
      BiConsumer<ConsumerRecord<byte[], byte[]>, RuntimeException> unreadable) {
    if (r.key() == null) {
      unreadable.accept(r, new IllegalArgumentException("a record without key"));
      return;
    }
    String key = new String(r.key(), StandardCharsets.UTF_8);
    if (r.value() == null) {
      values.remove(key);
      return;
    }
    V value;
    try {
      value = Json.read(r.value(), type);
    } catch (RuntimeException e) {
      unreadable.accept(r, e);
      return;
    }
    values.put(key, value);
  }

  /**
   * Waits until every write acknowledged before this call, by any instance, is visible here.
   *
   * @throws IllegalStateException when that takes longer than {@code timeout}
   */
  public void sync(Duration timeout) {
    if (reader != null) {
      reader.sync(timeout);
    }
  }

  public V get(String key) {
    return values.get(key);
  }

  public Map<String, V> all() {
    return Map.copyOf(values);
  }

  /** Writes {@code value} under {@code key}; returns once it is visible here. */
  public void put(String key, V value) {
    RecordMetadata written;
    try {
      written =
          producer
              .send(new ProducerRecord<>(topic, key, Json.bytes(value)))
              .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot write " + key + " to " + topic + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted writing to " + topic, e);
    }
    if (reader == null) {
      values.put(key, value);
    } else {
      reader.awaitFed(written.partition(), written.offset(), WRITE_TIMEOUT);
    }
  }

  @Override
  public void close() {
    if (reader != null) {
      reader.close();
    }
  }
}
