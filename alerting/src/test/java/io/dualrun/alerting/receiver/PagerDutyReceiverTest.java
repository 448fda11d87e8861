package io.dualrun.alerting.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualrun.alerting.HttpPeer;

class PagerDutyReceiverTest extends ReceiverContract {
  @Override
  ReceiverType type() {
    return ReceiverType.PAGERDUTY;
  }

  @Override
  void checkFormat(HttpPeer.Request request, JsonNode body, boolean resolve) {
    assertThat(request.path()).isEqualTo("/v2/enqueue");
    PagerDutyFormat.check(body);
    assertThat(body.get("event_action").asText()).isEqualTo(resolve ? "resolve" : "trigger");
    assertThat(body.get("dedup_key").asText()).isEqualTo("revenue-daily/ROW_COUNT");
  }
}
