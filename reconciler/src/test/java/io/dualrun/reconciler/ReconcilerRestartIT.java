package io.dualrun.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.config.CommonSettings;
import io.dualrun.config.ConfigMap;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.reconciler.state.PairState;
import io.dualrun.reconciler.stream.StoreNames;
import io.dualrun.schemas.avro.DecisionReason;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.topic.TopicCatalog;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pair waiting for its settle period when the reconciler stops is still decided after the
 * restart: on a new instance whose state is restored from the changelog, the deadline index is
 * rebuilt from the restored pairs.
 */
class ReconcilerRestartIT {
  private static final Duration SETTLE = Duration.ofSeconds(20);

  private static LocalPlatform platform;
  private static Path work;

  @BeforeAll
  static void startPlatform() throws IOException {
    platform = LocalPlatform.startEphemeral();
    work = Files.createTempDirectory(Path.of("target"), "restart-it");
  }

  @AfterAll
  static void stopPlatform() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void aPairWaitingToSettleIsDecidedAfterARestartElsewhere() throws Exception {
    String appId = "reconciler-restart-it-" + UUID.randomUUID();
    Path inventory =
        Files.writeString(
            work.resolve("workflows.yaml"),
            "defaults:\n  settle: " + SETTLE.toSeconds() + "s\n  grace: 5s\n");
    String wf = "wf-restart";
    String partition = "2026-11-20";
    String key = Harness.key(wf, partition);
    long settlesAt;
    try (ReconcilerService first = ReconcilerService.create(config(appId, inventory, "first"))) {
      first.start(freePort());
      Instant now = Instant.now();
      try (KafkaProducer<String, RunEvent> events = producer()) {
        // both sides succeeded, no output known: the pair waits for the settle period
        for (Side side : Side.values()) {
          events.send(
              new ProducerRecord<>(
                  TopicCatalog.RUN_EVENTS,
                  key,
                  Harness.event(wf, partition, side, 1, RunStatus.SUCCEEDED, now)));
        }
      }
      // the pair is committed, with a deadline (an earlier look, or its settling)
      awaitStoredDeadline(first, key);
      settlesAt = now.plus(SETTLE).toEpochMilli();
    }
    assertThat(System.currentTimeMillis())
        .as("the first instance stopped before the pair settled")
        .isLessThan(settlesAt);
    try (ReconcilerService second = ReconcilerService.create(config(appId, inventory, "second"))) {
      second.start(freePort());
      List<Verdict> verdicts = awaitVerdicts(key, Duration.ofSeconds(90));
      assertThat(verdicts).hasSize(1);
      assertThat(verdicts.get(0).getReason()).isEqualTo(DecisionReason.SETTLED);
      assertThat(verdicts.get(0).getRevision()).isEqualTo(1);
      assertThat(verdicts.get(0).getDecidedAt().toEpochMilli()).isGreaterThanOrEqualTo(settlesAt);
    }
  }

  /**
   * An instance restoring its copy of a pair from the changelog (a new state directory; the restore
   * consumer made to wait 2 s for each fetch, so that the restore lasts) never answers 404 for the
   * pair: Kafka Streams lets a query read a store while it is being restored, and a copy without
   * the pair there says nothing about whether it exists. It answers 503 until its active task
   * processes the partition, then the current pair.
   */
  @Test
  void anInstanceRestoringAPairAnswers503NotUnknown() throws Exception {
    String appId = "reconciler-restore-it-" + UUID.randomUUID();
    Path inventory = Files.writeString(work.resolve("restore-workflows.yaml"), "defaults: {}\n");
    String wf = "wf-restore";
    String partition = "2026-11-21";
    String key = Harness.key(wf, partition);
    try (ReconcilerService first =
        ReconcilerService.create(config(appId, inventory, "restore-first", Map.of()))) {
      first.start(freePort());
      try (KafkaProducer<String, RunEvent> events = producer()) {
        events.send(
            new ProducerRecord<>(
                TopicCatalog.RUN_EVENTS,
                key,
                Harness.event(
                    wf, partition, Side.BASELINE, 1, RunStatus.SUCCEEDED, Instant.now())));
      }
      awaitStoredDeadline(first, key);
    }
    Map<String, String> slowRestore =
        Map.of(
            "restore.consumer.fetch.min.bytes", "104857600",
            "restore.consumer.fetch.max.wait.ms", "2000",
            "restore.consumer.max.partition.fetch.bytes", "1");
    ReconcilerService second =
        ReconcilerService.create(config(appId, inventory, "restore-second", slowRestore));
    io.javalin.Javalin app = io.javalin.Javalin.create(c -> c.showJavalinBanner = false);
    second.routes(app);
    app.start("127.0.0.1", 0);
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpRequest ask =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(
                    "http://127.0.0.1:" + app.port() + "/v1/pairs/" + wf + "/" + partition))
            .timeout(Duration.ofSeconds(15))
            .build();
    Map<Integer, Integer> statuses = new java.util.TreeMap<>();
    List<String> notFound = new ArrayList<>();
    String current = null;
    try (second) {
      second.start(app.port());
      long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (current == null && System.nanoTime() < until) {
        var answer = http.send(ask, java.net.http.HttpResponse.BodyHandlers.ofString());
        statuses.merge(answer.statusCode(), 1, Integer::sum);
        if (answer.statusCode() == 404) {
          notFound.add(answer.body());
        } else if (answer.statusCode() == 200 && !answer.body().contains("\"stale\"")) {
          current = answer.body();
        }
        Thread.sleep(50);
      }
    } finally {
      app.stop();
    }
    assertThat(notFound)
        .as("answers 404 for the stored pair (statuses " + statuses + ")")
        .isEmpty();
    assertThat(statuses.get(503))
        .as("503 while the copy was being restored (statuses " + statuses + ")")
        .isNotNull();
    assertThat(current)
        .as("the current pair, once restored (statuses " + statuses + ")")
        .isNotNull();
    var pair = new com.fasterxml.jackson.databind.ObjectMapper().readTree(current);
    assertThat(pair.path("workflow").asText() + "/" + pair.path("partition").asText())
        .isEqualTo(key);
    System.out.println("statuses while restoring and after: " + statuses);
  }

  /** The deadline the pair's committed state holds, once the store has it. */
  private static long awaitStoredDeadline(ReconcilerService service, String key)
      throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < until) {
      try {
        PairState s =
            service
                .streams()
                .store(
                    StoreQueryParameters.fromNameAndType(
                        StoreNames.PAIRS, QueryableStoreTypes.<String, PairState>keyValueStore()))
                .get(key);
        if (s != null && s.getDeadline() != null) {
          return s.getDeadline();
        }
      } catch (RuntimeException notQueryableYet) {
        // the store answers once the task is running
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the pair " + key + " was not stored with a deadline");
  }

  /** Every verdict for {@code key} (read_committed), waiting for the first then a little more. */
  private static List<Verdict> awaitVerdicts(String key, Duration patience) {
    Map<String, Object> props = new HashMap<>(platform.kafkaConfig());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<Verdict> found = new ArrayList<>();
    try (KafkaConsumer<String, Verdict> consumer =
        new KafkaConsumer<>(
            props,
            new StringDeserializer(),
            platform.catalog().verdicts().valueSerde().deserializer())) {
      consumer.subscribe(List.of(TopicCatalog.VERDICTS));
      long until = System.nanoTime() + patience.toNanos();
      while (System.nanoTime() < until) {
        for (var r : consumer.poll(Duration.ofMillis(500))) {
          if (key.equals(r.key())) {
            found.add(r.value());
          }
        }
        if (!found.isEmpty()) {
          // a second verdict would be a duplicate: give it time to show
          long more = System.nanoTime() + Duration.ofSeconds(5).toNanos();
          while (System.nanoTime() < more) {
            consumer
                .poll(Duration.ofMillis(500))
                .forEach(
                    r -> {
                      if (key.equals(r.key())) {
                        found.add(r.value());
                      }
                    });
          }
          return found;
        }
      }
    }
    throw new AssertionError("no verdict for " + key + " within " + patience);
  }

  private static ReconcilerConfig config(String appId, Path inventory, String name) {
    return config(appId, inventory, name, Map.of());
  }

  private static ReconcilerConfig config(
      String appId, Path inventory, String name, Map<String, String> streamsProperties) {
    Map<String, Object> flat = new HashMap<>();
    flat.put("reconciler.streams.properties", streamsProperties);
    flat.put("kafka.bootstrap-servers", platform.bootstrapServers());
    flat.put("registry.url", platform.registryUrl());
    flat.put("inventory", inventory.toString());
    flat.put("reconciler.application-id", appId);
    flat.put("reconciler.state-dir", work.resolve("state-" + name).toString());
    flat.put("reconciler.mode", "live");
    flat.put("reconciler.commit-interval", "100ms");
    ConfigMap map = ConfigMap.of("restart-it", flat);
    return ReconcilerConfig.from(map, CommonSettings.from(map));
  }

  private static KafkaProducer<String, RunEvent> producer() {
    Map<String, Object> props = new HashMap<>(platform.kafkaConfig());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(
        props, new StringSerializer(), platform.catalog().runEvents().valueSerde().serializer());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
