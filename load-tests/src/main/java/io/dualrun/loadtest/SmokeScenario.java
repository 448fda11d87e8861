package io.dualrun.loadtest;

import io.dualrun.loadtest.gen.GroundTruth;
import io.dualrun.loadtest.gen.Scenario;
import io.dualrun.loadtest.gen.TrafficGenerator;
import io.dualrun.loadtest.oracle.Oracle;
import io.dualrun.loadtest.oracle.OracleReport;
import io.dualrun.loadtest.run.LocalPipeline;
import io.dualrun.loadtest.run.PipelineOptions;
import io.dualrun.loadtest.run.TopicCounts;
import io.dualrun.loadtest.sink.IngestHttpSink;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.platform.LocalPlatformConfig;
import io.dualrun.schemas.topic.TopicSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The smoke scenario: a real broker and registry, ingest, a reconciler in replay mode and alerting;
 * a small seeded migration posted through ingest HTTP with garbage between the batches; then the
 * oracle. {@code java … io.dualrun.loadtest.SmokeScenario [seed]} exits 1 unless it passes.
 */
public final class SmokeScenario {
  public static final int TOPIC_PARTITIONS = 2;

  /** What a run produced. */
  public record Result(
      OracleReport report, long generated, long posted, long garbageRefused, long stored) {
    public boolean passed() {
      return report.passed() && generated == posted && posted == stored && garbageRefused > 0;
    }

    public String render() {
      return report.render()
          + "records generated "
          + generated
          + ", accepted by ingest "
          + posted
          + ", stored on the input topics "
          + stored
          + ", garbage bodies refused with 400: "
          + garbageRefused
          + "\n";
    }
  }

  private SmokeScenario() {}

  public static Scenario scenario(long seed) {
    return Scenario.smoke(seed, TOPIC_PARTITIONS);
  }

  public static LocalPlatform platform() {
    return LocalPlatform.start(
        new LocalPlatformConfig(
            null, 0, 0, 0, null, new TopicSettings(TOPIC_PARTITIONS, (short) 1)));
  }

  public static PipelineOptions options(Path dir, Path inventory, String idPrefix) {
    return new PipelineOptions(
        dir, inventory, TOPIC_PARTITIONS, true, Duration.ofMillis(500), idPrefix);
  }

  /** Generates, posts through ingest, starts one in-process reconciler and judges. */
  public static Result run(Path dir, long seed) {
    TrafficGenerator generator = new TrafficGenerator(scenario(seed));
    Path inventory = generator.writeInventory(dir.resolve("workflows.yaml"));
    GroundTruth truth = generator.groundTruth();
    truth.write(dir.resolve("expected.jsonl"));
    try (LocalPlatform platform = platform();
        LocalPipeline pipeline = LocalPipeline.start(platform, options(dir, inventory, "smoke"))) {
      IngestHttpSink sink = pipeline.ingestSink(50, 2);
      long generated = generator.generate(sink::send);
      sink.flush();
      pipeline.startReconciler("a");
      Oracle oracle =
          new Oracle(
              platform.kafkaConfig(),
              platform.catalog(),
              pipeline.receiver(),
              Duration.ofSeconds(3));
      OracleReport report = oracle.judge(truth, Duration.ofSeconds(90));
      return new Result(
          report,
          generated,
          sink.records(),
          sink.garbageRefused(),
          TopicCounts.inputRecords(platform.kafkaConfig()));
    }
  }

  public static void main(String[] args) throws IOException {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 20261122L;
    Path dir = Files.createTempDirectory("dualrun-smoke-");
    Result result = run(dir, seed);
    System.out.println(result.render());
    System.exit(result.passed() ? 0 : 1);
  }
}
