package io.dualrun.hooks.diff;

import io.dualrun.schemas.avro.DrillAnswer;
import io.dualrun.schemas.avro.DrillKind;
import io.dualrun.schemas.avro.DrillRequest;
import io.dualrun.schemas.topic.TopicCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * A side answered by a side agent over Kafka ({@code dualrun agent --name NAME}): each question is
 * a {@link DrillRequest} keyed by the agent's name, its answer the {@link DrillAnswer} with the
 * same request id. What crossed is counted as the answers' serialized bytes.
 */
public final class KafkaSide implements DiffSide {
  private final String agent;
  private final String side;
  private final String drillId;
  private final String workflow;
  private final String partition;
  private final TopicCatalog catalog;
  private final Duration timeout;
  private final Clock clock;
  private final KafkaProducer<String, DrillRequest> producer;
  private final KafkaConsumer<String, DrillAnswer> consumer;
  private final List<String> columns;
  private final List<String> keyColumns;
  private long bytes;

  /**
   * Connects and asks the agent for its columns ({@code workflow} and {@code partition}: the pair
   * drilled into, null for none); fails naming the agent when it does not answer within {@code
   * timeout}.
   */
  public KafkaSide(
      String side,
      String agent,
      String drillId,
      String workflow,
      String partition,
      Map<String, Object> kafka,
      TopicCatalog catalog,
      Duration timeout,
      Clock clock) {
    this.side = side;
    this.agent = agent;
    this.drillId = drillId;
    this.workflow = workflow;
    this.partition = partition;
    this.catalog = catalog;
    this.timeout = timeout;
    this.clock = clock;
    Map<String, Object> p = new HashMap<>(kafka);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    producer =
        new KafkaProducer<>(
            p,
            catalog.drillRequests().keySerde().serializer(),
            catalog.drillRequests().valueSerde().serializer());
    Map<String, Object> c = new HashMap<>(kafka);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumer =
        new KafkaConsumer<>(
            c,
            catalog.drillAnswers().keySerde().deserializer(),
            catalog.drillAnswers().valueSerde().deserializer());
    try {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(catalog.drillAnswers().name(), timeout)) {
        partitions.add(new TopicPartition(info.topic(), info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(tp -> consumer.position(tp, timeout));
      DrillAnswer described = ask(DrillKind.COLUMNS, 0, 0, Set.of());
      columns = List.copyOf(described.getColumns());
      keyColumns = List.copyOf(described.getKeyColumns());
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public List<String> keyColumns() {
    return keyColumns;
  }

  @Override
  public Map<Long, BucketSum> sums(long modulus, long parentModulus, Set<Long> parents) {
    return AgentAnswers.sums(ask(DrillKind.SUMS, modulus, parentModulus, parents));
  }

  @Override
  public List<DiffRow> rows(long modulus, Set<Long> buckets) {
    return AgentAnswers.rows(ask(DrillKind.ROWS, modulus, 0, buckets));
  }

  @Override
  public long bytesSent() {
    return bytes;
  }

  private DrillAnswer ask(DrillKind kind, long modulus, long parentModulus, Set<Long> buckets) {
    String requestId = UUID.randomUUID().toString();
    DrillRequest request =
        DrillRequest.newBuilder()
            .setRequestId(requestId)
            .setDrillId(drillId)
            .setAgent(agent)
            .setWorkflow(workflow)
            .setPartition(partition)
            .setKind(kind)
            .setModulus(modulus)
            .setParentModulus(parentModulus)
            .setBuckets(new ArrayList<>(new TreeSet<>(buckets)))
            .setDeadline(clock.instant().plus(timeout))
            .build();
    try {
      producer
          .send(new ProducerRecord<>(catalog.drillRequests().name(), agent, request))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalArgumentException(
          "cannot send a request to the " + side + " agent '" + agent + "': " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<String, DrillAnswer> r : consumer.poll(Duration.ofMillis(200))) {
        DrillAnswer answer = r.value();
        if (answer == null || !requestId.equals(answer.getRequestId())) {
          continue;
        }
        bytes += Math.max(0, r.serializedValueSize());
        if (answer.getError() != null) {
          throw new IllegalArgumentException(
              "the " + side + " agent '" + agent + "': " + answer.getError());
        }
        return answer;
      }
    }
    throw new AgentTimeout(
        "the "
            + side
            + " agent '"
            + agent
            + "' did not answer within "
            + timeout.toSeconds()
            + " s (is dualrun agent --name "
            + agent
            + " running and reading "
            + catalog.drillRequests().name()
            + "?)");
  }

  /** No answer in time. */
  public static final class AgentTimeout extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    AgentTimeout(String message) {
      super(message);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    consumer.close(Duration.ofSeconds(5));
  }
}
