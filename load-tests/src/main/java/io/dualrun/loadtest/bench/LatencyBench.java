package io.dualrun.loadtest.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dualrun.loadtest.run.LocalPipeline;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.json.AvroJson;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * End-to-end detection latency in live mode: from the moment ingest accepted the second side's last
 * record of a mismatching pair (202) to the moment the alert reached the webhook receiver. Each
 * sample is its own workflow, so each gives one alert. Baseline: the latency of that last POST
 * itself. The way there is split into stages, each measured when a read_committed consumer in this
 * process first sees the sample's record: accepted → verdict committed (dualrun.verdicts.v1) →
 * alert decided (alerting's alerts topic) → delivered (the webhook).
 *
 * <pre>
 * LatencyBench [samples] [per-second] [partitions] [warm-up samples] [reconciler commit ms]
 *     [alerting commit ms]
 * </pre>
 *
 * Defaults: 300 samples at 20/s over 6 partitions, after 200 warm-up samples that are not counted,
 * with the reconciler and alerting committing every 30 ms (alerting as the reconciler when only the
 * reconciler's interval is given).
 */
final class LatencyBench {
  private LatencyBench() {}

  /**
   * Result: detection and POST histograms, and each stage's (microseconds).
   *
   * @param stages accepted → verdict, verdict → alert decided, alert decided → delivered
   */
  record Result(Histogram detection, Histogram post, int lost, Map<String, Histogram> stages) {}

  /** Runs alone against a fresh broker and registry, and prints the figures. */
  public static void main(String[] args) throws Exception {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 6;
    // samples sent first and not counted: the services' first seconds (class loading, JIT,
    // first fetches and commits) are not the steady state the figures describe
    int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 200;
    // the reconciler's and alerting's commit interval: each of the three exactly-once hops
    // (verdict, repartition by workflow, alerts topic) is visible only at a commit
    java.time.Duration reconcilerCommit =
        java.time.Duration.ofMillis(args.length > 4 ? Long.parseLong(args[4]) : 30);
    java.time.Duration alertingCommit =
        args.length > 5 ? java.time.Duration.ofMillis(Long.parseLong(args[5])) : reconcilerCommit;
    java.nio.file.Path work = java.nio.file.Files.createTempDirectory("dualrun-latency-");
    io.dualrun.loadtest.gen.Scenario scenario =
        new io.dualrun.loadtest.gen.Scenario(
            7, 20, 10, io.dualrun.loadtest.gen.Scenario.FIRST_DAY, partitions, 0.1, 0.2);
    Result r;
    try (var platform = BenchmarkSuite.platform(partitions);
        LocalPipeline pipe =
            LocalPipeline.start(
                platform,
                new io.dualrun.loadtest.run.PipelineOptions(
                    work,
                    new io.dualrun.loadtest.gen.TrafficGenerator(scenario)
                        .writeInventory(work.resolve("workflows.yaml")),
                    partitions,
                    false,
                    java.time.Duration.ZERO,
                    "latency",
                    reconcilerCommit,
                    alertingCommit))) {
      pipe.startReconciler("a");
      if (warmUp > 0) {
        run(pipe, warmUp, perSecond);
      }
      r = run(pipe, samples, perSecond);
    }
    print("detection (accepted -> webhook)", r.detection());
    print("baseline: the last POST", r.post());
    r.stages().forEach(LatencyBench::print);
    System.out.printf("lost: %d of %d%n", r.lost(), samples);
    System.exit(0);
  }

  private static void print(String name, Histogram h) {
    List<Double> p = percentiles(h);
    System.out.printf(
        java.util.Locale.ROOT,
        "%-40s p50 %8.1f ms  p99 %8.1f ms  p99.9 %8.1f ms  (n=%d)%n",
        name,
        p.get(0),
        p.get(1),
        p.get(2),
        h.getTotalCount());
  }

  static Result run(LocalPipeline pipeline, int samples, int perSecond) {
    Histogram detection = new Histogram(3_600_000_000L, 3);
    Histogram post = new Histogram(3_600_000_000L, 3);
    Map<String, Long> accepted = new ConcurrentHashMap<>();
    Map<String, Long> alerted = new ConcurrentHashMap<>();
    StageWatch watch = StageWatch.start(pipeline);
    pipeline
        .receiver()
        .onDelivery(
            d -> {
              if (d.alertId().endsWith("/CONTENT") && d.firing()) {
                alerted.putIfAbsent(d.workflow(), d.receivedNanos());
              }
            });
    HttpClient http = HttpClient.newHttpClient();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    long pace = 1_000_000_000L / perSecond;
    long next = System.nanoTime();
    for (int i = 0; i < samples; i++) {
      String workflow =
          String.format("lat-%05d-%s", i, UUID.randomUUID().toString().substring(0, 6));
      pool.submit(() -> sample(pipeline, http, workflow, accepted, post));
      next += pace;
      ReplayBench.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
    }
    pool.shutdown();
    try {
      pool.awaitTermination(5, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (alerted.keySet().containsAll(accepted.keySet()) == false
        && System.nanoTime() < deadline) {
      ReplayBench.sleep(200);
    }
    watch.close();
    int lost = 0;
    Map<String, Histogram> stages = new java.util.LinkedHashMap<>();
    Histogram toVerdict = new Histogram(3_600_000_000L, 3);
    Histogram toDecision = new Histogram(3_600_000_000L, 3);
    Histogram toDelivery = new Histogram(3_600_000_000L, 3);
    for (var e : accepted.entrySet()) {
      Long at = alerted.get(e.getKey());
      if (at == null) {
        lost++;
        continue;
      }
      detection.recordValue(Math.max(0, (at - e.getValue()) / 1000));
      Long verdict = watch.verdicts().get(e.getKey());
      Long decided = watch.alerts().get(e.getKey());
      if (verdict != null && decided != null) {
        toVerdict.recordValue(Math.max(0, (verdict - e.getValue()) / 1000));
        toDecision.recordValue(Math.max(0, (decided - verdict) / 1000));
        toDelivery.recordValue(Math.max(0, (at - decided) / 1000));
      }
    }
    stages.put("accepted -> verdict committed", toVerdict);
    stages.put("verdict committed -> alert decided", toDecision);
    stages.put("alert decided -> delivered", toDelivery);
    return new Result(detection, post, lost, stages);
  }

  private static void sample(
      LocalPipeline p,
      HttpClient http,
      String workflow,
      Map<String, Long> accepted,
      Histogram post) {
    try {
      Instant now = Instant.now();
      post(p, http, "/v1/events", events(workflow, Side.BASELINE, now));
      post(
          p,
          http,
          "/v1/fingerprints",
          fingerprint(workflow, Side.BASELINE, now, "00000000000000aa"));
      post(p, http, "/v1/events", events(workflow, Side.CANDIDATE, now));
      long start = System.nanoTime();
      post(
          p,
          http,
          "/v1/fingerprints",
          fingerprint(workflow, Side.CANDIDATE, now, "00000000000000bb"));
      long done = System.nanoTime();
      accepted.put(workflow, done);
      synchronized (post) {
        post.recordValue((done - start) / 1000);
      }
    } catch (RuntimeException e) {
      System.err.println("latency sample " + workflow + " failed: " + e.getMessage());
    }
  }

  private static ArrayNode events(String workflow, Side side, Instant t) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    a.add(AvroJson.write(event(workflow, side, RunStatus.STARTED, t.minusSeconds(60))));
    a.add(AvroJson.write(event(workflow, side, RunStatus.SUCCEEDED, t)));
    return a;
  }

  private static RunEvent event(String workflow, Side side, RunStatus status, Instant t) {
    return RunEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setWorkflow(workflow)
        .setPartition("2026-11-01")
        .setSide(side)
        .setOrchestrator(side == Side.BASELINE ? "cron" : "airflow")
        .setRunId(workflow + "-" + side)
        .setAttempt(1)
        .setStatus(status)
        .setEventTime(t)
        .setAttributes(Map.of())
        .build();
  }

  private static ArrayNode fingerprint(String workflow, Side side, Instant t, String hash) {
    OutputFingerprint f =
        OutputFingerprint.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setWorkflow(workflow)
            .setPartition("2026-11-01")
            .setSide(side)
            .setRunId(workflow + "-" + side)
            .setAttempt(1)
            .setOutput(workflow + ".out")
            .setEventTime(t)
            .setRowCount(100)
            .setContentHash(hash)
            .build();
    return JsonNodeFactory.instance.arrayNode().add(AvroJson.write(f));
  }

  private static void post(LocalPipeline p, HttpClient http, String path, ArrayNode body) {
    HttpRequest r =
        HttpRequest.newBuilder(p.ingestUrl().resolve(path))
            .header("Authorization", "Bearer " + p.token())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    try {
      HttpResponse<String> answer = http.send(r, HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 202) {
        throw new IllegalStateException(
            "ingest answered " + answer.statusCode() + ": " + answer.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static List<Double> percentiles(Histogram h) {
    return List.of(
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getValueAtPercentile(99.9) / 1000.0);
  }
}
