package io.dualrun.loadtest.bench;

import io.dualrun.loadtest.gen.Scenario;
import io.dualrun.loadtest.gen.TrafficGenerator;
import io.dualrun.loadtest.run.LocalPipeline;
import io.dualrun.loadtest.run.PipelineOptions;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.platform.LocalPlatformConfig;
import io.dualrun.schemas.topic.TopicSettings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs every benchmark and writes {@code REPORT.md} with PNG plots into the output directory.
 *
 * <pre>
 * BenchmarkSuite [--out DIR] [--workflows N] [--days D] [--ingest-workflows N]
 *                [--latency-samples K] [--partitions P] [--open-pairs N] [--command TEXT]
 * </pre>
 *
 * Each benchmark runs against its own real broker and registry; every figure is given with the
 * same-run baseline it is compared with, and their ratio.
 */
public final class BenchmarkSuite {
  private BenchmarkSuite() {}

  record Options(
      Path out,
      int workflows,
      int days,
      int ingestWorkflows,
      int latencySamples,
      int partitions,
      int openPairs,
      String command) {
    static Options parse(String[] args) {
      Path out = Path.of("load-tests/results");
      int workflows = 1000, days = 30, ingest = 200, samples = 300, partitions = 6;
      int openPairs = 1_000_000;
      String command = "";
      for (int i = 0; i + 1 < args.length; i += 2) {
        String v = args[i + 1];
        switch (args[i]) {
          case "--out" -> out = Path.of(v);
          case "--workflows" -> workflows = Integer.parseInt(v);
          case "--days" -> days = Integer.parseInt(v);
          case "--ingest-workflows" -> ingest = Integer.parseInt(v);
          case "--latency-samples" -> samples = Integer.parseInt(v);
          case "--partitions" -> partitions = Integer.parseInt(v);
          case "--open-pairs" -> openPairs = Integer.parseInt(v);
          case "--command" -> command = v;
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      return new Options(out, workflows, days, ingest, samples, partitions, openPairs, command);
    }
  }

  public static void main(String[] args) throws IOException {
    Options o = Options.parse(args);
    Files.createDirectories(o.out());
    Path work = Files.createTempDirectory("dualrun-bench-");
    List<Figure> figures = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Double> rates = new ArrayList<>();
    Instant started = Instant.now();

    Scenario ingestScenario =
        new Scenario(7, o.ingestWorkflows(), 10, Scenario.FIRST_DAY, o.partitions(), 0.1, 0.2);
    try (LocalPlatform p = platform(o);
        LocalPipeline pipe = pipeline(p, work.resolve("ingest"), ingestScenario, false)) {
      figures.add(IngestBench.run(pipe, ingestScenario, rates));
      names.addAll(List.of("ingest HTTP", "KafkaProducer"));
      System.out.println(figures.get(figures.size() - 1).row());
    }

    Scenario month =
        new Scenario(11, o.workflows(), o.days(), Scenario.FIRST_DAY, o.partitions(), 0.1, 0.2);
    try (LocalPlatform p = platform(o)) {
      Files.createDirectories(work.resolve("replay"));
      figures.addAll(ReplayBench.run(p, work.resolve("replay"), month, rates));
      names.addAll(List.of("reconciler (replay)", "Streams pass-through"));
      figures.subList(figures.size() - 3, figures.size()).forEach(f -> System.out.println(f.row()));
    }

    LatencyBench.Result latency;
    double rss;
    try (LocalPlatform p = platform(o);
        LocalPipeline pipe = pipeline(p, work.resolve("latency"), ingestScenario, true)) {
      pipe.startReconciler("a");
      latency = LatencyBench.run(pipe, o.latencySamples(), 20);
      // the earlier benchmarks' garbage is not the pipeline's: a full collection first lets the
      // JVM give unused heap back before the process's resident memory is read
      System.gc();
      ReplayBench.sleep(2000);
      rss = Rss.mib(ProcessHandle.current().pid());
    }
    List<Double> d = LatencyBench.percentiles(latency.detection());
    List<Double> b = LatencyBench.percentiles(latency.post());
    String[] labels = {"p50", "p99", "p99.9"};
    for (int i = 0; i < 3; i++) {
      figures.add(
          new Figure(
              "detection latency " + labels[i],
              d.get(i),
              "ms",
              "last POST " + labels[i],
              b.get(i)));
    }
    figures.add(
        new Figure(
            "RSS of the process running ingest + reconciler + alerting",
            rss,
            "MiB",
            "idle JVM",
            idleRss()));

    try (LocalPlatform p = platform(o)) {
      figures.addAll(RecoveryBench.run(p, work.resolve("recovery"), o.openPairs(), o.partitions()));
      figures.subList(figures.size() - 2, figures.size()).forEach(f -> System.out.println(f.row()));
    }

    Plots.throughput(o.out().resolve("throughput.png"), names, rates);
    Plots.latency(o.out().resolve("latency.png"), latency.detection(), latency.post());
    String report = Report.render(o, figures, latency, started, Instant.now());
    Files.writeString(o.out().resolve("REPORT.md"), report);
    System.out.println(report);
  }

  private static LocalPlatform platform(Options o) {
    return platform(o.partitions());
  }

  static LocalPlatform platform(int partitions) {
    return LocalPlatform.start(
        new LocalPlatformConfig(null, 0, 0, 0, null, new TopicSettings(partitions, (short) 1)));
  }

  private static LocalPipeline pipeline(LocalPlatform p, Path dir, Scenario s, boolean live)
      throws IOException {
    Files.createDirectories(dir);
    Path inventory = new TrafficGenerator(s).writeInventory(dir.resolve("workflows.yaml"));
    return LocalPipeline.start(
        p,
        new PipelineOptions(
            dir,
            inventory,
            s.inputPartitions(),
            !live,
            Duration.ZERO,
            "bench-" + dir.getFileName()));
  }

  private static double idleRss() {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            String.join(File.pathSeparator, System.getProperty("java.class.path")),
            Idle.class.getName(),
            "20000");
    try {
      Process idle = new ProcessBuilder(command).redirectErrorStream(true).start();
      ReplayBench.sleep(3000);
      double rss = Rss.mib(idle.pid());
      idle.destroyForcibly();
      return rss;
    } catch (IOException e) {
      return Double.NaN;
    }
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%,.1f", v);
  }
}
