package io.dualrun.reconciler.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard mounted beside the reconciler's REST routes of a real reconciler: the pages are
 * served, and every resource their scripts read answers with what they show.
 */
class DashboardServiceIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LiveReconciler live;

  @BeforeAll
  static void start() throws Exception {
    live = LiveReconciler.start();
  }

  @AfterAll
  static void stop() {
    if (live != null) {
      live.close();
    }
  }

  @Test
  void pagesAreServedBesideTheRestApi() throws Exception {
    for (String page :
        new String[] {
          "/", "/workflows/stock-daily", "/pairs/stock-daily/" + LiveReconciler.MISMATCH
        }) {
      HttpResponse<String> answer = get(page);
      assertThat(answer.statusCode()).as(page).isEqualTo(200);
      assertThat(answer.body()).as(page).contains("ui/common.js");
    }
    assertThat(get("/ui/pair.js").statusCode()).isEqualTo(200);
  }

  @Test
  void pairResourceCarriesWhatThePairPageHighlights() throws Exception {
    JsonNode pair = json("/v1/pairs/stock-daily/" + LiveReconciler.MISMATCH);
    assertThat(pair.path("outcome").asText()).isEqualTo("MISMATCH");
    JsonNode rowCount = null;
    for (JsonNode f : pair.path("findings")) {
      if (f.path("kind").asText().equals("ROW_COUNT")) {
        rowCount = f;
      }
    }
    assertThat(rowCount).as("ROW_COUNT finding in " + pair).isNotNull();
    assertThat(rowCount.path("baselineValue").asText())
        .isEqualTo(Long.toString(LiveReconciler.BASELINE_ROWS));
    assertThat(rowCount.path("candidateValue").asText())
        .isEqualTo(Long.toString(LiveReconciler.CANDIDATE_ROWS));
    assertThat(pair.path("baseline").path("outputs").get(0).path("rowCount").asLong())
        .isEqualTo(LiveReconciler.BASELINE_ROWS);
    assertThat(pair.path("candidate").path("outputs").get(0).path("rowCount").asLong())
        .isEqualTo(LiveReconciler.CANDIDATE_ROWS);
    assertThat(pair.path("tier").asInt()).isEqualTo(2);
  }

  private static io.dualrun.schemas.avro.DiffReport report(
      String output, io.dualrun.schemas.avro.DiffStatus status, long changed) {
    java.time.Instant t = java.time.Instant.parse("2026-11-22T08:00:00Z");
    return io.dualrun.schemas.avro.DiffReport.newBuilder()
        .setWorkflow("stock-daily")
        .setPartition(LiveReconciler.MISMATCH)
        .setOutput(output)
        .setRevision(1)
        .setDrillId("d-" + output)
        .setStatus(status)
        .setBaselineAgent("baseline:" + output)
        .setCandidateAgent("candidate:" + output)
        .setKeyColumns(java.util.List.of("sku"))
        .setColumns(java.util.List.of("sku", "qty"))
        .setChanged(changed)
        .setRows(
            changed == 0
                ? java.util.List.of()
                : java.util.List.of(
                    new io.dualrun.schemas.avro.RowDifference(
                        io.dualrun.schemas.avro.RowDifferenceKind.CHANGED,
                        java.util.List.of("A-1"),
                        java.util.List.of("qty"),
                        java.util.List.of("A-1", "10"),
                        java.util.List.of("A-1", "12"))))
        .setStartedAt(t)
        .setFinishedAt(t.plusSeconds(5))
        .build();
  }

  @Test
  void aPairsAnswerCarriesTheLatestDrillDownReportOfEachOutput() throws Exception {
    live.publish(report("dw.stock", io.dualrun.schemas.avro.DiffStatus.PENDING, 0));
    live.publish(report("dw.stock", io.dualrun.schemas.avro.DiffStatus.DIFFERENT, 1));
    live.publish(report("dw.stock_moves", io.dualrun.schemas.avro.DiffStatus.TIMED_OUT, 0));
    JsonNode drillDowns = null;
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      drillDowns = json("/v1/pairs/stock-daily/" + LiveReconciler.MISMATCH).path("drillDowns");
      if (drillDowns.size() == 2 && drillDowns.get(0).path("status").asText().equals("DIFFERENT")) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(drillDowns).as("drillDowns").hasSize(2);
    JsonNode stock = drillDowns.get(0);
    assertThat(stock.path("output").asText()).isEqualTo("dw.stock");
    assertThat(stock.path("status").asText()).isEqualTo("DIFFERENT");
    assertThat(stock.path("rows").get(0).path("candidate").toString())
        .isEqualTo("[\"A-1\",\"12\"]");
    assertThat(drillDowns.get(1).path("output").asText()).isEqualTo("dw.stock_moves");
    assertThat(drillDowns.get(1).path("status").asText()).isEqualTo("TIMED_OUT");
    assertThat(json("/v1/pairs/stock-daily/2026-11-20").path("drillDowns"))
        .as("a pair never drilled into")
        .isEmpty();
  }

  @Test
  void workflowPageSourcesListEveryPartition() throws Exception {
    JsonNode digest = json("/internal/v1/reconciler/digest");
    assertThat(digest.findValuesAsText("partition"))
        .contains("2026-11-20", LiveReconciler.MISMATCH);
    JsonNode readiness = json("/v1/readiness/stock-daily");
    assertThat(readiness.path("status").asText()).isEqualTo("NOT_READY");
    assertThat(readiness.path("reasons").toString())
        .contains("partition " + LiveReconciler.MISMATCH + " is MISMATCH");
  }

  /**
   * The answer of {@code path}; a 503 (state moving during a rebalance, documented with {@code
   * Retry-After}) is asked again, as a client would, for up to 30 s.
   */
  private static JsonNode json(String path) throws Exception {
    HttpResponse<String> answer = get(path);
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
    while (answer.statusCode() == 503 && System.nanoTime() < deadline) {
      assertThat(answer.headers().firstValue("Retry-After")).as(path + ": Retry-After").isPresent();
      Thread.sleep(500);
      answer = get(path);
    }
    assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(live.url() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
