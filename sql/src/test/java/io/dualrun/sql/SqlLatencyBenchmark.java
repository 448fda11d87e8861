package io.dualrun.sql;

import io.dualrun.platform.ChildJvm;
import io.dualrun.platform.LocalPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How long {@code dualrun sql} takes to answer a shipped query, as ratios against a baseline
 * measured in the same run: a plain Kafka consumer in a fresh JVM reading the verdicts topic from
 * its beginning to its end. Not a test: it asserts nothing and prints a table (docs/sql.md has the
 * figures and the command).
 *
 * <p>A local broker and registry hold {@link SampleRecords}; each figure is the median of {@code
 * rounds} (first argument, default 3): the whole command in a new JVM (cold, as a user runs it),
 * and inside one JVM the start, the first statement of a session and the same statement again
 * (warm); all of it on the embedded Flink, on a stock session cluster of two JVMs ({@link
 * FlinkSessionProcesses}) with the jars shipped, and on one with the jars in its lib/ and {@code
 * --no-ship-jars}. The query is {@code queries/parity_rate.sql} (second argument).
 */
public final class SqlLatencyBenchmark {
  private SqlLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    String query = args.length > 1 ? args[1] : "queries/parity_rate.sql";
    Path dir = Files.createTempDirectory("dualrun-sql-bench-");
    Map<String, Long> figures = new LinkedHashMap<>();
    try (LocalPlatform platform = LocalPlatform.startEphemeral()) {
      SampleRecords.publish(platform.catalog(), platform.kafkaConfig());
      String servers = platform.bootstrapServers();
      String registry = platform.registryUrl();

      figures.put(
          "baseline: Kafka consumer in a new JVM, verdicts to their end",
          median(rounds, () -> wallClock(dir, ConsumeToEnd.class, List.of(servers))));
      figures.put(
          "embedded cold: dualrun sql -f in a new JVM",
          median(
              rounds, () -> wallClock(dir, DualrunSql.class, cli(servers, registry, null, query))));
      probe(figures, "embedded", dir, rounds, servers, registry, "-", query);

      try (FlinkSessionProcesses flink = FlinkSessionProcesses.start(dir.resolve("flink"))) {
        flink.awaitReady(Duration.ofSeconds(120));
        figures.put(
            "session cluster cold: dualrun sql --flink -f in a new JVM",
            median(
                rounds,
                () ->
                    wallClock(
                        dir, DualrunSql.class, cli(servers, registry, flink.address(), query))));
        probe(figures, "session cluster", dir, rounds, servers, registry, flink.address(), query);
      }
      try (FlinkSessionProcesses flink =
          FlinkSessionProcesses.startWithTheJarsInLib(dir.resolve("flink-lib"))) {
        flink.awaitReady(Duration.ofSeconds(120));
        List<String> cli = new ArrayList<>(cli(servers, registry, flink.address(), query));
        cli.add(0, "--no-ship-jars");
        figures.put(
            "jars in lib cold: dualrun sql --flink --no-ship-jars -f in a new JVM",
            median(rounds, () -> wallClock(dir, DualrunSql.class, cli)));
        probe(
            figures,
            "jars in lib (--no-ship-jars)",
            dir,
            rounds,
            servers,
            registry,
            flink.address() + " no-ship-jars",
            query);
      }
    }
    long baseline = figures.values().iterator().next();
    System.out.printf("%n%-74s %9s %9s%n", "what (median of " + rounds + ")", "ms", "x baseline");
    figures.forEach(
        (what, ms) -> System.out.printf("%-74s %9d %9.1f%n", what, ms, (double) ms / baseline));
  }

  private static List<String> cli(String servers, String registry, String flink, String query) {
    List<String> args = new ArrayList<>();
    args.add("--bootstrap-servers=" + servers);
    args.add("--registry-url=" + registry);
    if (flink != null) {
      args.add("--flink=" + flink);
    }
    args.add("--format=csv");
    args.add("-f");
    args.add(query);
    return args;
  }

  /** The start, first statement and warm statement of {@link LatencyProbe}, medians. */
  private static void probe(
      Map<String, Long> figures,
      String where,
      Path dir,
      int rounds,
      String servers,
      String registry,
      String flink,
      String query)
      throws Exception {
    List<Long> start = new ArrayList<>();
    List<Long> first = new ArrayList<>();
    List<Long> warm = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      Path log = dir.resolve("probe-" + where.replaceAll("[^a-z]+", "-") + "-" + i + ".log");
      List<String> args = new ArrayList<>(List.of(servers, registry));
      String[] cluster = flink.split(" ");
      args.addAll(List.of(cluster[0], query, "3"));
      args.addAll(List.of(cluster).subList(1, cluster.length));
      Process p = ChildJvm.start(LatencyProbe.class, args, "768m", log);
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("the probe failed; its log:\n" + Files.readString(log));
      }
      List<Long> warmOfRound = new ArrayList<>();
      for (String line : Files.readAllLines(log)) {
        String[] cells = line.split("\t");
        if (cells.length != 2 || !cells[1].matches("\\d+")) {
          continue;
        }
        long ms = Long.parseLong(cells[1]);
        switch (cells[0]) {
          case "start" -> start.add(ms);
          case "first" -> first.add(ms);
          case "warm" -> warmOfRound.add(ms);
          default -> {}
        }
      }
      warm.add(median(warmOfRound));
    }
    figures.put(where + ": start (mini cluster, or REST check and jars)", median(start));
    figures.put(where + ": first statement of a session", median(first));
    figures.put(where + " warm: the same statement again in the session", median(warm));
  }

  private interface Timed {
    long run() throws Exception;
  }

  private static long median(int rounds, Timed timed) throws Exception {
    List<Long> values = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      values.add(timed.run());
    }
    return median(values);
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static long wallClock(Path dir, Class<?> main, List<String> args) throws Exception {
    Path log = Files.createTempFile(dir, main.getSimpleName(), ".log");
    long t0 = System.nanoTime();
    Process p = ChildJvm.start(main, args, "768m", log);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(main.getSimpleName() + " failed:\n" + Files.readString(log));
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** The baseline: a plain consumer reading the verdicts topic from its beginning to its end. */
  public static final class ConsumeToEnd {
    private ConsumeToEnd() {}

    public static void main(String[] args) {
      Map<String, Object> config = new HashMap<>();
      config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
      config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      long records = 0;
      try (KafkaConsumer<byte[], byte[]> c =
          new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        List<TopicPartition> partitions = new ArrayList<>();
        c.partitionsFor("dualrun.verdicts.v1")
            .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        c.assign(partitions);
        c.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = c.endOffsets(partitions);
        while (partitions.stream().anyMatch(p -> c.position(p) < end.get(p))) {
          records += c.poll(Duration.ofMillis(100)).count();
        }
      }
      System.out.println("records\t" + records);
      System.exit(0);
    }
  }
}
