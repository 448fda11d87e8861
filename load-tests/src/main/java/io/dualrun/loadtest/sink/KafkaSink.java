package io.dualrun.loadtest.sink;

import io.dualrun.loadtest.gen.Timed;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.topic.TopicCatalog;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes records straight to the input topics with the catalog's serdes (idempotent, acks=all). */
public final class KafkaSink implements LoadSink {
  private final KafkaProducer<String, byte[]> producer;
  private final Serializer<RunEvent> events;
  private final Serializer<OutputFingerprint> fingerprints;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private long sent;

  public KafkaSink(Map<String, Object> kafka, TopicCatalog catalog) {
    Map<String, Object> props = new HashMap<>(kafka);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    this.events = catalog.runEvents().valueSerde().serializer();
    this.fingerprints = catalog.fingerprints().valueSerde().serializer();
  }

  @Override
  public void send(Timed r) {
    String topic = r.isEvent() ? TopicCatalog.RUN_EVENTS : TopicCatalog.FINGERPRINTS;
    byte[] value =
        r.isEvent()
            ? events.serialize(topic, r.event())
            : fingerprints.serialize(topic, r.fingerprint());
    producer.send(
        new ProducerRecord<>(topic, r.key(), value),
        (meta, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
    sent++;
    check();
  }

  @Override
  public void flush() {
    producer.flush();
    check();
  }

  private void check() {
    Exception e = failure.get();
    if (e != null) {
      throw new IllegalStateException("Kafka refused a generated record: " + e.getMessage(), e);
    }
  }

  public long sent() {
    return sent;
  }

  @Override
  public void close() {
    try {
      flush();
    } finally {
      producer.close();
    }
  }
}
