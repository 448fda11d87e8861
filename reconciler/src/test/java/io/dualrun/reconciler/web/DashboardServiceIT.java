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

  private static JsonNode json(String path) throws Exception {
    HttpResponse<String> answer = get(path);
    assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(live.url() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
