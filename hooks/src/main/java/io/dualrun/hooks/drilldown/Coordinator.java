package io.dualrun.hooks.drilldown;

import io.dualrun.hooks.diff.Bisection;
import io.dualrun.hooks.diff.DiffSide;
import io.dualrun.hooks.diff.KafkaSide;
import io.dualrun.hooks.host.WorkerInput;
import io.dualrun.hooks.host.WorkerOutput;
import io.dualrun.hooks.host.WorkerService;
import io.dualrun.schemas.avro.DiffReport;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.topic.TopicCatalog;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads the MISMATCH verdicts ({@code dualrun.mismatches.v1}, consumer group {@code
 * dualrun-drilldown}; on its first start from the latest, or the earliest with {@code --from
 * earliest}), drills into each CONTENT finding's output through the two sides' agents and writes a
 * {@link DiffReport} per output to {@code dualrun.diffs.v1}. Offsets are committed after the
 * reports are written, so a restarted coordinator drills into what it had not finished. An agent
 * that does not answer gives a TIMED_OUT report and the next verdict goes on.
 */
public final class Coordinator implements WorkerService.Worker {
  /**
   * How drill-downs are run.
   *
   * @param outputs the outputs drilled into (none named: every output)
   * @param group the consumer group: coordinators sharing one share the verdicts between them
   * @param fromTime on the first start: read the mismatches from the first at or after this time
   *     (null: as {@code fromEarliest} says)
   * @param fromEarliest on the first start (no offsets committed yet for the group): read the
   *     mismatches from the earliest kept rather than from the latest
   */
  public record Settings(
      String agentNameTemplate,
      Duration agentTimeout,
      Bisection.Limits limits,
      boolean fromEarliest,
      java.util.Set<String> outputs,
      String group,
      java.time.Instant fromTime) {
    /** The consumer group when none is named. */
    public static final String GROUP = "dualrun-drilldown";

    public Settings {
      outputs = java.util.Set.copyOf(outputs);
      if (group == null || group.isBlank()) {
        throw new IllegalArgumentException("--group must not be blank");
      }
    }

    public Settings(String agentNameTemplate, Duration agentTimeout, Bisection.Limits limits) {
      this(agentNameTemplate, agentTimeout, limits, false, java.util.Set.of(), GROUP, null);
    }

    /** Whether {@code output} is drilled into: every output when none is named. */
    public boolean drills(String output) {
      return outputs.isEmpty() || outputs.contains(output);
    }
  }

  private final Map<String, Object> kafka;
  private final TopicCatalog catalog;
  private final Settings settings;
  private final Clock clock;
  private final PrintStream log;
  private final WorkerInput<String, Verdict> reader;
  private final KafkaProducer<String, DiffReport> producer;
  private final WorkerOutput<String, DiffReport> output;
  private volatile boolean stopped;
  private long reports;

  public Coordinator(
      Map<String, Object> kafka,
      TopicCatalog catalog,
      Settings settings,
      Clock clock,
      PrintStream log) {
    this.kafka = kafka;
    this.catalog = catalog;
    this.settings = settings;
    this.clock = clock;
    this.log = log;
    Map<String, Object> c = new HashMap<>(kafka);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, settings.fromEarliest() ? "earliest" : "latest");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10);
    // a drill-down may wait for agents: the group must not drop this member meanwhile
    c.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 30 * 60 * 1000);
    reader =
        new WorkerInput<>(
            new KafkaConsumer<>(
                c,
                catalog.mismatches().keySerde().deserializer(),
                catalog.mismatches().valueSerde().deserializer()),
            catalog.mismatches().name(),
            kafka,
            "drilldown",
            settings.fromTime());
    Map<String, Object> p = new HashMap<>(kafka);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producer =
        new KafkaProducer<>(
            p, catalog.diffs().keySerde().serializer(), catalog.diffs().valueSerde().serializer());
    output = new WorkerOutput<>(producer, "drilldown", log, () -> stopped);
  }

  /** The coordinator stopped while a report waited to be written. */
  private static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped(InterruptedException cause) {
      super(cause);
    }
  }

  @Override
  public void run() {
    try {
      while (!stopped) {
        var records = reader.poll(Duration.ofMillis(500));
        for (ConsumerRecord<String, Verdict> r : records) {
          if (r.value() != null) {
            for (Targets.Target t : Targets.of(r.value(), settings::drills)) {
              publish(drill(r.value(), t, this::publish));
            }
          }
        }
        if (!records.isEmpty()) {
          reader.commit();
        }
      }
    } catch (WakeupException e) {
      if (!stopped) {
        throw e;
      }
    } catch (InterruptedException | Stopped e) {
      if (!stopped) {
        Thread.currentThread().interrupt();
      }
    } finally {
      reader.close();
      producer.close(Duration.ofSeconds(5));
    }
  }

  /** One output's drill-down through the agents over Kafka. */
  DiffReport drill(Verdict v, Targets.Target t, java.util.function.Consumer<DiffReport> announce) {
    log.println(
        "dualrun drilldown: " + v.getWorkflow() + "/" + v.getPartition() + " " + t.output());
    return new Drill(settings, clock, this::side).run(v, t, announce);
  }

  private DiffSide side(String side, String agent, String drillId, Verdict v) {
    return new KafkaSide(
        side,
        agent,
        drillId,
        v.getWorkflow(),
        v.getPartition(),
        kafka,
        catalog,
        settings.agentTimeout(),
        clock);
  }

  private void publish(DiffReport report) {
    String key = report.getWorkflow() + "/" + report.getPartition();
    try {
      // a broker or registry that cannot take it now is waited for; the verdict is committed after
      output.send(new ProducerRecord<>(catalog.diffs().name(), key, report));
      reports++;
      log.println(
          "dualrun drilldown: "
              + key
              + " "
              + report.getOutput()
              + " "
              + report.getStatus()
              + (report.getMessage() == null ? "" : ": " + report.getMessage()));
    } catch (InterruptedException e) {
      // stopped (or interrupted) before it was written: not committed, drilled again at the start
      Thread.currentThread().interrupt();
      throw new Stopped(e);
    }
  }

  /** Waits until the coordinator reads the verdicts (its group has partitions). */
  public boolean awaitAssigned(Duration timeout) throws InterruptedException {
    return reader.awaitAssigned(timeout);
  }

  /** Reports written so far. */
  public long reports() {
    return reports;
  }

  @Override
  public void close() {
    stopped = true;
    reader.wakeup();
  }
}
