package io.dualrun.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.reconciler.rest.ReconcilerRoutes;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.json.AvroJson;
import io.dualrun.schemas.topic.TopicCatalog;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two reconciler JVMs share the work on a real broker and registry; one is killed (not closed)
 * mid-stream. Afterwards every pair has exactly one verdict per revision, and REST answers for
 * pairs held by either instance.
 */
class ReconcilerFailoverIT {
  private static final int PAIRS = 120;
  private static final int RERUNS = 30;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static LocalPlatform platform;
  private static Path work;

  @BeforeAll
  static void startPlatform() throws IOException {
    platform = LocalPlatform.startEphemeral();
    work = Files.createTempDirectory(Path.of("target"), "failover-it");
  }

  @AfterAll
  static void stopPlatform() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void killedInstanceLosesAndDuplicatesNoVerdict() throws Exception {
    String appId = "reconciler-it-" + UUID.randomUUID();
    Instance a = Instance.start(appId, "a");
    Instance b = Instance.start(appId, "b");
    ListPoller lists = null;
    try (KafkaProducer<String, RunEvent> events =
            producer(platform.catalog().runEvents().valueSerde().serializer());
        KafkaProducer<String, OutputFingerprint> prints =
            producer(platform.catalog().fingerprints().valueSerde().serializer())) {
      a.awaitRunning();
      b.awaitRunning();
      a.awaitReady();
      for (int i = 0; i < PAIRS / 2; i++) {
        sendPair(events, prints, i);
      }
      events.flush();
      prints.flush();
      awaitVerdicts(PAIRS / 2);
      for (int i = 0; i < 10; i++) {
        assertThat(a.pair("wf-" + (i % 4), "p-" + i).path("revision").asInt()).isEqualTo(1);
        assertThat(b.pair("wf-" + (i % 4), "p-" + i).path("revision").asInt()).isEqualTo(1);
      }
      // the partitions of a workflow are held by both instances: each lists them all
      java.util.Set<String> expected = new java.util.TreeSet<>();
      for (int i = 0; i < PAIRS / 2; i += 4) {
        expected.add("p-" + i + "=MATCH");
      }
      assertThat(a.partitions("wf-0")).isEqualTo(expected);
      assertThat(b.partitions("wf-0")).isEqualTo(expected);
      for (int i = PAIRS / 2; i < PAIRS; i++) {
        sendPair(events, prints, i);
        if (i == PAIRS / 2 + 10) {
          events.flush();
          prints.flush();
          b.awaitCaughtUpCopies();
          a.kill();
          lists = ListPoller.start(b);
          standbyAnswersForTheDeadInstance(b);
        }
      }
      for (int i = 0; i < RERUNS; i++) {
        sendRerun(events, prints, i);
      }
      events.flush();
      prints.flush();
      Map<String, Integer> counts = awaitVerdicts(PAIRS + RERUNS);
      lists.stopAndCheck();
      for (int i = 0; i < PAIRS; i++) {
        String key = "wf-" + (i % 4) + "/p-" + i;
        assertThat(counts.get(key + "#1")).as(key + " revision 1").isEqualTo(1);
        assertThat(counts.get(key + "#2")).as(key + " revision 2").isEqualTo(i < RERUNS ? 1 : null);
      }
      assertThat(counts.values()).allMatch(n -> n == 1);
      for (int i = 0; i < PAIRS; i += 7) {
        JsonNode pair = b.pair("wf-" + (i % 4), "p-" + i);
        assertThat(pair.path("revision").asInt()).isEqualTo(i < RERUNS ? 2 : 1);
        assertThat(pair.path("outcome").asText()).isEqualTo(i < RERUNS ? "MISMATCH" : "MATCH");
      }
    } finally {
      if (lists != null) {
        lists.interrupt();
      }
      a.kill();
      b.kill();
    }
  }

  /**
   * Asks the survivor for {@code /v1/workflows} every 200 ms from the kill until every verdict has
   * arrived: through the group's notice of the death and the rebalance that moves the dead
   * instance's tasks, every answer is 200 (from standby or restoring copies, marked stale). It asks
   * for a few pairs judged before the kill too: none may be 404 (a copy being restored, or a
   * standby being made active, read as current); 503 is allowed while no copy can be read.
   */
  private static final class ListPoller extends Thread {
    private final Instance survivor;
    private final List<String> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.Set<String> states = new java.util.concurrent.ConcurrentSkipListSet<>();
    private volatile int answered;
    private volatile int stale;

    private ListPoller(Instance survivor) {
      super("list-poller");
      this.survivor = survivor;
      setDaemon(true);
    }

    static ListPoller start(Instance survivor) {
      ListPoller p = new ListPoller(survivor);
      p.start();
      return p;
    }

    @Override
    public void run() {
      while (!isInterrupted()) {
        try {
          HttpResponse<String> r = survivor.get("/v1/workflows");
          if (r.statusCode() == 200) {
            answered++;
            if (r.headers().firstValue(ReconcilerRoutes.STALE_HEADER).isPresent()) {
              stale++;
            }
          } else {
            refusals.add(r.statusCode() + " " + r.body());
          }
          for (int i = 0; i < 8; i++) {
            HttpResponse<String> pair = survivor.get("/v1/pairs/wf-" + (i % 4) + "/p-" + i);
            if (pair.statusCode() == 404) {
              refusals.add("a pair judged before the kill: 404 " + pair.body());
            }
          }
          String health = survivor.get("/health").body();
          if (health.contains("REBALANCING")) {
            states.add("REBALANCING");
          }
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        } catch (IOException e) {
          refusals.add(e.toString());
        }
      }
    }

    void stopAndCheck() throws InterruptedException {
      interrupt();
      join(20_000);
      assertThat(refusals)
          .as(
              "/v1/workflows refused on the survivor ("
                  + answered
                  + " answered, "
                  + stale
                  + " marked stale, states seen "
                  + states
                  + ")")
          .isEmpty();
      assertThat(answered).as("/v1/workflows answers on the survivor").isGreaterThan(10);
      assertThat(stale).as("answers naming the dead instance").isPositive();
    }
  }

  /**
   * Right after a kill, before the consumer group notices (session timeout 30 s), the survivor
   * answers every pair within 10 s: the dead instance's pairs from its standby copy, marked stale;
   * lists name the dead instance in a header.
   */
  private static void standbyAnswersForTheDeadInstance(Instance survivor) throws Exception {
    int stale = 0;
    for (int j = 0; j < 12; j++) {
      String path = "/v1/pairs/wf-" + (j % 4) + "/p-" + j;
      long asked = System.nanoTime();
      HttpResponse<String> r = survivor.get(path);
      while (r.statusCode() != 200
          && System.nanoTime() - asked < Duration.ofSeconds(10).toNanos()) {
        Thread.sleep(500);
        r = survivor.get(path);
      }
      assertThat(r.statusCode()).as(path + " within 10 s of asking: " + r.body()).isEqualTo(200);
      assertThat(AvroJson.MAPPER.readTree(r.body()).path("revision").asInt()).isEqualTo(1);
      if (AvroJson.MAPPER.readTree(r.body()).path("stale").asBoolean()) {
        stale++;
      }
    }
    assertThat(stale).as("pairs answered from a standby copy").isPositive();
    HttpResponse<String> list = survivor.get("/v1/workflows");
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    assertThat(list.headers().firstValue(ReconcilerRoutes.STALE_HEADER)).isPresent();
  }

  private static void sendPair(
      KafkaProducer<String, RunEvent> events,
      KafkaProducer<String, OutputFingerprint> prints,
      int i) {
    String wf = "wf-" + (i % 4);
    String p = "p-" + i;
    for (Object r : Harness.matchingPair(wf, p, "out." + wf)) {
      send(events, prints, r);
    }
  }

  private static void sendRerun(
      KafkaProducer<String, RunEvent> events,
      KafkaProducer<String, OutputFingerprint> prints,
      int i) {
    String wf = "wf-" + (i % 4);
    String p = "p-" + i;
    send(
        events,
        prints,
        Harness.event(wf, p, Side.CANDIDATE, 2, RunStatus.SUCCEEDED, Harness.T0.plusSeconds(900)));
    send(
        events,
        prints,
        Harness.fingerprint(wf, p, Side.CANDIDATE, 2, "out." + wf, 99, "00000000000000aa"));
  }

  private static void send(
      KafkaProducer<String, RunEvent> events,
      KafkaProducer<String, OutputFingerprint> prints,
      Object r) {
    if (r instanceof RunEvent e) {
      events.send(
          new ProducerRecord<>(
              TopicCatalog.RUN_EVENTS, e.getWorkflow() + "/" + e.getPartition(), e));
    } else {
      OutputFingerprint f = (OutputFingerprint) r;
      prints.send(
          new ProducerRecord<>(
              TopicCatalog.FINGERPRINTS, f.getWorkflow() + "/" + f.getPartition(), f));
    }
  }

  private static <V> KafkaProducer<String, V> producer(
      org.apache.kafka.common.serialization.Serializer<V> values) {
    Map<String, Object> props = new HashMap<>(platform.kafkaConfig());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new StringSerializer(), values);
  }

  /** Reads dualrun.verdicts.v1 (read_committed) until {@code expected} verdicts arrived. */
  private static Map<String, Integer> awaitVerdicts(int expected) {
    Properties props = new Properties();
    props.putAll(platform.kafkaConfig());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Map<String, Integer> counts = new HashMap<>();
    int total = 0;
    try (KafkaConsumer<String, Verdict> consumer =
        new KafkaConsumer<>(
            props,
            new StringDeserializer(),
            platform.catalog().verdicts().valueSerde().deserializer())) {
      consumer.subscribe(List.of(TopicCatalog.VERDICTS));
      long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
      while (System.nanoTime() < deadline) {
        for (var r : consumer.poll(Duration.ofMillis(500))) {
          counts.merge(r.key() + "#" + r.value().getRevision(), 1, Integer::sum);
          total++;
        }
        if (total >= expected) {
          long settle = System.nanoTime() + Duration.ofSeconds(5).toNanos();
          while (System.nanoTime() < settle) {
            for (var r : consumer.poll(Duration.ofMillis(500))) {
              counts.merge(r.key() + "#" + r.value().getRevision(), 1, Integer::sum);
              total++;
            }
          }
          return counts;
        }
      }
    }
    throw new AssertionError(
        "only " + total + " of " + expected + " verdicts arrived: " + counts.keySet());
  }

  /** One reconciler in its own JVM. */
  private static final class Instance {
    private final Process process;
    private final int port;
    private final String name;

    private Instance(Process process, int port, String name) {
      this.process = process;
      this.port = port;
      this.name = name;
    }

    static Instance start(String appId, String name) throws IOException {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Path config = work.resolve(name + ".yaml");
      Files.writeString(
          config,
          String.join(
              "\n",
              "kafka:",
              "  bootstrap-servers: " + platform.bootstrapServers(),
              "registry:",
              "  url: " + platform.registryUrl(),
              "reconciler:",
              "  application-id: " + appId,
              "  state-dir: " + work.resolve("state-" + name).toAbsolutePath(),
              "  commit-interval: 100ms",
              "  http:",
              "    port: " + port,
              "  streams:",
              "    properties:",
              "      consumer.session.timeout.ms: 30000",
              "      consumer.heartbeat.interval.ms: 3000",
              ""));
      Process p =
          io.dualrun.platform.ChildJvm.start(
              ReconcilerMain.class,
              List.of("--config", config.toString()),
              "384m",
              work.resolve(name + ".log"));
      Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
      return new Instance(p, port, name);
    }

    void awaitRunning() throws Exception {
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      String last = "";
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new AssertionError(
              "instance " + name + " exited; see " + work.resolve(name + ".log"));
        }
        try {
          last = get("/health").body();
          if (last.contains("RUNNING")) {
            return;
          }
        } catch (IOException e) {
          last = e.toString();
        }
        Thread.sleep(300);
      }
      throw new AssertionError("instance " + name + " not RUNNING: " + last);
    }

    void awaitReady() throws Exception {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      HttpResponse<String> r = get("/ready");
      while (r.statusCode() != 200 && System.nanoTime() < deadline) {
        Thread.sleep(300);
        r = get("/ready");
      }
      assertThat(r.statusCode()).as(name + " /ready: " + r.body()).isEqualTo(200);
      assertThat(r.body()).contains("\"streams\"", "\"kafka\"", "\"registry\"");
      HttpResponse<String> metrics = get("/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body())
          .as(name + " /metrics")
          .contains("kafka_stream_")
          .contains("dualrun_registry_waits_total")
          .contains("jvm_memory_used_bytes");
    }

    /**
     * Waits until this instance's {@code /metrics} says it holds standby copies caught up with
     * their changelogs (the moment an operator may take the other instance down).
     */
    void awaitCaughtUpCopies() throws Exception {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      double standbys = Double.NaN;
      double lag = Double.NaN;
      while (System.nanoTime() < deadline) {
        String body = get("/metrics").body();
        standbys = gauge(body, "dualrun_reconciler_standby_tasks");
        lag = gauge(body, "dualrun_reconciler_store_lag_records");
        if (standbys > 0 && lag <= 10) {
          assertThat(gauge(body, "dualrun_reconciler_active_tasks"))
              .as(name + " dualrun_reconciler_active_tasks")
              .isNotNaN()
              .isGreaterThanOrEqualTo(0);
          return;
        }
        Thread.sleep(300);
      }
      throw new AssertionError(
          name + " holds " + standbys + " standby tasks, " + lag + " records behind, after 60 s");
    }

    private static double gauge(String metrics, String name) {
      return metrics
          .lines()
          .filter(l -> l.startsWith(name + " "))
          .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1).trim()))
          .findFirst()
          .orElse(Double.NaN);
    }

    JsonNode pair(String workflow, String partition) throws Exception {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      HttpResponse<String> r = null;
      while (System.nanoTime() < deadline) {
        r = get("/v1/pairs/" + workflow + "/" + partition);
        if (r.statusCode() == 200) {
          return AvroJson.MAPPER.readTree(r.body());
        }
        Thread.sleep(500);
      }
      throw new AssertionError(
          name
              + " did not answer for "
              + workflow
              + "/"
              + partition
              + ": "
              + (r == null ? "" : r.statusCode() + " " + r.body()));
    }

    /** {@code partition=outcome} of every pair of the workflow, as this instance lists them. */
    java.util.Set<String> partitions(String workflow) throws Exception {
      HttpResponse<String> r = get("/v1/workflows/" + workflow + "/partitions");
      assertThat(r.statusCode()).as(name + ": " + r.body()).isEqualTo(200);
      java.util.Set<String> out = new java.util.TreeSet<>();
      AvroJson.MAPPER
          .readTree(r.body())
          .forEach(n -> out.add(n.path("partition").asText() + "=" + n.path("outcome").asText()));
      return out;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(15))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    void kill() {
      process.destroyForcibly();
    }
  }
}
