package io.dualrun.loadtest;

import io.dualrun.loadtest.gen.GroundTruth;
import io.dualrun.loadtest.gen.Timed;
import io.dualrun.loadtest.gen.TrafficGenerator;
import io.dualrun.loadtest.oracle.Oracle;
import io.dualrun.loadtest.oracle.OracleReport;
import io.dualrun.loadtest.run.ChildReconciler;
import io.dualrun.loadtest.run.LocalPipeline;
import io.dualrun.loadtest.run.TopicCounts;
import io.dualrun.loadtest.sink.IngestHttpSink;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.platform.LocalPlatformConfig;
import io.dualrun.platform.Ports;
import io.dualrun.schemas.topic.TopicSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The smoke migration under faults, with two reconciler instances in child JVMs: after a third of
 * the records one instance is killed with -9, halfway the broker is restarted, after two thirds the
 * alert receiver goes down for {@code outage}; garbage is posted between the batches throughout.
 * The oracle must still pass. {@code FaultScenario [seed] [outage-seconds]}; exits 1 otherwise.
 */
public final class FaultScenario {
  private FaultScenario() {}

  public static SmokeScenario.Result run(Path dir, long seed, Duration outage) {
    TrafficGenerator generator = new TrafficGenerator(SmokeScenario.scenario(seed));
    Path inventory = generator.writeInventory(dir.resolve("workflows.yaml"));
    GroundTruth truth = generator.groundTruth();
    truth.write(dir.resolve("expected.jsonl"));
    List<Timed> records = new ArrayList<>();
    generator.generate(records::add);
    int kafkaPort = Ports.free();
    int controllerPort = Ports.free();
    LocalPlatformConfig config =
        new LocalPlatformConfig(
            null,
            kafkaPort,
            controllerPort == kafkaPort ? Ports.free() : controllerPort,
            0,
            null,
            new TopicSettings(SmokeScenario.TOPIC_PARTITIONS, (short) 1));
    try (LocalPlatform platform = LocalPlatform.start(config);
        LocalPipeline pipeline =
            LocalPipeline.start(platform, SmokeScenario.options(dir, inventory, "faults"))) {
      pipeline.startChildReconciler("a");
      ChildReconciler b = pipeline.startChildReconciler("b");
      IngestHttpSink sink = pipeline.ingestSink(25, 2);
      Thread receiverOutage = null;
      for (int i = 0; i < records.size(); i++) {
        if (i == records.size() / 3) {
          log("kill -9 reconciler b (pid " + b.pid() + ")");
          b.kill();
        }
        if (i == records.size() / 2) {
          sink.flush();
          log("restarting the broker");
          platform.broker().stop();
          platform.broker().start();
        }
        if (i == 2 * records.size() / 3) {
          receiverOutage = outage(pipeline, outage);
        }
        sink.send(records.get(i));
      }
      sink.flush();
      join(receiverOutage);
      Oracle oracle =
          new Oracle(
              platform.kafkaConfig(),
              platform.catalog(),
              pipeline.receiver(),
              Duration.ofSeconds(5));
      OracleReport report = oracle.judge(truth, Duration.ofMinutes(4));
      return new SmokeScenario.Result(
          report,
          records.size(),
          sink.records(),
          sink.garbageRefused(),
          TopicCounts.inputRecords(platform.kafkaConfig()));
    }
  }

  private static Thread outage(LocalPipeline pipeline, Duration outage) {
    log("alert receiver down for " + outage);
    pipeline.receiver().down();
    Thread t =
        new Thread(
            () -> {
              try {
                Thread.sleep(outage.toMillis());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              pipeline.receiver().up();
              log("alert receiver up again");
            },
            "receiver-outage");
    t.start();
    return t;
  }

  private static void join(Thread t) {
    if (t == null) {
      return;
    }
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void log(String what) {
    System.out.println("[fault] " + what);
  }

  public static void main(String[] args) throws IOException {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 20261122L;
    Duration outage = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 60);
    Path dir = Files.createTempDirectory("dualrun-faults-");
    SmokeScenario.Result result = run(dir, seed, outage);
    System.out.println(result.render());
    System.exit(result.passed() ? 0 : 1);
  }
}
