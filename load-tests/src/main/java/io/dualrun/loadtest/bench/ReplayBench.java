package io.dualrun.loadtest.bench;

import io.dualrun.loadtest.gen.Scenario;
import io.dualrun.loadtest.gen.TrafficGenerator;
import io.dualrun.loadtest.sink.KafkaSink;
import io.dualrun.platform.LocalPlatform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Replay of a generated history (a month of daily partitions for many workflows) written straight
 * to Kafka: the reconciler's time and events/s in replay mode next to a Kafka Streams pass-through
 * of the same records.
 */
public final class ReplayBench {
  private static final Duration PATIENCE = Duration.ofMinutes(30);

  private ReplayBench() {}

  static List<Figure> run(
      LocalPlatform platform, Path dir, Scenario scenario, List<Double> throughput) {
    TrafficGenerator generator = new TrafficGenerator(scenario);
    Path inventory = generator.writeInventory(dir.resolve("workflows.yaml"));
    long records;
    try (KafkaSink sink = new KafkaSink(platform.kafkaConfig(), platform.catalog())) {
      records = generator.generate(sink::send);
    }
    Duration pass =
        PassThroughBaseline.run(
            platform.kafkaConfig(),
            dir.resolve("pass-state"),
            "lt-pass",
            scenario.inputPartitions(),
            PATIENCE);
    Path config = reconcilerConfig(platform, dir, inventory, scenario);
    long start = System.nanoTime();
    Duration replay;
    try (InProcessReconciler r = InProcessReconciler.start(config)) {
      io.dualrun.platform.GroupLag.awaitCaughtUp(
          platform.kafkaConfig(), "lt-replay", InputTopics.all(), PATIENCE);
      replay = Duration.ofNanos(System.nanoTime() - start);
    }
    double reconcilerRate = records / seconds(replay);
    double passRate = records / seconds(pass);
    throughput.add(reconcilerRate);
    throughput.add(passRate);
    List<Figure> out = new ArrayList<>();
    out.add(
        new Figure(
            "reconciler (replay mode), " + records + " records",
            reconcilerRate,
            "events/s",
            "Kafka Streams pass-through",
            passRate));
    out.add(
        new Figure(
            "replay of "
                + scenario.days()
                + " days × "
                + scenario.workflows()
                + " workflows ("
                + scenario.pairs()
                + " pairs)",
            seconds(replay),
            "s",
            "pass-through",
            seconds(pass)));
    return out;
  }

  private static Path reconcilerConfig(LocalPlatform p, Path dir, Path inventory, Scenario s) {
    return InProcessReconciler.writeConfig(
        dir.resolve("replay.yaml"),
        p,
        s.inputPartitions(),
        "inventory: "
            + inventory.toAbsolutePath()
            + "\nreconciler:\n  application-id: lt-replay\n  state-dir: "
            + dir.resolve("replay-state")
            + "\n  mode: replay\n  http: {host: 127.0.0.1, port: 0}\n  commit-interval: 100ms\n");
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
