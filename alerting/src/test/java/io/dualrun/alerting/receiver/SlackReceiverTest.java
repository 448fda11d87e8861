package io.dualrun.alerting.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualrun.alerting.HttpPeer;

class SlackReceiverTest extends ReceiverContract {
  @Override
  ReceiverType type() {
    return ReceiverType.SLACK;
  }

  @Override
  void checkFormat(HttpPeer.Request request, JsonNode body, boolean resolve) {
    SlackFormat.check(body);
    assertThat(body.get("text").asText()).startsWith(resolve ? "[RESOLVED]" : "[FIRING]");
  }
}
