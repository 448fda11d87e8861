package io.dualrun.alerting.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** PagerDuty Events API v2 rules (developer.pagerduty.com, "Send an Alert Event"). */
public final class PagerDutyFormat {
  private PagerDutyFormat() {}

  public static void check(JsonNode body) {
    assertThat(body.get("routing_key").asText()).hasSize(32);
    String action = body.get("event_action").asText();
    assertThat(action).isIn("trigger", "acknowledge", "resolve");
    assertThat(body.get("dedup_key").asText().length()).isBetween(1, 255);
    if (action.equals("trigger")) {
      JsonNode payload = body.get("payload");
      assertThat(payload.get("summary").asText().length()).isBetween(1, 1024);
      assertThat(payload.get("source").asText()).isNotBlank();
      assertThat(payload.get("severity").asText()).isIn("critical", "error", "warning", "info");
      assertThat(payload.get("custom_details").isObject()).isTrue();
      body.get("links")
          .forEach(
              l -> {
                assertThat(l.get("href").asText()).startsWith("http");
                assertThat(l.get("text").isTextual()).isTrue();
              });
    }
  }
}
