package io.dualrun.reconciler.bench;

import io.dualrun.config.CommonSettings;
import io.dualrun.config.ConfigMap;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.platform.LocalPlatformConfig;
import io.dualrun.reconciler.ReconcilerConfig;
import io.dualrun.reconciler.ReconcilerService;
import io.dualrun.reconciler.state.PairState;
import io.dualrun.reconciler.state.PairStateSerde;
import io.dualrun.reconciler.stream.StoreNames;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.topic.TopicCatalog;
import io.dualrun.schemas.topic.TopicSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Throughput of the reconciler next to a plain Kafka Streams pass-through of the same records, on a
 * real broker and registry: writes a generated history, warms up, then runs rounds of the
 * reconciler in live mode and in replay mode between pass-through runs, each from offset 0 until
 * every input record is committed, and prints events/s, each round's ratios, their medians and the
 * state bytes per open pair. A main, not a test. Arguments: {@code [workflows] [days] [partitions]}
 * (default 1000 30 6); {@code -Dbench.rounds} (3), {@code -Dbench.warm-ups} (3), {@code
 * -Dbench.modes} ({@code live,replay}).
 */
public final class ReconcilerBenchmark {
  private static final List<String> INPUT_TOPICS =
      List.of(
          io.dualrun.schemas.topic.TopicCatalog.RUN_EVENTS,
          io.dualrun.schemas.topic.TopicCatalog.FINGERPRINTS);

  private static final Duration PATIENCE = Duration.ofMinutes(20);

  private ReconcilerBenchmark() {}

  public static void main(String[] args) throws Exception {
    int workflows = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int days = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 6;
    BenchRecords history = new BenchRecords(workflows, days);
    Path dir = Files.createTempDirectory("reconciler-bench");
    Path inventory = Files.writeString(dir.resolve("workflows.yaml"), history.inventoryYaml());
    try (LocalPlatform platform =
        LocalPlatform.start(
            new LocalPlatformConfig(
                null, 0, 0, 0, null, new TopicSettings(partitions, (short) 1)))) {
      long records;
      try (KafkaProducer<String, Object> producer = producer(platform)) {
        records = history.send(producer);
      }
      System.out.printf(
          Locale.ROOT,
          "%d records of %d pairs, %d partitions%n",
          records,
          history.pairs(),
          partitions);
      ReconcilerConfig live = config(platform, dir, inventory, partitions, "live");
      List<String> modes =
          Arrays.stream(System.getProperty("bench.modes", "live,replay").split(","))
              .map(String::strip)
              .filter(m -> !m.isEmpty())
              .toList();
      int rounds = Integer.getInteger("bench.rounds", 3);
      int warmUps = Integer.getInteger("bench.warm-ups", 3);
      Timed pass =
          () -> PassThrough.run(platform, dir, live.commitInterval(), live.threads(), PATIENCE);
      // the first Kafka Streams application on a fresh broker also pays for creating the
      // transaction and offset topics, and the JIT compiles each application's code during its
      // first runs (each mode has code of its own: replay punctuates on stream time): uncounted
      // runs of each, so every counted run is warm (the pass-through as many as each mode)
      for (int i = 0; i < Math.max(1, warmUps); i++) {
        pass.run();
      }
      for (String mode : modes) {
        warmUp(platform, dir, inventory, partitions, mode, warmUps);
      }
      // the machine is shared and its speed drifts: rounds alternate the pass-through and the
      // reconciler, each reconciler run is compared with the pass-throughs just before and after
      // it, and the median of the rounds' ratios is the figure
      StringBuilder traffic = new StringBuilder();
      List<PassThrough.Run> passes = new ArrayList<>();
      Map<String, List<PassThrough.Run>> runs = new LinkedHashMap<>();
      passes.add(counted("pass-through, before round 1", platform, traffic, pass));
      for (int r = 1; r <= rounds; r++) {
        StringBuilder shown = r == 1 ? traffic : new StringBuilder();
        for (String mode : modes) {
          ReconcilerConfig c = config(platform, dir, inventory, partitions, mode);
          boolean size = r == 1 && mode.equals(modes.get(modes.size() - 1));
          runs.computeIfAbsent(mode, m -> new ArrayList<>())
              .add(
                  counted(
                      "reconciler " + mode + ", round " + r,
                      platform,
                      shown,
                      () -> runReconciler(platform, c, size)));
        }
        passes.add(counted("pass-through, after round " + r, platform, shown, pass));
      }
      RoundsReport.print(passes, runs);
      System.out.print(traffic);
    }
  }

  /** A run that would throw an I/O error. */
  private interface Timed {
    PassThrough.Run run() throws IOException;
  }

  /** Runs {@code run}, appending what it wrote to the broker to {@code traffic}. */
  private static PassThrough.Run counted(
      String what, LocalPlatform platform, StringBuilder traffic, Timed run) throws IOException {
    TopicTraffic before = TopicTraffic.snapshot(platform.kafkaConfig());
    PassThrough.Run r = run.run();
    TopicTraffic after = TopicTraffic.snapshot(platform.kafkaConfig());
    traffic
        .append(what)
        .append(", written to the broker:\n")
        .append(after.since(before, r.appId(), r.catchUp().records()))
        .append(r.clients())
        .append("    CPU per record: ")
        .append(r.cpuPerRecord())
        .append('\n');
    return r;
  }

  private static void warmUp(
      LocalPlatform platform, Path dir, Path inventory, int partitions, String mode, int runs)
      throws IOException {
    for (int i = 0; i < runs; i++) {
      runReconciler(platform, config(platform, dir, inventory, partitions, mode), false);
    }
  }

  private static PassThrough.Run runReconciler(
      LocalPlatform platform, ReconcilerConfig c, boolean size) throws IOException {
    long start = System.nanoTime();
    CpuClock cpu = CpuClock.now();
    try (ReconcilerService service = ReconcilerService.create(c)) {
      service.start(freePort());
      var catchUp =
          io.dualrun.platform.GroupLag.awaitCaughtUp(
              platform.kafkaConfig(), c.applicationId(), INPUT_TOPICS, PATIENCE);
      PassThrough.Run run =
          new PassThrough.Run(
              c.applicationId(),
              start,
              catchUp,
              CpuClock.now().since(cpu),
              CpuClock.threadsOf(c.applicationId()),
              PassThrough.clientStats(service.streams()));
      if (size) {
        printStateSize(service.streams());
      }
      return run;
    }
  }

  /** Average serialized PairState of the pairs in the store (all open: retention is 35 days). */
  private static void printStateSize(KafkaStreams streams) {
    ReadOnlyKeyValueStore<String, PairState> store =
        streams.store(
            StoreQueryParameters.fromNameAndType(
                StoreNames.PAIRS, QueryableStoreTypes.<String, PairState>keyValueStore()));
    PairStateSerde serde = new PairStateSerde();
    long pairs = 0;
    long bytes = 0;
    try (KeyValueIterator<String, PairState> it = store.all()) {
      while (it.hasNext()) {
        var kv = it.next();
        pairs++;
        bytes += kv.key.length() + serde.encode(kv.value).length;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "state: %d open pairs, %.0f bytes per open pair (key + serialized PairState)%n",
        pairs,
        pairs == 0 ? 0.0 : (double) bytes / pairs);
  }

  private static ReconcilerConfig config(
      LocalPlatform p, Path dir, Path inventory, int partitions, String mode) {
    String id = "bench-" + mode + "-" + UUID.randomUUID();
    Map<String, Object> flat = new HashMap<>();
    flat.put("kafka.bootstrap-servers", p.bootstrapServers());
    flat.put("registry.url", p.registryUrl());
    flat.put("topics.partitions", partitions);
    flat.put("inventory", inventory.toString());
    flat.put("reconciler.application-id", id);
    flat.put("reconciler.state-dir", dir.resolve(id).toString());
    flat.put("reconciler.mode", mode);
    Map<String, Object> streams = new HashMap<>();
    streams.put("auto.offset.reset", "earliest");
    if (mode.equals("replay")) {
      // the whole history is on the topics before the run: the setting the docs give for that
      // case (task idling 0, still merged in timestamp order); with the default 2 s every task
      // waits 2 s at the end of its shorter input, a fixed delay that would be a third of a run
      streams.put("max.task.idle.ms", "0");
    }
    String prefix = "bench.reconciler.";
    String streamsPrefix = prefix + "streams.properties.";
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith(streamsPrefix)) {
        streams.put(key.substring(streamsPrefix.length()), System.getProperty(key));
      } else if (key.startsWith(prefix)) {
        flat.put(key.substring("bench.".length()), System.getProperty(key));
      }
    }
    flat.put("reconciler.streams.properties", streams);
    ConfigMap map = ConfigMap.of("benchmark", flat);
    return ReconcilerConfig.from(map, CommonSettings.from(map));
  }

  private static KafkaProducer<String, Object> producer(LocalPlatform p) {
    Map<String, Object> props = new HashMap<>(p.kafkaConfig());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    TopicCatalog catalog = p.catalog();
    Serializer<RunEvent> events = catalog.runEvents().valueSerde().serializer();
    Serializer<OutputFingerprint> prints = catalog.fingerprints().valueSerde().serializer();
    Serializer<Object> values =
        (topic, v) ->
            v instanceof RunEvent e
                ? events.serialize(topic, e)
                : prints.serialize(topic, (OutputFingerprint) v);
    return new KafkaProducer<>(props, new StringSerializer(), values);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
