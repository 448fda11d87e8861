package io.dualrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.topic.Topic;
import io.dualrun.service.lifecycle.HostedService;
import io.dualrun.service.probe.ReadinessCheck;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandaloneIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;

  @Test
  void startsServesHealthStopsAndKeepsItsDataForTheNextStart() throws Exception {
    RunEvent event =
        RunEvent.newBuilder()
            .setEventId("evt-standalone-1")
            .setWorkflow("revenue-daily")
            .setPartition("2026-11-20")
            .setSide(Side.BASELINE)
            .setOrchestrator("cron")
            .setRunId("cron-20261121-0705")
            .setAttempt(1)
            .setStatus(RunStatus.SUCCEEDED)
            .setEventTime(Instant.parse("2026-11-21T07:14:00Z"))
            .build();
    List<String> lifecycle = new ArrayList<>();
    RecordMetadata written;

    try (Standalone first = plugged(lifecycle).start()) {
      JsonNode health = health(first, 200);
      assertThat(health.path("status").asText()).isEqualTo("UP");
      assertThat(health.path("broker").path("state").asText()).isEqualTo("UP");
      assertThat(health.path("broker").path("bootstrapServers").asText())
          .isEqualTo(first.platform().bootstrapServers());
      assertThat(health.path("registry").path("state").asText()).isEqualTo("UP");
      assertThat(health.path("services").get(0).asText()).isEqualTo("probe");
      assertThat(get(first, "/probe").body()).isEqualTo("probe route");
      written = produce(first, event);
    }
    assertThat(lifecycle).containsExactly("probe started", "probe stopped, broker up: true");

    try (Standalone second = plugged(new ArrayList<>()).start()) {
      assertThat(health(second, 200).path("dataDir").asText()).isEqualTo(dataDir.toString());
      assertThat(readAt(second, written)).isEqualTo(event);
    }
  }

  @Test
  void hooksPostToTheOnePortAndThePairIsReconciledThere(@TempDir Path other) throws Exception {
    List<String> progress = new ArrayList<>();
    try (Standalone standalone =
        Standalones.create(StandaloneConfig.onFreePorts(other), io.dualrun.config.ConfigMap.empty())
            .onProgress(progress::add)
            .start()) {
      assertThat(progress)
          .as("each part says when it is ready, with its time")
          .hasSize(4)
          .allMatch(line -> line.matches(".* ready \\(\\d+\\.\\d s\\)"));
      assertThat(progress.get(0)).startsWith("Kafka and the schema registry ready");
      assertThat(progress.subList(1, 4))
          .extracting(line -> line.substring(0, line.indexOf(' ')))
          .containsExactly("ingest", "reconciler", "alerting");
      String events =
          """
          [{"workflow":"kpi","partition":"2026-11-20","side":"baseline","orchestrator":"cron",
            "runId":"c1","attempt":1,"status":"SUCCEEDED","eventTime":"2026-11-21T07:10:00Z"},
           {"workflow":"kpi","partition":"2026-11-20","side":"candidate","orchestrator":"airflow",
            "runId":"a1","attempt":1,"status":"SUCCEEDED","eventTime":"2026-11-21T07:12:00Z"}]
          """;
      String fingerprints =
          """
          [{"workflow":"kpi","partition":"2026-11-20","side":"baseline","runId":"c1","attempt":1,
            "output":"bi.kpi","eventTime":"2026-11-21T07:10:00Z","rowCount":42,
            "contentHash":"00000000000000aa"},
           {"workflow":"kpi","partition":"2026-11-20","side":"candidate","runId":"a1","attempt":1,
            "output":"bi.kpi","eventTime":"2026-11-21T07:12:00Z","rowCount":42,
            "contentHash":"00000000000000aa"}]
          """;
      String token = java.nio.file.Files.readString(other.resolve("auth").resolve("token")).strip();
      assertThat(standalone.notices())
          .as("the banner prints the generated token")
          .anyMatch(line -> line.contains(token));
      HttpResponse<String> anonymous = post(standalone, "/v1/events", events, null);
      assertThat(anonymous.statusCode()).as("standalone never opens auth by itself").isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
      String silence =
          "{\"matchers\":{\"workflow\":\"kpi\"},\"duration\":\"1h\",\"reason\":\"test\"}";
      assertThat(post(standalone, "/v1/silences", silence, null).statusCode()).isEqualTo(401);
      assertThat(post(standalone, "/v1/silences", silence, "not-the-token-0123456").statusCode())
          .isEqualTo(401);
      assertThat(post(standalone, "/v1/silences", silence, token).statusCode()).isEqualTo(201);

      assertThat(post(standalone, "/v1/events", events, token).statusCode()).isEqualTo(202);
      assertThat(post(standalone, "/v1/fingerprints", fingerprints, token).statusCode())
          .isEqualTo(202);

      JsonNode pair = awaitDecided(standalone, "/v1/pairs/kpi/2026-11-20");
      assertThat(pair.path("outcome").asText()).isEqualTo("MATCH");
      assertThat(pair.path("inventoried").asBoolean()).isFalse();
      assertThat(pair.path("revision").asInt()).isEqualTo(1);

      HttpResponse<String> bad =
          post(standalone, "/v1/events", "{\"workflow\":\"kpi\",\"status\":\"DONE\"}", token);
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("\"field\":\"status\"").contains("\"field\":\"side\"");

      assertThat(get(standalone, "/metrics").body())
          .contains("dualrun_ingest_requests_total")
          .contains("dualrun_alerting_pending_deliveries")
          .contains("dualrun_registry_waits_total")
          .contains("kafka_stream_");
      // a rebalance (Kafka Streams REBALANCING) makes /ready 503 for a moment: asked again
      HttpResponse<String> ready = get(standalone, "/ready");
      long readyBy = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
      while (ready.statusCode() == 503 && System.nanoTime() < readyBy) {
        Thread.sleep(500);
        ready = get(standalone, "/ready");
      }
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      assertThat(ready.body())
          .contains("\"ingest.kafka\"", "\"reconciler.streams\"", "\"alerting.fold\"")
          .contains("\"ingest.registry\"");
      assertThat(get(standalone, "/v1/alerts").statusCode()).isEqualTo(200);
      assertThat(get(standalone, "/").body()).contains("<html");
      assertThat(health(standalone, 200).path("services").toString())
          .contains("ingest", "reconciler", "alerting");
    }
  }

  private static HttpResponse<String> post(
      Standalone standalone, String path, String body, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(standalone.httpUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode awaitDecided(Standalone standalone, String path) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r = get(standalone, path);
      last = r.statusCode() + " " + r.body();
      if (r.statusCode() == 200) {
        JsonNode pair = JSON.readTree(r.body());
        if (!"PENDING".equals(pair.path("outcome").asText())) {
          return pair;
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no decision for " + path + ", last answer: " + last);
  }

  private Standalone plugged(List<String> lifecycle) {
    return new Standalone(StandaloneConfig.onFreePorts(dataDir))
        .service(
            platform -> {
              lifecycle.add("probe started");
              return new HostedService() {
                @Override
                public String name() {
                  return "probe";
                }

                @Override
                public void routes(Javalin app) {
                  app.get("/probe", ctx -> ctx.result("probe route"));
                }

                @Override
                public List<ReadinessCheck> readiness() {
                  return List.of();
                }

                @Override
                public void close() {
                  lifecycle.add("probe stopped, broker up: " + platform.broker().isRunning());
                }
              };
            });
  }

  private static HttpResponse<String> get(Standalone standalone, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(standalone.httpUrl() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode health(Standalone standalone, int expectedStatus) throws Exception {
    HttpResponse<String> response = get(standalone, "/health");
    assertThat(response.statusCode()).isEqualTo(expectedStatus);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    return JSON.readTree(response.body());
  }

  private static RecordMetadata produce(Standalone standalone, RunEvent event) throws Exception {
    Topic<String, RunEvent> topic = standalone.platform().catalog().runEvents();
    Map<String, Object> config = standalone.platform().kafkaConfig();
    try (KafkaProducer<String, RunEvent> producer =
        new KafkaProducer<>(
            config, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      return producer
          .send(new ProducerRecord<>(topic.name(), "revenue-daily/2026-11-20", event))
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static RunEvent readAt(Standalone standalone, RecordMetadata written) {
    Topic<String, RunEvent> topic = standalone.platform().catalog().runEvents();
    Map<String, Object> config = standalone.platform().kafkaConfig();
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, RunEvent> consumer =
        new KafkaConsumer<>(
            config, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      TopicPartition tp = new TopicPartition(written.topic(), written.partition());
      consumer.assign(List.of(tp));
      consumer.seek(tp, written.offset());
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, RunEvent> record : consumer.poll(Duration.ofMillis(200))) {
          return record.value();
        }
      }
    }
    throw new AssertionError("nothing at " + written);
  }
}
