package io.dualrun.hooks.agent;

import io.dualrun.hooks.diff.AgentAnswers;
import io.dualrun.hooks.diff.DiffSide;
import io.dualrun.hooks.host.WorkerInput;
import io.dualrun.hooks.host.WorkerOutput;
import io.dualrun.hooks.host.WorkerService;
import io.dualrun.schemas.avro.DrillAnswer;
import io.dualrun.schemas.avro.DrillRequest;
import io.dualrun.schemas.topic.TopicCatalog;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;

/**
 * One side's agent: reads the drill-down requests addressed to its name from {@code
 * dualrun.drill-requests.v1} (consumer group {@code dualrun-agent-NAME}, so a restarted agent goes
 * on where it stopped and requests sent while it was down are answered if their deadline has not
 * passed), answers each from a {@link DiffSide} opened once per drill-down, and writes the answer
 * to {@code dualrun.drill-answers.v1}. Offsets are committed after the answers are written.
 */
public final class SideAgent implements WorkerService.Worker {
  /**
   * Opens the side for one drill-down, from its first request (the masking key depends on the
   * drill-down's id, the rows on the pair it names).
   */
  @FunctionalInterface
  public interface Opener {
    DiffSide open(DrillRequest first) throws Exception;
  }

  private static final int OPEN_SIDES = 4;

  private final String name;
  private final TopicCatalog catalog;
  private final Opener opener;
  private final Clock clock;
  private final PrintStream log;
  private final WorkerInput<String, DrillRequest> reader;
  private final KafkaProducer<String, DrillAnswer> producer;
  private final WorkerOutput<String, DrillAnswer> output;
  private final Map<String, DiffSide> sides = new LinkedHashMap<>();
  private volatile boolean stopped;
  private long answered;

  public SideAgent(
      String name,
      Map<String, Object> kafka,
      TopicCatalog catalog,
      Opener opener,
      Clock clock,
      PrintStream log) {
    this.name = name;
    this.catalog = catalog;
    this.opener = opener;
    this.clock = clock;
    this.log = log;
    Map<String, Object> c = new HashMap<>(kafka);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "dualrun-agent-" + name);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    reader =
        new WorkerInput<>(
            new KafkaConsumer<>(
                c,
                catalog.drillRequests().keySerde().deserializer(),
                catalog.drillRequests().valueSerde().deserializer()),
            catalog.drillRequests().name(),
            kafka,
            "agent");
    Map<String, Object> p = new HashMap<>(kafka);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    producer =
        new KafkaProducer<>(
            p,
            catalog.drillAnswers().keySerde().serializer(),
            catalog.drillAnswers().valueSerde().serializer());
    output = new WorkerOutput<>(producer, "agent " + name, log, () -> stopped);
  }

  /** Answers requests until {@link #close()}. */
  @Override
  public void run() {
    try {
      while (!stopped) {
        var records = reader.poll(Duration.ofMillis(500));
        for (ConsumerRecord<String, DrillRequest> r : records) {
          if (name.equals(r.key()) && r.value() != null) {
            handle(r.value());
          }
        }
        if (!records.isEmpty()) {
          producer.flush();
          reader.commit();
        }
      }
    } catch (WakeupException e) {
      if (!stopped) {
        throw e;
      }
    } catch (InterruptedException e) {
      if (!stopped) {
        Thread.currentThread().interrupt();
      }
    } finally {
      closeSides();
      reader.close();
      producer.close(Duration.ofSeconds(5));
    }
  }

  private void handle(DrillRequest request) throws InterruptedException {
    if (request.getDeadline().isBefore(clock.instant())) {
      return;
    }
    DrillAnswer answer;
    try {
      answer = AgentAnswers.answer(request, side(request));
    } catch (Exception e) {
      answer =
          DrillAnswer.newBuilder()
              .setRequestId(request.getRequestId())
              .setDrillId(request.getDrillId())
              .setAgent(name)
              .setError(e.getMessage() == null ? e.toString() : e.getMessage())
              .build();
    }
    // a broker or registry that cannot take it now is waited for; the request is committed after
    output.send(new ProducerRecord<>(catalog.drillAnswers().name(), answer.getDrillId(), answer));
    answered++;
  }

  private DiffSide side(DrillRequest request) throws Exception {
    String drillId = request.getDrillId();
    DiffSide side = sides.get(drillId);
    if (side == null) {
      side = opener.open(request);
      sides.put(drillId, side);
      log.println("dualrun agent " + name + ": drill-down " + drillId);
      if (sides.size() > OPEN_SIDES) {
        String oldest = sides.keySet().iterator().next();
        close(sides.remove(oldest));
      }
    }
    return side;
  }

  private void closeSides() {
    sides.values().forEach(SideAgent::close);
    sides.clear();
  }

  private static void close(DiffSide side) {
    try {
      side.close();
    } catch (Exception e) {
      // a connection that does not close cleanly changes no answer
    }
  }

  /** Waits until the agent reads its requests (its group has partitions). */
  public boolean awaitAssigned(Duration timeout) throws InterruptedException {
    return reader.awaitAssigned(timeout);
  }

  /** Requests that could not be decoded, sent to the DLQ so far. */
  public long deadLetters() {
    return reader.deadLetters();
  }

  /** Answers written so far. */
  public long answered() {
    return answered;
  }

  @Override
  public void close() {
    stopped = true;
    reader.wakeup();
  }
}
