package io.dualrun.cli.demo;

import io.dualrun.schemas.PairKey;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.topic.Topic;
import io.dualrun.schemas.topic.TopicCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Writes recorded records to their topics, in order, and waits until Kafka acknowledged all. */
public final class DemoLoader {
  private DemoLoader() {}

  /** Returns the number of records written. */
  public static int load(
      Map<String, Object> kafka, TopicCatalog catalog, List<SpecificRecord> records)
      throws InterruptedException, ExecutionException {
    Map<String, Object> props = new java.util.HashMap<>(kafka);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    Topic<String, RunEvent> events = catalog.runEvents();
    Topic<String, OutputFingerprint> fingerprints = catalog.fingerprints();
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            props,
            new org.apache.kafka.common.serialization.ByteArraySerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      for (SpecificRecord r : records) {
        if (r instanceof RunEvent e) {
          sent.add(
              producer.send(record(events, PairKey.key(e.getWorkflow(), e.getPartition()), e)));
        } else if (r instanceof OutputFingerprint f) {
          sent.add(
              producer.send(
                  record(fingerprints, PairKey.key(f.getWorkflow(), f.getPartition()), f)));
        } else {
          throw new IllegalArgumentException("not a demo input record: " + r.getClass());
        }
      }
      producer.flush();
    }
    for (Future<RecordMetadata> f : sent) {
      f.get();
    }
    return sent.size();
  }

  /** Records {@code waiver} on the waivers topic, acknowledged by Kafka. */
  public static void waive(
      Map<String, Object> kafka, TopicCatalog catalog, io.dualrun.schemas.avro.Waiver waiver)
      throws InterruptedException, ExecutionException {
    Map<String, Object> props = new java.util.HashMap<>(kafka);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            props,
            new org.apache.kafka.common.serialization.ByteArraySerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      producer.send(record(catalog.waivers(), waiver.getId(), waiver)).get();
    }
  }

  /**
   * The Kafka timestamp is left to the producer (now): the reconciler reads event time from the
   * records themselves, and the broker refuses timestamps far from its clock.
   */
  private static <V> ProducerRecord<byte[], byte[]> record(
      Topic<String, V> topic, String key, V value) {
    byte[] k = topic.keySerde().serializer().serialize(topic.name(), key);
    byte[] v = topic.valueSerde().serializer().serialize(topic.name(), value);
    return new ProducerRecord<>(topic.name(), k, v);
  }
}
