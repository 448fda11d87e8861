package io.dualrun.sql;

import io.dualrun.registry.RegistrySettings;
import io.dualrun.registry.SchemaRegistry;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.topic.Topic;
import io.dualrun.schemas.topic.TopicCatalog;
import io.dualrun.schemas.topic.TopicSettings;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes verdicts the way the reconciler does, in its own JVM so that it can be killed with -9:
 * {@code pairs} verdicts (revision 1) in a committed transaction, then a second transaction with
 * revision 2 of every pair and a copy of every revision 1, flushed to the broker but never
 * committed; it prints {@link #OPEN} and waits to be killed. Transaction timeout 5 s: the
 * coordinator then aborts what it left open, as for a dead reconciler.
 *
 * <p>{@code KilledWriter <bootstrap-servers> <registry-url> <pairs>}
 */
public final class KilledWriter {
  static final String OPEN = "TRANSACTION OPEN";
  static final int TRANSACTION_TIMEOUT_MS = 5_000;

  private KilledWriter() {}

  public static void main(String[] args) throws InterruptedException {
    TopicCatalog catalog =
        TopicCatalog.create(
            SchemaRegistry.connect(RegistrySettings.of(args[1])), TopicSettings.SINGLE_NODE, true);
    int pairs = Integer.parseInt(args[2]);
    Topic<String, Verdict> topic = catalog.verdicts();
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    config.put(
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "killed-writer-" + ProcessHandle.current().pid());
    config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS);
    KafkaProducer<String, Verdict> producer =
        new KafkaProducer<>(config, topic.keySerde().serializer(), topic.valueSerde().serializer());
    producer.initTransactions();
    producer.beginTransaction();
    for (int i = 0; i < pairs; i++) {
      send(producer, topic, i, 1);
    }
    producer.commitTransaction();
    producer.beginTransaction();
    for (int i = 0; i < pairs; i++) {
      send(producer, topic, i, 2);
      send(producer, topic, i, 1);
    }
    producer.flush();
    System.out.println(OPEN);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  static void send(
      KafkaProducer<String, Verdict> producer, Topic<String, Verdict> topic, int pair, int rev) {
    Verdict v = SampleRecords.revision("killed-wf", "p-" + pair, rev);
    producer.send(
        new ProducerRecord<>(
            topic.name(), SampleRecords.key(v.getWorkflow(), v.getPartition()), v));
  }
}
