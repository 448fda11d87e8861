package io.dualrun.loadtest.bench;

import io.dualrun.platform.GroupLag;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.topic.TopicCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The reconciler's recovery after a restart while it holds many open pairs: {@code pairs} pairs
 * that each received one STARTED event (live mode, so none is decided or purged), then
 *
 * <ul>
 *   <li>a restart that kept the local state (RocksDB reopened, nothing restored), and
 *   <li>a restart that lost it (every pair restored from the changelog topics),
 * </ul>
 *
 * each timed from start-up until pairs of every input partition answer on {@code /v1/pairs}. The
 * restoration is compared with a plain consumer reading the same changelog topics in the same run.
 * Both stops are clean (the instance leaves its consumer group).
 */
final class RecoveryBench {
  private static final Duration PATIENCE = Duration.ofMinutes(30);
  private static final String APP = "lt-recovery";
  private static final int WORKFLOWS = 1000;
  private static final LocalDate FIRST = LocalDate.parse("2020-01-01");

  private RecoveryBench() {}

  static List<Figure> run(LocalPlatform platform, Path dir, int pairs, int partitions) {
    long start = System.nanoTime();
    fill(platform, pairs);
    double written = seconds(System.nanoTime() - start);
    Path config = config(platform, dir, partitions);
    List<String> probes = probes(pairs);
    long fillStart = System.nanoTime();
    try (InProcessReconciler r = InProcessReconciler.start(config)) {
      GroupLag.awaitCaughtUp(platform.kafkaConfig(), APP, InputTopics.all(), PATIENCE);
      r.awaitQueryable(probes, PATIENCE);
    }
    double filled = seconds(System.nanoTime() - fillStart);
    long onDisk = sizeOf(dir.resolve("state"));
    double warm = restart(config, probes);
    deleteTree(dir.resolve("state"));
    double cold = restart(config, probes);
    double read = readChangelogs(platform);
    System.out.printf(
        Locale.ROOT,
        "recovery: %d pairs written in %.1f s, reconciled in %.1f s (%.0f events/s); "
            + "%.0f bytes of local state per pair; restart with state %.1f s, without %.1f s; "
            + "plain read of the changelogs %.1f s%n",
        pairs,
        written,
        filled,
        pairs / filled,
        (double) onDisk / pairs,
        warm,
        cold,
        read);
    String what = " (" + String.format(Locale.ROOT, "%,d", pairs) + " open pairs)";
    return List.of(
        new Figure(
            "recovery after a restart without local state" + what,
            cold,
            "s",
            "restart with local state",
            warm),
        new Figure(
            "changelog restoration in that restart" + what,
            cold,
            "s",
            "plain consumer reading the changelog topics",
            read));
  }

  /** One STARTED baseline event per pair, event time now: every pair stays open. */
  private static void fill(LocalPlatform platform, int pairs) {
    Map<String, Object> props = new HashMap<>(platform.kafkaConfig());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    Serializer<RunEvent> serializer = platform.catalog().runEvents().valueSerde().serializer();
    AtomicReference<Exception> failure = new AtomicReference<>();
    Instant now = Instant.now();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < pairs; i++) {
        RunEvent e = started(i, now);
        producer.send(
            new ProducerRecord<>(
                TopicCatalog.RUN_EVENTS,
                e.getWorkflow() + "/" + e.getPartition(),
                serializer.serialize(TopicCatalog.RUN_EVENTS, e)),
            (meta, ex) -> {
              if (ex != null) {
                failure.compareAndSet(null, ex);
              }
            });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("Kafka refused a record: " + failure.get(), failure.get());
    }
  }

  private static String workflow(int pair) {
    return String.format(Locale.ROOT, "lt-rc-%04d", pair % WORKFLOWS);
  }

  private static String partition(int pair) {
    return FIRST.plusDays(pair / WORKFLOWS).toString();
  }

  private static RunEvent started(int pair, Instant now) {
    String wf = workflow(pair);
    String p = partition(pair);
    return RunEvent.newBuilder()
        .setEventId("rc-" + pair)
        .setWorkflow(wf)
        .setPartition(p)
        .setSide(Side.BASELINE)
        .setOrchestrator("cron")
        .setRunId("cron-" + wf + "-" + p)
        .setAttempt(1)
        .setStatus(RunStatus.STARTED)
        .setEventTime(now)
        .setTask(null)
        .setError(null)
        .setLogUrl(null)
        .setAttributes(Map.of())
        .build();
  }

  /** Pairs spread over the whole key space, so every input partition is represented. */
  private static List<String> probes(int pairs) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      int pair = (int) ((long) pairs * i / 16) + i;
      if (pair < pairs) {
        out.add(workflow(pair) + "/" + partition(pair));
      }
    }
    out.add(workflow(pairs - 1) + "/" + partition(pairs - 1));
    return out;
  }

  private static double restart(Path config, List<String> probes) {
    long start = System.nanoTime();
    try (InProcessReconciler r = InProcessReconciler.start(config)) {
      r.awaitQueryable(probes, PATIENCE);
      return seconds(System.nanoTime() - start);
    }
  }

  /** Seconds a plain consumer takes to read every record of the reconciler's changelogs. */
  private static double readChangelogs(LocalPlatform platform) {
    Map<String, Object> props = new HashMap<>(platform.kafkaConfig());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    long start = System.nanoTime();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      consumer
          .listTopics()
          .forEach(
              (topic, infos) -> {
                if (topic.startsWith(APP + "-") && topic.endsWith("-changelog")) {
                  infos.forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
                }
              });
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts);
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the changelogs were not read within " + PATIENCE);
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
        records.count();
      }
    }
    return seconds(System.nanoTime() - start);
  }

  private static Path config(LocalPlatform p, Path dir, int partitions) {
    return InProcessReconciler.writeConfig(
        dir.resolve("recovery.yaml"),
        p,
        partitions,
        "reconciler:\n  application-id: "
            + APP
            + "\n  state-dir: "
            + dir.resolve("state")
            + "\n  mode: live\n  http: {host: 127.0.0.1, port: 0}\n");
  }

  private static long sizeOf(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  /** Runs this benchmark alone: {@code RecoveryBench [pairs] [partitions]}. */
  public static void main(String[] args) throws IOException {
    int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    Path dir = Files.createTempDirectory("dualrun-recovery-");
    try (LocalPlatform p = BenchmarkSuite.platform(partitions)) {
      run(p, dir, pairs, partitions).forEach(f -> System.out.println(f.row()));
    }
  }
}
