package io.dualrun.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.platform.ChildJvm;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.topic.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.types.Row;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dualrun sql} after a verdict writer was killed with -9 in the middle of a transaction
 * whose records were already on the broker: it counts every (pair, revision) once, and none of the
 * records of the dead transaction.
 */
class SqlAfterKillIT {
  private static final int PAIRS = 40;
  private static final int REVISED = 20;

  @Test
  void rowsEqualDistinctPairRevisionsAfterAKillMidTransaction(@TempDir Path dir) throws Exception {
    try (LocalPlatform platform = LocalPlatform.startEphemeral()) {
      Path log = dir.resolve("writer.log");
      Process writer =
          ChildJvm.start(
              KilledWriter.class,
              List.of(platform.bootstrapServers(), platform.registryUrl(), "" + PAIRS),
              "256m",
              log);
      awaitOpenTransaction(writer, log);
      writer.destroyForcibly();
      assertThat(writer.waitFor(30, TimeUnit.SECONDS)).as("writer killed").isTrue();

      writeRevisions(platform);
      awaitNoOpenTransaction(platform);

      long written = records(platform, "read_uncommitted");
      long committed = records(platform, "read_committed");
      assertThat(written)
          .as("records on the topic, the killed transaction's included")
          .isEqualTo(PAIRS + 2L * PAIRS + REVISED);
      assertThat(committed).as("committed records").isEqualTo(PAIRS + REVISED);

      try (SqlRunner sql =
          SqlRunner.start(
              SqlSettings.defaults()
                  .withKafka(platform.bootstrapServers(), platform.registryUrl()))) {
        QueryResult result =
            sql.query(
                    "SELECT COUNT(*) AS n_rows, COUNT(DISTINCT CONCAT(pair_key, '#',"
                        + " CAST(revision AS STRING))) AS n_distinct FROM verdicts"
                        + " WHERE workflow = 'killed-wf'")
                .get(0);
        Row row = result.rows().get(0);
        assertThat(((Number) row.getField(0)).longValue())
            .as("rows")
            .isEqualTo(((Number) row.getField(1)).longValue())
            .isEqualTo(PAIRS + REVISED);
      }
    }
  }

  /** What the reconciler that took over writes: revision 2 of the first pairs, committed. */
  private static void writeRevisions(LocalPlatform platform) {
    Topic<String, Verdict> topic = platform.catalog().verdicts();
    Map<String, Object> config = new HashMap<>(platform.kafkaConfig());
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "writer-after-the-kill");
    try (KafkaProducer<String, Verdict> producer =
        new KafkaProducer<>(
            config, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < REVISED; i++) {
        KilledWriter.send(producer, topic, i, 2);
      }
      producer.commitTransaction();
    }
  }

  private static void awaitOpenTransaction(Process writer, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!Files.exists(log) || !Files.readString(log).contains(KilledWriter.OPEN)) {
      assertThat(writer.isAlive()).as("writer alive; its log: " + read(log)).isTrue();
      assertThat(System.nanoTime())
          .as("writer opened its transaction within 90 s")
          .isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  /** The coordinator aborted the dead transaction: the last stable offset is the end again. */
  private static void awaitNoOpenTransaction(LocalPlatform platform) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!endOffsets(platform, "read_committed")
        .equals(endOffsets(platform, "read_uncommitted"))) {
      assertThat(System.nanoTime())
          .as(
              "the killed transaction aborted within 60 s (timeout %d ms)",
              KilledWriter.TRANSACTION_TIMEOUT_MS)
          .isLessThan(deadline);
      Thread.sleep(500);
    }
  }

  private static Map<TopicPartition, Long> endOffsets(LocalPlatform platform, String isolation) {
    try (KafkaConsumer<byte[], byte[]> c = consumer(platform, isolation)) {
      return c.endOffsets(partitions(platform, c));
    }
  }

  private static long records(LocalPlatform platform, String isolation) {
    try (KafkaConsumer<byte[], byte[]> c = consumer(platform, isolation)) {
      List<TopicPartition> partitions = partitions(platform, c);
      c.assign(partitions);
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = c.endOffsets(partitions);
      long count = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> c.position(p) < end.get(p))) {
        assertThat(System.nanoTime()).as("read to the end within 30 s").isLessThan(deadline);
        count += c.poll(Duration.ofMillis(200)).count();
      }
      return count;
    }
  }

  private static List<TopicPartition> partitions(
      LocalPlatform platform, KafkaConsumer<byte[], byte[]> c) {
    String topic = platform.catalog().verdicts().name();
    List<TopicPartition> out = new ArrayList<>();
    c.partitionsFor(topic).forEach(p -> out.add(new TopicPartition(topic, p.partition())));
    return out;
  }

  private static KafkaConsumer<byte[], byte[]> consumer(LocalPlatform platform, String isolation) {
    Map<String, Object> props = new HashMap<>(platform.kafkaConfig());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "(none)";
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
