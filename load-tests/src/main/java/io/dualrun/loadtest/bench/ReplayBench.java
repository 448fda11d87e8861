package io.dualrun.loadtest.bench;

import io.dualrun.loadtest.gen.Scenario;
import io.dualrun.loadtest.gen.TrafficGenerator;
import io.dualrun.loadtest.sink.KafkaSink;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.reconciler.ReconcilerConfig;
import io.dualrun.reconciler.ReconcilerMain;
import io.dualrun.reconciler.ReconcilerService;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Replay of a generated history (a month of daily partitions for many workflows) written straight
 * to Kafka: the reconciler's time and events/s in replay mode next to a Kafka Streams pass-through
 * of the same records; then its recovery time after a restart that lost its local state (every pair
 * restored from the changelog) next to a restart that kept it.
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
        PassThrough.run(
            platform.kafkaConfig(),
            dir.resolve("pass-state"),
            "lt-pass",
            scenario.inputPartitions(),
            PATIENCE);
    Path config = reconcilerConfig(platform, dir, inventory, scenario);
    long start = System.nanoTime();
    Running first = Running.start(config);
    io.dualrun.platform.GroupLag.awaitCaughtUp(
        platform.kafkaConfig(), "lt-replay", InputTopics.all(), PATIENCE);
    Duration replay = Duration.ofNanos(System.nanoTime() - start);
    first.close();
    Duration warm = restart(config, scenario, false, dir);
    Duration cold = restart(config, scenario, true, dir);
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
    out.add(
        new Figure(
            "recovery after restart without local state ("
                + scenario.pairs()
                + " pairs in the store)",
            seconds(cold),
            "s",
            "restart with local state",
            seconds(warm)));
    return out;
  }

  private static Duration restart(Path config, Scenario scenario, boolean wipe, Path dir) {
    if (wipe) {
      deleteTree(dir.resolve("replay-state"));
    }
    long start = System.nanoTime();
    try (Running r = Running.start(config)) {
      r.awaitQueryable(scenario);
      return Duration.ofNanos(System.nanoTime() - start);
    }
  }

  private static Path reconcilerConfig(LocalPlatform p, Path dir, Path inventory, Scenario s) {
    String yaml =
        "kafka: {bootstrap-servers: \""
            + p.bootstrapServers()
            + "\"}\n"
            + "registry: {url: \""
            + p.registryUrl()
            + "\"}\n"
            + "topics: {partitions: "
            + s.inputPartitions()
            + "}\n"
            + "inventory: "
            + inventory.toAbsolutePath()
            + "\n"
            + "reconciler:\n  application-id: lt-replay\n  state-dir: "
            + dir.resolve("replay-state")
            + "\n  mode: replay\n  http: {host: 127.0.0.1, port: 0}\n  commit-interval: 100ms\n";
    try {
      return Files.writeString(dir.resolve("replay.yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One reconciler with its REST routes, in this JVM. */
  private record Running(ReconcilerService service, Javalin app) implements AutoCloseable {
    static Running start(Path config) {
      ReconcilerConfig c = ReconcilerMain.load(config);
      ReconcilerService service = ReconcilerService.create(c);
      Javalin app = Javalin.create(x -> x.showJavalinBanner = false);
      service.routes(app);
      app.start("127.0.0.1", 0);
      service.start(app.port());
      return new Running(service, app);
    }

    /** Until the first and last workflows' last pairs answer (their stores are restored). */
    void awaitQueryable(Scenario s) {
      HttpClient http = HttpClient.newHttpClient();
      String last = s.firstDay().plusDays(s.days() - 1).toString();
      List<String> pairs = new ArrayList<>();
      for (int w : new int[] {0, 1, 2, s.workflows() - 1}) {
        pairs.add(String.format("lt-wf-%04d/%s", w, last));
      }
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (System.nanoTime() < deadline) {
        if (pairs.stream().allMatch(p -> ok(http, p))) {
          return;
        }
        sleep(100);
      }
      throw new IllegalStateException(
          "the reconciler's pairs did not become queryable within " + PATIENCE);
    }

    private boolean ok(HttpClient http, String pair) {
      try {
        URI uri = URI.create("http://127.0.0.1:" + app.port() + "/v1/pairs/" + pair);
        return http.send(
                    HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      service.close();
      app.stop();
    }
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
