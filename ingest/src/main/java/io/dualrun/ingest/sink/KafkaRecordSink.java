package io.dualrun.ingest.sink;

import io.dualrun.schemas.topic.DlqHeaders;
import io.dualrun.schemas.topic.Topic;
import io.dualrun.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes through one idempotent producer with {@code acks=all}, serialising values with the
 * catalog's registry serdes. Every send of a request is waited for, bounded by the write timeout
 * ({@code delivery.timeout.ms} and {@code max.block.ms} are set from it).
 */
public final class KafkaRecordSink implements RecordSink, AutoCloseable {
  private static final String COMPONENT = "ingest";
  private final Producer<byte[], byte[]> producer;
  private final TopicCatalog catalog;
  private final Duration timeout;

  public KafkaRecordSink(
      Producer<byte[], byte[]> producer, TopicCatalog catalog, Duration timeout) {
    this.producer = producer;
    this.catalog = catalog;
    this.timeout = timeout;
  }

  /**
   * The producer settings: idempotent, acks=all, bounded by {@code timeout}. Batching and
   * compression ({@code linger.ms} 1, {@code compression.type} lz4, Kafka's {@code batch.size}) are
   * defaults that {@code base} (the service's {@code kafka.properties}) may override; durability
   * and timeouts are not.
   */
  public static Map<String, Object> producerConfig(Map<String, Object> base, Duration timeout) {
    Map<String, Object> props = new HashMap<>(base);
    long ms = timeout.toMillis();
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
    props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "dualrun-ingest");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ms);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(500, (ms - 5) / 2));
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(500, ms / 2));
    return props;
  }

  public static KafkaRecordSink create(
      Map<String, Object> clientProperties, TopicCatalog catalog, Duration timeout) {
    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            producerConfig(clientProperties, timeout),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    return new KafkaRecordSink(producer, catalog, timeout);
  }

  @Override
  public void writeAll(List<Outgoing> records) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
    try {
      for (Outgoing record : records) {
        sent.add(producer.send(toRecord(record)));
      }
      // the request is complete: send its records now instead of lingering for more
      producer.flush();
      for (Future<RecordMetadata> future : sent) {
        long left = Math.max(1, deadline - System.nanoTime());
        future.get(left, TimeUnit.NANOSECONDS);
      }
    } catch (TimeoutException e) {
      throw unavailable("Kafka did not acknowledge the write within " + timeout, e);
    } catch (ExecutionException e) {
      throw classify(e.getCause());
    } catch (org.apache.kafka.common.errors.InterruptException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while waiting for Kafka", e);
    } catch (KafkaException e) {
      throw classify(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while waiting for Kafka", e);
    }
  }

  private ProducerRecord<byte[], byte[]> toRecord(Outgoing record) {
    if (record instanceof Outgoing.Event e) {
      return avro(catalog.runEvents(), e.key(), e.event());
    }
    if (record instanceof Outgoing.Fingerprint f) {
      return avro(catalog.fingerprints(), f.key(), f.fingerprint());
    }
    return deadLetter((Outgoing.DeadLetter) record);
  }

  private static <V> ProducerRecord<byte[], byte[]> avro(
      Topic<String, V> topic, String key, V value) {
    byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
    byte[] valueBytes;
    try {
      valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    } catch (SerializationException e) {
      throw unavailable("the schema registry could not be reached: " + e.getMessage(), e);
    }
    return new ProducerRecord<>(topic.name(), keyBytes, valueBytes);
  }

  private ProducerRecord<byte[], byte[]> deadLetter(Outgoing.DeadLetter d) {
    ProducerRecord<byte[], byte[]> r =
        new ProducerRecord<>(catalog.dlq().name(), d.key(), d.body());
    DlqHeaders.put(r.headers(), DlqHeaders.REASON, d.reason());
    DlqHeaders.put(r.headers(), DlqHeaders.SOURCE, d.source());
    DlqHeaders.put(r.headers(), DlqHeaders.COMPONENT, COMPONENT);
    return r;
  }

  private static RuntimeException classify(Throwable cause) {
    if (cause instanceof SinkUnavailableException u) {
      return u;
    }
    if (cause instanceof RecordTooLargeException) {
      return new SinkRejectedException(
          "a record is larger than Kafka accepts: " + cause.getMessage(), true, cause);
    }
    if (cause instanceof RetriableException
        || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
      return unavailable("Kafka could not take the write: " + cause.getMessage(), cause);
    }
    return new SinkRejectedException(
        "Kafka refused the write: " + cause.getClass().getSimpleName() + ": " + cause.getMessage(),
        false,
        cause);
  }

  private static SinkUnavailableException unavailable(String message, Throwable cause) {
    return new SinkUnavailableException(message, cause);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
