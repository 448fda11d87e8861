package io.dualrun.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.service.lifecycle.ServiceHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of answer of the ingest endpoints, byte for byte, against golden files in {@code
 * src/test/resources/answers} (status line, then the body): what hooks parse must not change
 * unnoticed. {@code -Ddualrun.golden.update=true} rewrites the files.
 */
class AnswersJsonTest {
  private static final Path GOLDEN = Path.of("src/test/resources/answers");
  private static final String FINGERPRINT =
      """
      {"workflow":"revenue-daily","partition":"2026-11-20","side":"candidate","runId":"r-1",
       "attempt":1,"output":"analytics.revenue_daily","eventTime":"2026-11-21T07:30:00Z",
       "rowCount":1200,"contentHash":"00ff00ff00ff00ff",
       "schema":[{"name":"id","type":"integer"}],
       "columns":[{"name":"id","nulls":0,"min":"1","max":"1200","sum":"720600"}]}""";

  private ServiceHost app;
  private TestHttp http;

  @BeforeEach
  void start() {
    app =
        IngestServer.start(
            IngestApi.create(
                IngestRoutesTest.config(4096, 3), TestInventory.load(), new FakeSink()),
            4096,
            "127.0.0.1",
            0);
    http = new TestHttp("http://127.0.0.1:" + app.port());
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private String post(String path, String body) {
    TestHttp.Answer a = http.post(path, body, IngestRoutesTest.TOKEN);
    return a.status() + "\n" + a.body() + "\n";
  }

  @Test
  void everyAnswerIsTheGoldenOne() throws Exception {
    String event = IngestRoutesTest.EVENT;
    Map<String, String> answers = new LinkedHashMap<>();
    answers.put("event-accepted", post("/v1/events", event));
    answers.put(
        "events-batch-accepted",
        post("/v1/events", "[" + event + "," + event.replace("r-1", "r-2") + "]"));
    answers.put("fingerprint-accepted", post("/v1/fingerprints", FINGERPRINT));
    answers.put(
        "fingerprint-fields-refused",
        post(
            "/v1/fingerprints",
            FINGERPRINT.replace("00ff00ff00ff00ff", "XYZ").replace("1200,", "-1,")));
    answers.put(
        "events-batch-fields-refused",
        post(
            "/v1/events",
            "[" + event + "," + event.replace("\"attempt\":1", "\"attempt\":\"x\"") + ", 7]"));
    answers.put("malformed-json", post("/v1/events", "{\"workflow\": "));
    answers.put("two-documents", post("/v1/events", event + " " + event));
    answers.put("empty-body", post("/v1/events", ""));
    answers.put(
        "batch-over-limit",
        post("/v1/events", "[" + String.join(",", java.util.Collections.nCopies(4, event)) + "]"));
    answers.put("body-over-limit", post("/v1/events", "[" + "1,".repeat(3000) + "1]"));
    answers.put("lineage-accepted", post("/api/v1/lineage", LineageRoutesTest.DAG_START));
    answers.put("lineage-malformed", post("/api/v1/lineage", "[1,"));
    answers.put("lineage-batch-over-limit", post("/api/v1/lineage", "[{},{},{},{}]"));
    answers.put("lineage-refused", post("/api/v1/lineage", "{\"eventType\":\"START\"}"));

    boolean update = Boolean.getBoolean("dualrun.golden.update");
    for (Map.Entry<String, String> e : answers.entrySet()) {
      Path file = GOLDEN.resolve(e.getKey() + ".txt");
      if (update) {
        Files.createDirectories(GOLDEN);
        Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
      }
      assertThat(e.getValue())
          .as(file + " (-Ddualrun.golden.update=true rewrites it)")
          .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
  }
}
