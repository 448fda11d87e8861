package io.dualrun.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.topic.TopicCatalog;
import io.dualrun.service.lifecycle.ServiceHost;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Waivers over the reconciler's REST API against a real broker and registry: only operators record
 * or delete them (401 without a token, 403 for a source or reader), a bad body is refused naming
 * each field, a recorded waiver is listed with who made it, and a pair whose findings it covers is
 * decided MATCH_WITH_WAIVER.
 */
class WaiversIT {
  private static final String OPERATOR = "operator-token-0123456789";
  private static final String READER = "reader-token-0123456789";
  private static final String SOURCE = "source-token-0123456789";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalPlatform platform;
  private static ServiceHost app;

  @BeforeAll
  static void start() throws Exception {
    platform = LocalPlatform.startEphemeral();
    Path work = Files.createTempDirectory(Path.of("target"), "reconciler-waivers");
    Path inventory =
        Files.writeString(
            work.resolve("workflows.yaml"),
            "workflows:\n  wf:\n    owner: data-eng\n    outputs:\n      - name: sales.orders\n");
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
                "auth:",
                "  tokens:",
                "    - {name: oncall, token: " + OPERATOR + ", roles: [operator]}",
                "    - {name: grafana, token: " + READER + ", roles: [reader]}",
                "    - {name: airflow, token: " + SOURCE + ", roles: [source]}",
                "reconciler:",
                "  application-id: waivers-it-" + UUID.randomUUID(),
                "  state-dir: " + work.resolve("state").toAbsolutePath(),
                "  commit-interval: 100ms",
                ""));
    app = ReconcilerService.run(ReconcilerMain.load(config).withHttpPort(0));
    // every test starts against a running reconciler (its stores queryable)
    long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (send("GET", "/ready", null, null).statusCode() != 200) {
      assertThat(System.nanoTime()).as("the reconciler became ready").isLessThan(until);
      Thread.sleep(200);
    }
  }

  @AfterAll
  static void stop() {
    try {
      if (app != null) {
        app.close();
      }
    } finally {
      if (platform != null) {
        platform.close();
      }
    }
  }

  private static HttpResponse<String> send(String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static final String WAIVER =
      "{\"workflow\":\"wf\",\"output\":\"sales.orders\",\"owner\":\"lead@example.com\","
          + "\"reason\":\"late orders are loaded by the new engine\",\"expiresAt\":\"2099-01-31\"}";

  @Test
  void onlyOperatorsRecordWaivers() throws Exception {
    HttpResponse<String> none = send("POST", "/v1/waivers", null, WAIVER);
    assertThat(none.statusCode()).as(none.body()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(send("POST", "/v1/waivers", "not-a-token-0123456789", WAIVER).statusCode())
        .isEqualTo(401);
    for (String token : new String[] {READER, SOURCE}) {
      HttpResponse<String> r = send("POST", "/v1/waivers", token, WAIVER);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
      assertThat(r.body()).contains("operator");
    }
    assertThat(send("DELETE", "/v1/waivers/anything", READER, null).statusCode()).isEqualTo(403);
  }

  @Test
  void aBadBodyIsRefusedNamingEachField() throws Exception {
    HttpResponse<String> r =
        send(
            "POST",
            "/v1/waivers",
            OPERATOR,
            "{\"workflow\":\"bad/id\",\"owner\":\"\",\"kind\":\"NOPE\",\"expiresAt\":\"2020-01-01\","
                + "\"colour\":\"red\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    JsonNode errors = JSON.readTree(r.body()).path("errors");
    assertThat(errors.findValuesAsText("field"))
        .contains("workflow", "owner", "kind", "reason", "colour");
    HttpResponse<String> past =
        send("POST", "/v1/waivers", OPERATOR, WAIVER.replace("2099-01-31", "2020-01-01"));
    assertThat(past.statusCode()).isEqualTo(400);
    assertThat(past.body()).contains("expiresAt").contains("must lie ahead");
  }

  @Test
  void aRecordedWaiverDecidesACoveredPairMatchWithWaiverUntilItIsDeleted() throws Exception {
    HttpResponse<String> created =
        send("POST", "/v1/waivers", OPERATOR, WAIVER.replace("{", "{\"id\":\"w-orders\","));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode w = JSON.readTree(created.body());
    assertThat(w.path("createdBy").asText()).isEqualTo("oncall");
    assertThat(w.path("expiresAt").asText()).isEqualTo("2099-01-31T00:00:00Z");
    assertThat(created.headers().firstValue("Location")).hasValue("/v1/waivers/w-orders");
    HttpResponse<String> again =
        send("POST", "/v1/waivers", OPERATOR, WAIVER.replace("{", "{\"id\":\"w-orders\","));
    assertThat(again.statusCode()).as("same id twice").isEqualTo(400);

    HttpResponse<String> list = send("GET", "/v1/waivers?workflow=wf", READER, null);
    assertThat(JSON.readTree(list.body()).findValuesAsText("id")).contains("w-orders");

    sendMismatchingPair("2026-11-20");
    JsonNode pair = awaitDecided("2026-11-20");
    assertThat(pair.path("outcome").asText()).as(pair.toString()).isEqualTo("MATCH_WITH_WAIVER");
    assertThat(pair.path("findings").findValuesAsText("waiver")).containsOnly("w-orders");

    HttpResponse<String> deleted = send("DELETE", "/v1/waivers/w-orders", OPERATOR, null);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(send("GET", "/v1/waivers/w-orders", READER, null).statusCode()).isEqualTo(404);
    sendMismatchingPair("2026-11-21");
    assertThat(awaitDecided("2026-11-21").path("outcome").asText()).isEqualTo("MISMATCH");
  }

  @Test
  void dualrunWaiveAddsListsAndRemovesWaivers() {
    String url = "http://127.0.0.1:" + app.port();
    Cli added =
        Cli.run(
            "add",
            "--url",
            url,
            "--token",
            OPERATOR,
            "--id",
            "w-cli",
            "--workflow",
            "wf",
            "--kind",
            "ROW_COUNT",
            "--partition",
            "2026-12-*",
            "--owner",
            "lead",
            "--reason",
            "december backfill",
            "--expires",
            "2099-06-30",
            "--version",
            "1.4.0");
    assertThat(added.code()).as(added.err()).isZero();
    assertThat(added.out()).startsWith("w-cli\t").contains("kind ROW_COUNT", "version 1.4.0");

    Cli listed = Cli.run("list", "--url", url, "--token", READER, "--workflow", "wf");
    assertThat(listed.code()).as(listed.err()).isZero();
    assertThat(listed.out().lines().findFirst())
        .hasValueSatisfying(h -> assertThat(h).startsWith("ID"));
    assertThat(listed.out())
        .contains("w-cli", "partitions 2026-12-*", "2099-06-30T00:00:00Z", "december backfill");

    Cli refused =
        Cli.run(
            "add",
            "--url",
            url,
            "--token",
            READER,
            "--workflow",
            "wf",
            "--owner",
            "x",
            "--reason",
            "y");
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("403").contains("operator");
    Cli bad =
        Cli.run(
            "add",
            "--url",
            url,
            "--token",
            OPERATOR,
            "--workflow",
            "wf",
            "--owner",
            "x",
            "--reason",
            "y",
            "--kind",
            "COLOUR");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("400").contains("kind:");

    assertThat(Cli.run("remove", "--url", url, "--token", OPERATOR, "w-cli").code()).isZero();
    Cli again = Cli.run("remove", "--url", url, "--token", OPERATOR, "w-cli");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("404");
  }

  @Test
  void aWorkflowThatCutOverIsJudgedAloneAndWatched() throws Exception {
    String url = "http://127.0.0.1:" + app.port();
    String body = "{\"workflow\":\"wf\",\"fromPartition\":\"2026-12-01\"}";
    assertThat(send("POST", "/v1/cutovers", null, body).statusCode()).isEqualTo(401);
    assertThat(send("POST", "/v1/cutovers", READER, body).statusCode()).isEqualTo(403);
    HttpResponse<String> bad = send("POST", "/v1/cutovers", OPERATOR, "{\"workflow\":\"wf\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("fromPartition");

    Cli recorded =
        Cli.cutover(
            "--url",
            url,
            "--token",
            OPERATOR,
            "--workflow",
            "wf",
            "--from-partition",
            "2026-12-01",
            "--note",
            "CHG-1042");
    assertThat(recorded.code()).as(recorded.err()).isZero();
    assertThat(recorded.out()).contains("wf cut over from partition 2026-12-01");
    HttpResponse<String> wavesAnswer = send("GET", "/v1/waves", READER, null);
    JsonNode waves = JSON.readTree(wavesAnswer.body());
    assertThat(waves.path("workflows").findValuesAsText("status"))
        .as(wavesAnswer.body())
        .contains("CUT_OVER");

    sendCandidateAlone("2026-12-01", RunStatus.SUCCEEDED);
    JsonNode alone = awaitDecided("2026-12-01");
    assertThat(alone.path("outcome").asText()).as(alone.toString()).isEqualTo("MATCH");
    assertThat(alone.toString()).contains("CANDIDATE_ALONE");
    Cli stable = Cli.cutover("--url", url, "--token", READER, "--status");
    assertThat(stable.code()).as(stable.err()).isZero();
    assertThat(stable.out()).contains("wf  STABILISING  from 2026-12-01, 1 decided alone");

    sendCandidateAlone("2026-12-02", RunStatus.FAILED);
    assertThat(awaitDecided("2026-12-02").path("outcome").asText()).isEqualTo("MISMATCH");
    Cli advised = Cli.cutover("--url", url, "--token", READER, "--status", "--workflow", "wf");
    assertThat(advised.code()).as(advised.out()).isEqualTo(3);
    assertThat(advised.out())
        .contains("ROLLBACK_ADVISED")
        .contains("partition 2026-12-02 is MISMATCH on the candidate alone");

    Cli undone = Cli.cutover("--url", url, "--token", OPERATOR, "--workflow", "wf", "--undo");
    assertThat(undone.code()).as(undone.err()).isZero();
    assertThat(send("GET", "/v1/cutovers/wf", READER, null).statusCode()).isEqualTo(404);
  }

  /** One run of {@code dualrun waive ARGS} or {@code dualrun cutover ARGS}. */
  private record Cli(int code, String out, String err) {
    static Cli run(String... args) {
      return execute(new io.dualrun.reconciler.report.WaiveCommand(), args);
    }

    static Cli cutover(String... args) {
      return execute(new io.dualrun.reconciler.report.CutoverCommand(), args);
    }

    private static Cli execute(Object command, String... args) {
      java.io.StringWriter out = new java.io.StringWriter();
      java.io.StringWriter err = new java.io.StringWriter();
      picocli.CommandLine cli =
          new picocli.CommandLine(command)
              .setOut(new java.io.PrintWriter(out))
              .setErr(new java.io.PrintWriter(err));
      int code = cli.execute(args);
      return new Cli(code, out.toString(), err.toString());
    }
  }

  /** Both sides succeed; the candidate wrote 5 rows more. */
  private static void sendMismatchingPair(String partition) {
    for (Side side : Side.values()) {
      sendRun(partition, side, RunStatus.SUCCEEDED, side == Side.BASELINE ? 1000 : 1005);
    }
  }

  /** The candidate alone ran the partition and ended {@code end}, with its fingerprint. */
  private static void sendCandidateAlone(String partition, RunStatus end) {
    sendRun(partition, Side.CANDIDATE, end, 1000);
  }

  /** One side's run of the partition, ended {@code end}, and its fingerprint of {@code rows}. */
  private static void sendRun(String partition, Side side, RunStatus end, long rows) {
    Map<String, Object> props = new HashMap<>(platform.kafkaConfig());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    TopicCatalog catalog = platform.catalog();
    String key = Harness.key("wf", partition);
    RunEvent e = Harness.event("wf", partition, side, 1, end, Instant.now());
    OutputFingerprint f =
        Harness.fingerprint("wf", partition, side, 1, "sales.orders", rows, "00000000000000aa");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(
          new ProducerRecord<>(
              TopicCatalog.RUN_EVENTS,
              key,
              catalog.runEvents().valueSerde().serializer().serialize(TopicCatalog.RUN_EVENTS, e)));
      producer.send(
          new ProducerRecord<>(
              TopicCatalog.FINGERPRINTS,
              key,
              catalog
                  .fingerprints()
                  .valueSerde()
                  .serializer()
                  .serialize(TopicCatalog.FINGERPRINTS, f)));
    }
  }

  /** The pair's REST answer once it has an outcome. */
  private static JsonNode awaitDecided(String partition) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String last = "";
    while (System.nanoTime() < until) {
      HttpResponse<String> r = send("GET", "/v1/pairs/wf/" + partition, READER, null);
      last = r.statusCode() + " " + r.body();
      if (r.statusCode() == 200) {
        JsonNode pair = JSON.readTree(r.body());
        if (!pair.path("outcome").asText().equals("PENDING")) {
          return pair;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("pair wf/" + partition + " was not decided: " + last);
  }
}
