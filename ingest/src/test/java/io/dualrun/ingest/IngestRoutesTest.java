package io.dualrun.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualrun.config.ConfigMap;
import io.dualrun.ingest.sink.Outgoing;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.service.lifecycle.ServiceHost;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The native endpoints over real HTTP, with an in-memory sink in place of Kafka. */
public class IngestRoutesTest {
  public static final String TOKEN = "cron-token-0123456789";
  static final String EVENT =
      """
      {"workflow":"revenue-daily","partition":"2026-11-20","side":"baseline","orchestrator":"cron",
       "runId":"r-1","attempt":1,"status":"SUCCEEDED","eventTime":"2026-11-21T07:05:00Z"}""";

  FakeSink sink;
  ServiceHost app;
  TestHttp http;

  /** A token without the source role: it may not post events. */
  static final String OPERATOR_TOKEN = "operator-token-0123456789";

  public static IngestConfig config(int maxBodyBytes, int maxBatch) {
    return IngestConfig.from(
        ConfigMap.of(
            "test.yaml",
            Map.of(
                "inventory",
                TestInventory.path().toString(),
                "ingest.max-body-bytes",
                maxBodyBytes,
                "ingest.max-batch",
                maxBatch,
                "ingest.retry-after",
                "7s",
                "ingest.auth.tokens",
                List.of(
                    Map.of("source", "cron", "token", TOKEN),
                    Map.of("source", "airflow", "token", "airflow-token-0123456789")),
                "auth.tokens",
                List.of(
                    Map.of(
                        "name",
                        "oncall",
                        "token",
                        OPERATOR_TOKEN,
                        "roles",
                        List.of("operator", "reader"))))));
  }

  @BeforeEach
  void start() {
    sink = new FakeSink();
    IngestConfig config = config(4096, 5);
    app =
        IngestServer.start(
            IngestApi.create(config, TestInventory.load(), sink), 4096, "127.0.0.1", 0);
    http = new TestHttp("http://127.0.0.1:" + app.port());
  }

  @AfterEach
  void stop() {
    app.close();
  }

  @Test
  void oneEventIsStoredAndAnswered202WithItsDerivedId() {
    TestHttp.Answer a = http.post("/v1/events", EVENT, TOKEN);

    assertThat(a.status()).as(a.body()).isEqualTo(202);
    List<Outgoing.Event> events = sink.written(Outgoing.Event.class);
    assertThat(events).hasSize(1);
    RunEvent e = events.get(0).event();
    assertThat(e.getWorkflow()).isEqualTo("revenue-daily");
    assertThat(e.getSide()).isEqualTo(Side.BASELINE);
    assertThat(e.getStatus()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(e.getEventTime()).isEqualTo(Instant.parse("2026-11-21T07:05:00Z"));
    assertThat(e.getEventId()).matches("[0-9a-f]{64}");
    assertThat(a.json().path("eventIds").get(0).asText()).isEqualTo(e.getEventId());
  }

  @Test
  void aRetriedEventGetsTheSameIdEvenSpelledDifferently() {
    String respelled =
        EVENT.replace("\"SUCCEEDED\"", "\"succeeded\"").replace("07:05:00Z", "08:05:00+01:00");
    http.post("/v1/events", EVENT, TOKEN);
    http.post("/v1/events", respelled, TOKEN);
    http.post("/v1/events", EVENT.replace("r-1", "r-2"), TOKEN);

    List<String> ids =
        sink.written(Outgoing.Event.class).stream().map(e -> e.event().getEventId()).toList();
    assertThat(ids).hasSize(3);
    assertThat(ids.get(0)).isEqualTo(ids.get(1)).isNotEqualTo(ids.get(2));
  }

  @Test
  void aRunAnnouncesTheOutputsItWillFingerprint() {
    String announcing =
        EVENT.replace("{", "{\"expectedOutputs\":[\"sales.orders\",\"sales.refunds\"],");
    http.post("/v1/events", EVENT, TOKEN);
    TestHttp.Answer a = http.post("/v1/events", announcing, TOKEN);

    assertThat(a.status()).as(a.body()).isEqualTo(202);
    List<RunEvent> events =
        sink.written(Outgoing.Event.class).stream().map(Outgoing.Event::event).toList();
    assertThat(events.get(0).getExpectedOutputs()).isEmpty();
    assertThat(events.get(1).getExpectedOutputs()).containsExactly("sales.orders", "sales.refunds");
    assertThat(events.get(1).getEventId()).isNotEqualTo(events.get(0).getEventId());
  }

  @Test
  void aBlankAnnouncedOutputIsNamed() {
    String bad = EVENT.replace("{", "{\"expectedOutputs\":[\"sales.orders\",\" \"],");
    TestHttp.Answer a = http.post("/v1/events", bad, TOKEN);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.errorFields()).containsExactly("expectedOutputs[1]");
    assertThat(sink.written()).isEmpty();
  }

  @Test
  void aGivenEventIdIsKept() {
    http.post("/v1/events", EVENT.replace("{", "{\"eventId\":\"hook-42\","), TOKEN);
    assertThat(sink.written(Outgoing.Event.class).get(0).event().getEventId()).isEqualTo("hook-42");
  }

  @Test
  void aBatchIsStoredWhole() {
    String batch = "[" + EVENT + "," + EVENT.replace("r-1", "r-2") + "]";
    TestHttp.Answer a = http.post("/v1/events", batch, TOKEN);

    assertThat(a.status()).isEqualTo(202);
    assertThat(a.json().path("accepted").asInt()).isEqualTo(2);
    assertThat(sink.written()).hasSize(2);
  }

  @Test
  void aBatchWithOneBadElementIsRefusedWholeNamingEveryError() {
    String bad =
        EVENT.replace("\"SUCCEEDED\"", "\"DONE\"").replace("\"attempt\":1", "\"attempt\":0");
    String batch = "[" + EVENT + "," + bad + "," + EVENT.replace("r-1", "r-3") + "]";
    TestHttp.Answer a = http.post("/v1/events", batch, TOKEN);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.errorFields())
        .as("a record that cannot be built still has its other fields checked")
        .containsExactlyInAnyOrder("[1].status", "[1].attempt");
    assertThat(sink.written()).isEmpty();
  }

  @Test
  void everyErrorOfOneObjectIsListed() {
    String bad =
        EVENT
            .replace("\"SUCCEEDED\"", "\"DONE\"")
            .replace("\"attempt\":1", "\"attempt\":0")
            .replace("\"side\":\"baseline\"", "\"side\":\"left\"");
    TestHttp.Answer a = http.post("/v1/events", bad, TOKEN);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.errorFields()).containsExactlyInAnyOrder("status", "side", "attempt");
    assertThat(sink.written()).isEmpty();
  }

  @Test
  void malformedJsonIsRefusedSayingWhere() {
    TestHttp.Answer a = http.post("/v1/events", "{\"workflow\": \"x\",", TOKEN);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().path("errors").get(0).path("reason").asText())
        .contains("malformed JSON")
        .contains("line 1");
    assertThat(sink.written()).isEmpty();
  }

  @Test
  void answersAreNotCompressedEvenWhenTheClientAcceptsGzip() {
    // five empty objects: about forty "is required" errors, above Javalin's compression threshold
    TestHttp.Answer a =
        http.post("/v1/events", "[{},{},{},{},{}]", TOKEN, "Accept-Encoding", "gzip, deflate");

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.body().length()).isGreaterThan(1500);
    assertThat(a.raw().headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(a.errorFields()).contains("[4].workflow");
  }

  @Test
  void twoDocumentsInOneBodyAreRefusedWhole() {
    TestHttp.Answer a = http.post("/v1/events", EVENT + "\n" + EVENT, TOKEN);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().path("errors").get(0).path("reason").asText()).contains("malformed JSON");
    assertThat(sink.written()).isEmpty();
  }

  @Test
  void wrongTypesAreNamed() {
    String bad = EVENT.replace("\"attempt\":1", "\"attempt\":\"one\"").replace("\"r-1\"", "17");
    TestHttp.Answer a = http.post("/v1/events", bad, TOKEN);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.errorFields()).containsExactlyInAnyOrder("attempt", "runId");
    assertThat(a.body()).contains("expected a whole number");
  }

  @Test
  void anUnknownStatusIsNamedWithTheAllowedOnes() {
    TestHttp.Answer a =
        http.post("/v1/events", EVENT.replace("\"SUCCEEDED\"", "\"FINISHED\""), TOKEN);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.errorFields()).containsExactly("status");
    assertThat(a.body()).contains("STARTED, SUCCEEDED, FAILED, SKIPPED");
  }

  @Test
  void missingFieldsAreAllNamed() {
    TestHttp.Answer a = http.post("/v1/events", "{\"workflow\":\"revenue-daily\"}", TOKEN);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.errorFields())
        .contains("partition", "side", "orchestrator", "runId", "attempt", "status", "eventTime");
  }

  @Test
  void anUnknownFieldAndABadWorkflowIdAreNamed() {
    String unknown = EVENT.replace("{", "{\"colour\":1,");
    String badId = EVENT.replace("revenue-daily", "revenue daily");
    TestHttp.Answer a = http.post("/v1/events", "[" + unknown + "," + badId + "]", TOKEN);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.errorFields()).containsExactly("[0].colour", "[1].workflow");
  }

  @Test
  void anOversizedBodyIs413() {
    String big = EVENT.replace("\"r-1\"", "\"" + "x".repeat(5000) + "\"");
    TestHttp.Answer a = http.post("/v1/events", big, TOKEN);

    assertThat(a.status()).isEqualTo(413);
    assertThat(a.body()).contains("ingest.max-body-bytes");
    assertThat(sink.written()).isEmpty();
  }

  @Test
  void anOversizedBatchIs413() {
    String batch = "[" + String.join(",", java.util.Collections.nCopies(6, "{}")) + "]";
    TestHttp.Answer a = http.post("/v1/events", batch, TOKEN);

    assertThat(a.status()).isEqualTo(413);
    assertThat(a.body()).contains("ingest.max-batch");
  }

  @Test
  void withoutOrWithABadTokenTheAnswerIs401() {
    TestHttp.Answer none = http.post("/v1/events", EVENT, null);
    TestHttp.Answer bad = http.post("/v1/events", EVENT, "cron-token-0123456780");
    TestHttp.Answer other = http.post("/v1/events", EVENT, "airflow-token-0123456789");

    assertThat(none.status()).isEqualTo(401);
    assertThat(none.raw().headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(bad.status()).isEqualTo(401);
    assertThat(other.status()).isEqualTo(202);
    assertThat(sink.written()).hasSize(1);
  }

  @Test
  void aTokenWithoutTheSourceRoleIs403AndNothingIsWritten() {
    TestHttp.Answer a = http.post("/v1/events", EVENT, OPERATOR_TOKEN);

    assertThat(a.status()).isEqualTo(403);
    assertThat(a.body()).contains("'oncall'").contains("source");
    assertThat(http.post("/v1/fingerprints", "{}", OPERATOR_TOKEN).status()).isEqualTo(403);
    assertThat(http.post("/api/v1/lineage", "{}", OPERATOR_TOKEN).status()).isEqualTo(403);
    assertThat(sink.written()).isEmpty();
  }

  @Test
  void whenKafkaCannotTakeTheWriteTheAnswerIs503WithRetryAfter() {
    sink.down(true);
    TestHttp.Answer a = http.post("/v1/events", EVENT, TOKEN);

    assertThat(a.status()).isEqualTo(503);
    assertThat(a.raw().headers().firstValue("Retry-After")).contains("7");
    assertThat(a.body()).contains("retry");
  }

  @Test
  void nativeIdsAreResolvedThroughTheInventory() {
    String nativeEvent =
        """
        {"orchestrator":"cron","job":"revenue_daily.sh","logicalTime":"2026-11-21T07:05:00Z",
         "runId":"r-1","attempt":1,"status":"STARTED","eventTime":"2026-11-21T07:05:01Z"}""";
    TestHttp.Answer a = http.post("/v1/events", nativeEvent, TOKEN);

    assertThat(a.status()).as(a.body()).isEqualTo(202);
    RunEvent e = sink.written(Outgoing.Event.class).get(0).event();
    assertThat(e.getWorkflow()).isEqualTo("revenue-daily");
    assertThat(e.getSide()).isEqualTo(Side.BASELINE);
    assertThat(e.getPartition()).as("partitionOffset -1d").isEqualTo("2026-11-20");
  }

  @Test
  void unresolvableNativeIdsAreNamed() {
    String nativeEvent =
        """
        [{"orchestrator":"cron","job":"nope.sh","logicalTime":"2026-11-21T07:05:00Z",
         "runId":"r-1","attempt":1,"status":"STARTED","eventTime":"2026-11-21T07:05:01Z"},
         {"orchestrator":"cron","job":"revenue_daily.sh","logicalTime":"yesterday",
         "runId":"r-1","attempt":1,"status":"STARTED","eventTime":"2026-11-21T07:05:01Z"}]""";
    TestHttp.Answer a = http.post("/v1/events", nativeEvent, TOKEN);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.errorFields()).containsExactly("[0].job", "[1].logicalTime");
    assertThat(a.body()).contains("nope.sh");
  }

  @Test
  void fingerprintsAreStoredAndBadOnesNamed() {
    String fp =
        """
        {"workflow":"revenue-daily","partition":"2026-11-20","side":"candidate","runId":"r-1",
         "attempt":1,"output":"analytics.revenue_daily","eventTime":"2026-11-21T07:30:00Z",
         "rowCount":1200,"contentHash":"00ff00ff00ff00ff",
         "schema":[{"name":"id","type":"integer"}],
         "columns":[{"name":"id","nulls":0,"min":"1","max":"1200","sum":"720600"}]}""";
    TestHttp.Answer ok = http.post("/v1/fingerprints", fp, TOKEN);
    TestHttp.Answer bad =
        http.post(
            "/v1/fingerprints",
            fp.replace("00ff00ff00ff00ff", "XYZ").replace("1200,", "-1,"),
            TOKEN);

    assertThat(ok.status()).as(ok.body()).isEqualTo(202);
    assertThat(sink.written(Outgoing.Fingerprint.class)).hasSize(1);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.errorFields()).containsExactlyInAnyOrder("rowCount", "contentHash");
  }

  @Test
  void healthAndMetricsAnswer() {
    http.post("/v1/events", EVENT, TOKEN);
    http.post("/v1/events", "{", TOKEN);

    assertThat(http.get("/health").status()).isEqualTo(200);
    TestHttp.Answer metrics = http.get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("dualrun_ingest_requests_total{endpoint=\"events\",status=\"202\"} 1.0")
        .contains("dualrun_ingest_requests_total{endpoint=\"events\",status=\"400\"} 1.0")
        .contains("dualrun_ingest_records_total{kind=\"run-event\"} 1.0");
  }

  static JsonNode errors(TestHttp.Answer a) {
    return a.json().path("errors");
  }
}
