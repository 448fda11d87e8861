package io.dualrun.alerting.kafka;

import io.dualrun.alerting.model.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A durable map kept in a compacted topic as JSON: loaded whole at start, every write acknowledged
 * by the broker before it is visible here.
 */
public final class KeyedLog<V> {
  private final String topic;
  private final Class<V> type;
  private final Producer<String, byte[]> producer;
  private final Map<String, V> values = new ConcurrentHashMap<>();

  public KeyedLog(String topic, Class<V> type, Producer<String, byte[]> producer) {
    this.topic = topic;
    this.type = type;
    this.producer = producer;
  }

  public KeyedLog<V> load(Map<String, Object> clientProperties) {
    TopicReader.readToEnd(
        clientProperties,
        topic,
        r -> {
          String key = new String(r.key(), StandardCharsets.UTF_8);
          if (r.value() == null) {
            values.remove(key);
          } else {
            values.put(key, Json.read(r.value(), type));
          }
        });
    return this;
  }

  public V get(String key) {
    return values.get(key);
  }

  public Map<String, V> all() {
    return Map.copyOf(values);
  }

  /** Writes {@code value} under {@code key} and waits for the broker's acknowledgement. */
  public void put(String key, V value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, Json.bytes(value))).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot write " + key + " to " + topic + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted writing to " + topic, e);
    }
    values.put(key, value);
  }
}
