package io.dualrun.reconciler.web;

import io.dualrun.platform.LocalPlatform;
import io.dualrun.reconciler.ReconcilerMain;
import io.dualrun.reconciler.ReconcilerService;
import io.dualrun.schemas.PairKey;
import io.dualrun.schemas.avro.ColumnStats;
import io.dualrun.schemas.avro.ColumnType;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.topic.TopicCatalog;
import io.dualrun.service.lifecycle.ServiceHost;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real reconciler (its REST routes plus the dashboard on one Javalin app) against a real broker
 * and registry, fed two inventoried workflows: {@code sales-daily} (two matching partitions, so
 * READY) and {@code stock-daily} (one match, then a ROW_COUNT mismatch on {@link #MISMATCH}).
 */
public final class LiveReconciler implements AutoCloseable {
  public static final String MISMATCH = "2026-11-21";
  public static final long BASELINE_ROWS = 1000;
  public static final long CANDIDATE_ROWS = 900;

  private static final String INVENTORY =
      """
      defaults:
        readinessPartitions: 2
        durationRatio: 1.5
      workflows:
        sales-daily:
          owner: sales-data
          tier: 1
          baseline: {orchestrator: cron, job: sales.sh}
          candidate: {orchestrator: airflow, job: sales}
          outputs:
            - name: dw.sales
        stock-daily:
          owner: supply-chain
          tier: 2
          baseline: {orchestrator: cron, job: stock.sh}
          candidate: {orchestrator: airflow, job: stock}
          inputs: [dw.sales]
          outputs:
            - name: dw.stock
      """;

  private final LocalPlatform platform;
  private final ServiceHost app;
  private int ids;

  private LiveReconciler(LocalPlatform platform, ServiceHost app) {
    this.platform = platform;
    this.app = app;
  }

  public static LiveReconciler start() throws IOException {
    LocalPlatform platform = LocalPlatform.startEphemeral();
    try {
      Path work = Files.createTempDirectory(Path.of("target"), "live-reconciler");
      Path inventory = Files.writeString(work.resolve("workflows.yaml"), INVENTORY);
      Path config =
          Files.writeString(
              work.resolve("reconciler.yaml"),
              String.join(
                  "\n",
                  "kafka:",
                  "  bootstrap-servers: " + platform.bootstrapServers(),
                  "registry:",
                  "  url: " + platform.registryUrl(),
                  "inventory: " + inventory.toAbsolutePath(),
                  "reconciler:",
                  "  application-id: dashboard-it-" + UUID.randomUUID(),
                  "  state-dir: " + work.resolve("state").toAbsolutePath(),
                  "  commit-interval: 100ms",
                  ""));
      ServiceHost app = ReconcilerService.run(ReconcilerMain.load(config).withHttpPort(0));
      LiveReconciler live = new LiveReconciler(platform, app);
      live.feed();
      return live;
    } catch (IOException | RuntimeException e) {
      platform.close();
      throw e;
    }
  }

  /** Writes {@code report} to dualrun.diffs.v1, keyed by its pair, as dualrun drilldown does. */
  public void publish(io.dualrun.schemas.avro.DiffReport report) throws Exception {
    try (var producer =
        new org.apache.kafka.clients.producer.KafkaProducer<>(
            platform.kafkaConfig(),
            platform.catalog().diffs().keySerde().serializer(),
            platform.catalog().diffs().valueSerde().serializer())) {
      producer
          .send(
              new org.apache.kafka.clients.producer.ProducerRecord<>(
                  platform.catalog().diffs().name(),
                  report.getWorkflow() + "/" + report.getPartition(),
                  report))
          .get();
    }
  }

  public String url() {
    return "http://127.0.0.1:" + app.port();
  }

  /** Sends the records and waits until the REST API shows every pair decided. */
  private void feed() throws IOException {
    List<Object> records = new ArrayList<>();
    records.addAll(pair("sales-daily", "2026-11-20", "dw.sales", 500, 500, 20, 22));
    records.addAll(pair("sales-daily", "2026-11-21", "dw.sales", 510, 510, 20, 21));
    records.addAll(pair("stock-daily", "2026-11-20", "dw.stock", 1000, 1000, 10, 10));
    records.addAll(
        pair("stock-daily", MISMATCH, "dw.stock", BASELINE_ROWS, CANDIDATE_ROWS, 10, 12));
    send(records);
    awaitDecided(
        List.of(
            "sales-daily/2026-11-20",
            "sales-daily/2026-11-21",
            "stock-daily/2026-11-20",
            "stock-daily/" + MISMATCH));
  }

  private List<Object> pair(
      String workflow,
      String partition,
      String output,
      long baselineRows,
      long candidateRows,
      int baselineMinutes,
      int candidateMinutes) {
    Instant start = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    List<Object> out = new ArrayList<>();
    String same = "00000000000000aa";
    String candidateHash = baselineRows == candidateRows ? same : "00000000000000bb";
    out.addAll(
        side(
            workflow,
            partition,
            Side.BASELINE,
            start,
            baselineMinutes,
            output,
            baselineRows,
            same));
    out.addAll(
        side(
            workflow,
            partition,
            Side.CANDIDATE,
            start,
            candidateMinutes,
            output,
            candidateRows,
            candidateHash));
    return out;
  }

  private List<Object> side(
      String workflow,
      String partition,
      Side side,
      Instant start,
      int minutes,
      String output,
      long rows,
      String hash) {
    String runId = side.name().toLowerCase() + "-" + workflow + "-" + partition;
    Instant end = start.plus(Duration.ofMinutes(minutes));
    return List.of(
        event(workflow, partition, side, runId, RunStatus.STARTED, start),
        event(workflow, partition, side, runId, RunStatus.SUCCEEDED, end),
        OutputFingerprint.newBuilder()
            .setEventId("f-" + (++ids))
            .setWorkflow(workflow)
            .setPartition(partition)
            .setSide(side)
            .setRunId(runId)
            .setAttempt(1)
            .setOutput(output)
            .setEventTime(end)
            .setRowCount(rows)
            .setContentHash(
                rows == 1000 || rows == 500 || rows == 510
                    ? "00000000000000aa"
                    : "00000000000000bb")
            .setSchema$(new ArrayList<>(List.of(new ColumnType("id", "integer"))))
            .setColumns(
                new ArrayList<>(List.of(new ColumnStats("id", 0L, "1", Long.toString(rows), null))))
            .setBuckets(null)
            .build());
  }

  private RunEvent event(
      String workflow, String partition, Side side, String runId, RunStatus status, Instant time) {
    return RunEvent.newBuilder()
        .setEventId("e-" + (++ids))
        .setWorkflow(workflow)
        .setPartition(partition)
        .setSide(side)
        .setOrchestrator(side == Side.BASELINE ? "cron" : "airflow")
        .setRunId(runId)
        .setAttempt(1)
        .setStatus(status)
        .setEventTime(time)
        .setLogUrl("https://logs.example.com/" + runId)
        .setAttributes(new HashMap<>())
        .build();
  }

  private void send(List<Object> records) {
    TopicCatalog catalog = platform.catalog();
    Map<String, Object> props = new HashMap<>(platform.kafkaConfig());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, RunEvent> events =
            new KafkaProducer<>(
                props, new StringSerializer(), catalog.runEvents().valueSerde().serializer());
        KafkaProducer<String, OutputFingerprint> prints =
            new KafkaProducer<>(
                props, new StringSerializer(), catalog.fingerprints().valueSerde().serializer())) {
      for (Object r : records) {
        if (r instanceof RunEvent e) {
          events.send(
              new ProducerRecord<>(
                  TopicCatalog.RUN_EVENTS, PairKey.key(e.getWorkflow(), e.getPartition()), e));
        } else {
          OutputFingerprint f = (OutputFingerprint) r;
          prints.send(
              new ProducerRecord<>(
                  TopicCatalog.FINGERPRINTS, PairKey.key(f.getWorkflow(), f.getPartition()), f));
        }
      }
    }
  }

  private void awaitDecided(List<String> keys) throws IOException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    String last = "";
    for (String key : keys) {
      while (true) {
        HttpResponse<String> answer;
        try {
          answer =
              http.send(
                  HttpRequest.newBuilder(URI.create(url() + "/v1/pairs/" + key)).build(),
                  HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
        last = answer.statusCode() + " " + answer.body();
        if (answer.statusCode() == 200 && answer.body().contains("\"decidedAt\"")) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(key + " was not decided within 120 s: " + last);
        }
        sleep();
      }
    }
  }

  private static void sleep() throws IOException {
    try {
      Thread.sleep(300);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public void close() {
    app.close();
    platform.close();
  }
}
