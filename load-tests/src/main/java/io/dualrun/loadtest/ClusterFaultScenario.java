package io.dualrun.loadtest;

import io.dualrun.loadtest.gen.GroundTruth;
import io.dualrun.loadtest.gen.Scenario;
import io.dualrun.loadtest.gen.Timed;
import io.dualrun.loadtest.gen.TrafficGenerator;
import io.dualrun.loadtest.oracle.LedgerHistory;
import io.dualrun.loadtest.oracle.Oracle;
import io.dualrun.loadtest.oracle.OracleReport;
import io.dualrun.loadtest.run.ChildReconciler;
import io.dualrun.loadtest.run.LocalPipeline;
import io.dualrun.loadtest.run.PipelineOptions;
import io.dualrun.loadtest.run.RestProbe;
import io.dualrun.loadtest.run.TopicCounts;
import io.dualrun.loadtest.sink.IngestHttpSink;
import io.dualrun.platform.KafkaBroker;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.platform.LocalPlatformConfig;
import io.dualrun.platform.Ports;
import io.dualrun.schemas.topic.TopicCatalog;
import io.dualrun.schemas.topic.TopicSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A seeded migration on a 3-node KRaft cluster (topics with 3 replicas, min.insync.replicas 2):
 * ingest, two reconciler instances and two alerting instances in child JVMs, each pair sharing one
 * application id; the records are posted through ingest over {@link #SEND} while, in turn, the
 * active controller is killed with -9 and restarted, the active alerting instance (the one
 * delivering the most partitions of the alerts topic) is killed with -9 between two deliveries,
 * reconciler b is killed with -9 and restarted (and, as an operator would before the next restart,
 * waited for until its standby copies caught up), the registry is down for 60 s while reconciler a
 * is killed with -9 and restarted from its schema cache, and the killed alerting instance is
 * restarted (taking partitions back from the other). REST is polled for a dozen pairs every 500 ms
 * throughout. {@code ClusterFaultScenario [seed] [--no-faults]} exits 1 unless the oracle finds the
 * run complete (noise is only reported), no valid record reached the DLQ, no alert was delivered
 * twice (but for one the killed instance had delivered and not yet written to its ledger, repeated
 * once after the kill with the same key: the ledger topic is read to tell), the surviving alerting
 * instance delivered every partition within {@link #MAX_TAKEOVER} of the kill, ingest never
 * answered 503, REST never went {@link #MAX_REST_GAP} without answering a pair and never answered
 * 404 for a pair it had answered before.
 */
public final class ClusterFaultScenario {
  static final int NODES = 3;
  static final int PARTITIONS = 4;
  static final Duration SEND = Duration.ofSeconds(150);
  static final Duration MAX_REST_GAP = Duration.ofSeconds(10);
  static final Duration MAX_TAKEOVER = Duration.ofSeconds(30);
  private static final int PROBED_PAIRS = 12;

  /** A standby copy this close to its changelog takes over within a second or two. */
  private static final long COPY_LAG = 200;

  private static final Duration COPY_PATIENCE = Duration.ofSeconds(90);

  /** What a run produced. */
  public record Result(
      SmokeScenario.Result run,
      long dlq,
      long unavailable,
      Map<String, String> repeatedAlerts,
      Set<String> repeatedInFlight,
      Duration alertingTakeover,
      RestProbe.Result rest) {
    /**
     * The oracle finds the run complete (nothing lost, doubled or wrong; every expected finding,
     * breach and alert seen) and every other check holds; noise is reported, not judged here.
     */
    public boolean passed() {
      return run.report().complete()
          && run.generated() == run.posted()
          && run.posted() == run.stored()
          && run.garbageRefused() > 0
          && dlq == 0
          && unavailable == 0
          && repeatedAlerts.isEmpty()
          && (alertingTakeover == null || alertingTakeover.compareTo(MAX_TAKEOVER) <= 0)
          && rest.neverAnswered() == 0
          && rest.notFoundAfterAnswer() == 0
          && rest.longestGap().compareTo(MAX_REST_GAP) <= 0;
    }

    public String render() {
      return run.render()
          + "records on the DLQ (read_committed) "
          + dlq
          + ", ingest answers 503 "
          + unavailable
          + ", alert notifications delivered more than once "
          + repeatedAlerts
          + " (besides those delivered by the killed instance but not yet in its ledger, repeated"
          + " once after the kill with the same key: "
          + repeatedInFlight
          + ")\n"
          + (alertingTakeover == null
              ? ""
              : "alerting instance killed: the other delivered every partition after "
                  + alertingTakeover.toMillis()
                  + " ms\n")
          + rest.render()
          + (passed() ? "CLUSTER FAULT RUN: PASS" : "CLUSTER FAULT RUN: FAIL")
          + " (the oracle's verdict above also counts noise)\n";
    }
  }

  /** One fault, {@code at} after the first record is posted. */
  private record Step(Duration at, String what, Runnable action) {}

  private ClusterFaultScenario() {}

  public static Scenario scenario(long seed) {
    return Scenario.smoke(seed, PARTITIONS).withSize(12, 10);
  }

  public static Result run(Path dir, long seed) {
    return run(dir, seed, true);
  }

  /** {@code faults} false: the same run without any fault, to tell their effects from the rest. */
  public static Result run(Path dir, long seed, boolean faults) {
    TrafficGenerator generator = new TrafficGenerator(scenario(seed));
    Path inventory = generator.writeInventory(dir.resolve("workflows.yaml"));
    GroundTruth truth = generator.groundTruth();
    truth.write(dir.resolve("expected.jsonl"));
    List<Timed> records = new ArrayList<>();
    generator.generate(records::add);
    LocalPlatformConfig config =
        LocalPlatformConfig.in(dir.resolve("platform"))
            .withBrokers(NODES)
            .withTopics(new TopicSettings(PARTITIONS, (short) NODES));
    PipelineOptions options =
        new PipelineOptions(dir, inventory, PARTITIONS, true, Duration.ofMillis(500), "cluster");
    try (LocalPlatform platform = LocalPlatform.start(config);
        LocalPipeline pipeline = LocalPipeline.start(platform, options, false)) {
      AlertingFailover alerting =
          new AlertingFailover(
              pipeline.startChildAlerting("a", Ports.free()),
              pipeline.startChildAlerting("b", Ports.free()),
              pipeline.receiver(),
              PARTITIONS);
      int portA = Ports.free();
      int portB = Ports.free();
      ChildReconciler a = pipeline.startChildReconciler("a", portA);
      ChildReconciler b = pipeline.startChildReconciler("b", portB);
      alerting.awaitShared(Duration.ofMinutes(3));
      IngestHttpSink sink = pipeline.ingestSink(25, 3);
      Thread faultThread = faults(faults ? steps(platform, a, b, alerting) : List.of());
      RestProbe probe = null;
      long start = System.nanoTime();
      for (int i = 0; i < records.size(); i++) {
        pace(start, i, records.size());
        if (probe == null && i >= records.size() / 10) {
          sink.flush();
          log("+" + (System.nanoTime() - start) / 1_000_000_000 + "s REST probe started");
          probe =
              RestProbe.start(
                  List.of(instance(portA), instance(portB)),
                  firstPairs(records, i),
                  Duration.ofMillis(500));
        }
        sink.send(records.get(i));
      }
      sink.flush();
      join(faultThread);
      Oracle oracle =
          new Oracle(
              platform.kafkaConfig(),
              platform.catalog(),
              pipeline.receiver(),
              Duration.ofSeconds(5));
      OracleReport report = oracle.judge(truth, Duration.ofMinutes(3));
      RestProbe.Result rest = probe.stop();
      SmokeScenario.Result run =
          new SmokeScenario.Result(
              report,
              records.size(),
              sink.records(),
              sink.garbageRefused(),
              TopicCounts.inputRecords(platform.kafkaConfig()));
      AlertingFailover.Repeats repeats =
          alerting.repeats(
              LedgerHistory.read(
                  platform.kafkaConfig(), options.idPrefix() + "-alerting.deliveries"));
      return new Result(
          run,
          TopicCounts.committedRecords(platform.kafkaConfig(), TopicCatalog.DLQ),
          sink.unavailable(),
          repeats.others(),
          repeats.inFlight(),
          alerting.takeover(),
          rest);
    }
  }

  private static List<Step> steps(
      LocalPlatform platform, ChildReconciler a, ChildReconciler b, AlertingFailover alerting) {
    KafkaBroker[] controller = new KafkaBroker[1];
    return List.of(
        new Step(
            Duration.ofSeconds(15),
            "kill -9 the active controller",
            () -> {
              controller[0] = platform.kafka().node(platform.kafka().activeControllerId());
              log("  node " + controller[0].config().nodeId());
              controller[0].kill();
            }),
        new Step(Duration.ofSeconds(25), "restart that node", () -> controller[0].start()),
        new Step(
            Duration.ofSeconds(38), "kill -9 the active alerting instance", alerting::killActive),
        new Step(Duration.ofSeconds(55), "kill -9 reconciler b", b::kill),
        new Step(
            Duration.ofSeconds(65),
            "restart reconciler b, and wait until it holds caught-up copies of every task",
            () -> awaitCopies(b.start())),
        new Step(Duration.ofSeconds(80), "kill -9 the registry", platform.registry()::kill),
        new Step(Duration.ofSeconds(85), "kill -9 reconciler a", a::kill),
        new Step(Duration.ofSeconds(115), "restart reconciler a (registry still down)", a::start),
        new Step(Duration.ofSeconds(140), "restart the registry", platform.registry()::start),
        // late, so that its start and the partitions it takes back do not load the machine while
        // the reconcilers fail over
        new Step(
            Duration.ofSeconds(145),
            "restart the killed alerting instance",
            alerting::restartKilled));
  }

  /**
   * Runs the steps in turn, each at its time; a step that takes longer than the time before the
   * next one (waiting for a restarted instance) shifts every later step by the excess, so that
   * their spacing holds.
   */
  private static Thread faults(List<Step> steps) {
    long start = System.nanoTime();
    Thread t =
        new Thread(
            () -> {
              long shift = 0;
              for (Step s : steps) {
                long due = start + s.at().toNanos() + shift;
                shift += Math.max(0, System.nanoTime() - due);
                sleepUntil(start + s.at().toNanos() + shift);
                log("+" + (System.nanoTime() - start) / 1_000_000_000 + "s " + s.what());
                s.action().run();
              }
            },
            "cluster-faults");
    t.start();
    return t;
  }

  /**
   * Waits until {@code r} could stand in for the other instance: REST answers a dead instance's
   * pairs from a standby copy only once that copy is caught up (docs/reconciler.md, Failover of
   * reads).
   */
  private static void awaitCopies(ChildReconciler r) {
    Duration took = r.awaitCopies(PARTITIONS, COPY_LAG, COPY_PATIENCE);
    log(
        took == null
            ? "  its copies did not catch up within " + COPY_PATIENCE.toSeconds() + " s"
            : "  it holds every task, its copies caught up, after " + took.toMillis() + " ms");
  }

  /** The first {@link #PROBED_PAIRS} pairs among the records posted so far. */
  private static List<String> firstPairs(List<Timed> records, int posted) {
    Set<String> keys = new LinkedHashSet<>();
    for (int i = 0; i < posted && keys.size() < PROBED_PAIRS; i++) {
      keys.add(records.get(i).key());
    }
    return List.copyOf(keys);
  }

  private static URI instance(int port) {
    return URI.create("http://127.0.0.1:" + port);
  }

  private static void pace(long start, int i, int n) {
    sleepUntil(start + SEND.toNanos() * i / n);
  }

  private static void sleepUntil(long nanos) {
    long wait = nanos - System.nanoTime();
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void log(String what) {
    System.out.println("[cluster] " + what);
  }

  public static void main(String[] args) throws IOException {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 20261122L;
    Path dir = Files.createTempDirectory("dualrun-cluster-");
    boolean faults = args.length < 2 || !args[1].equals("--no-faults");
    Result result = run(dir, seed, faults);
    System.out.println(result.render());
    System.exit(result.passed() ? 0 : 1);
  }
}
