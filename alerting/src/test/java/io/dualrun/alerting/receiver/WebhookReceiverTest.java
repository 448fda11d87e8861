package io.dualrun.alerting.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualrun.alerting.HttpPeer;

class WebhookReceiverTest extends ReceiverContract {
  @Override
  ReceiverType type() {
    return ReceiverType.WEBHOOK;
  }

  @Override
  void checkFormat(HttpPeer.Request request, JsonNode body, boolean resolve) {
    assertThat(request.path()).isEqualTo("/");
    String key = request.header(WebhookReceiver.IDEMPOTENCY_HEADER);
    assertThat(key).isEqualTo("revenue-daily/ROW_COUNT/v" + (resolve ? 2 : 1));
    assertThat(body.get("idempotencyKey").asText()).isEqualTo(key);
    assertThat(body.get("alertId").asText()).isEqualTo("revenue-daily/ROW_COUNT");
    assertThat(body.get("action").asText()).isEqualTo(resolve ? "RESOLVE" : "OPEN");
    assertThat(body.get("status").asText()).isEqualTo(resolve ? "RESOLVED" : "FIRING");
    assertThat(body.get("owner").asText()).isEqualTo("data-platform");
    assertThat(body.get("partitionCount").asInt()).isEqualTo(resolve ? 3 : 30);
    assertThat(body.get("pairUrls").get("2026-11-01").asText())
        .isEqualTo("http://dash.example:7070/pairs/revenue-daily/2026-11-01");
    if (!resolve) {
      assertThat(body.get("members").get(0).get("findings").get(0).get("candidateValue").asText())
          .isEqualTo("1187");
      assertThat(body.get("text").asText()).contains("load_revenue", "UniqueViolation");
    }
  }
}
