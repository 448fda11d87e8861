package io.dualrun.alerting.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualrun.alerting.HttpPeer;

class AlertmanagerReceiverTest extends ReceiverContract {
  @Override
  ReceiverType type() {
    return ReceiverType.ALERTMANAGER;
  }

  @Override
  void checkFormat(HttpPeer.Request request, JsonNode body, boolean resolve) {
    assertThat(request.path()).isEqualTo("/api/v2/alerts");
    assertThat(body.isArray()).isTrue();
    JsonNode alert = body.get(0);
    JsonNode labels = alert.get("labels");
    assertThat(labels.get("alertname").asText()).isEqualTo("dualrun_row_count");
    assertThat(labels.get("workflow").asText()).isEqualTo("revenue-daily");
    assertThat(labels.get("kind").asText()).isEqualTo("ROW_COUNT");
    assertThat(labels.get("severity").asText()).isEqualTo("critical");
    assertThat(labels.get("owner").asText()).isEqualTo("data-platform");
    assertThat(alert.get("annotations").get("summary").asText()).contains("revenue-daily");
    assertThat(alert.has("endsAt")).isEqualTo(resolve);
  }
}
