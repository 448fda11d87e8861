package io.dualrun.reconciler.rest;

import io.dualrun.schemas.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Records written to their compacted topic (idempotent, acknowledged by every in-sync replica) and
 * read from this instance's global store, which every instance fills from that topic.
 *
 * @param <V> the record
 */
public final class KafkaDesk<V> implements Desk<V>, AutoCloseable {
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

  private final Topic<String, V> topic;
  private final Producer<String, V> producer;
  private final KafkaStreams streams;
  private final String store;
  private final Function<V, String> key;

  /**
   * @param store the global store filled from {@code topic}
   * @param key the record's key on the topic
   */
  public KafkaDesk(
      Topic<String, V> topic,
      Map<String, Object> kafka,
      KafkaStreams streams,
      String store,
      Function<V, String> key) {
    this.topic = topic;
    Map<String, Object> props = new HashMap<>(kafka);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    this.producer =
        new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer());
    this.streams = streams;
    this.store = store;
    this.key = key;
  }

  private ReadOnlyKeyValueStore<String, ValueAndTimestamp<V>> store() {
    return streams.store(
        StoreQueryParameters.fromNameAndType(
            store, QueryableStoreTypes.<String, V>timestampedKeyValueStore()));
  }

  @Override
  public List<V> all() {
    List<V> out = new ArrayList<>();
    try (KeyValueIterator<String, ValueAndTimestamp<V>> all = store().all()) {
      all.forEachRemaining(
          kv -> {
            if (kv.value != null && kv.value.value() != null) {
              out.add(kv.value.value());
            }
          });
    }
    return out;
  }

  @Override
  public Optional<V> find(String k) {
    ValueAndTimestamp<V> v = store().get(k);
    return Optional.ofNullable(v == null ? null : v.value());
  }

  @Override
  public void record(V value, Duration wait) {
    String k = key.apply(value);
    send(k, value);
    await(() -> find(k).filter(value::equals).isPresent(), wait);
  }

  @Override
  public void remove(String k, Duration wait) {
    send(k, null);
    await(() -> find(k).isEmpty(), wait);
  }

  private void send(String k, V value) {
    try {
      producer
          .send(new ProducerRecord<>(topic.name(), k, value))
          .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing " + k, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new PairQueries.Unavailable("cannot write " + k + " to " + topic.name() + ": " + e);
    }
  }

  /** Waits for this instance's copy to show the change; it is durable either way. */
  private static void await(BooleanSupplier visible, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!visible.getAsBoolean() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
