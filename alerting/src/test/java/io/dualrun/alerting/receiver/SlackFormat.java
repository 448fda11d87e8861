package io.dualrun.alerting.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** Slack Block Kit rules a message must follow (docs: api.slack.com/reference/block-kit). */
public final class SlackFormat {
  private SlackFormat() {}

  public static void check(JsonNode body) {
    assertThat(body.get("text").isTextual()).as("fallback text").isTrue();
    JsonNode blocks = body.get("blocks");
    assertThat(blocks.isArray()).isTrue();
    assertThat(blocks.size()).isBetween(1, 50);
    assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
    JsonNode header = blocks.get(0).get("text");
    assertThat(header.get("type").asText()).isEqualTo("plain_text");
    assertThat(header.get("text").asText().length()).isLessThanOrEqualTo(150);
    boolean context = false;
    for (JsonNode block : blocks) {
      String type = block.get("type").asText();
      assertThat(type).isIn(Set.of("header", "section", "context", "divider"));
      if (type.equals("section")) {
        if (block.has("fields")) {
          assertThat(block.get("fields").size()).isBetween(1, 10);
          block
              .get("fields")
              .forEach(
                  f -> {
                    assertThat(f.get("type").asText()).isIn("mrkdwn", "plain_text");
                    assertThat(f.get("text").asText().length()).isLessThanOrEqualTo(2000);
                  });
        } else {
          assertThat(block.get("text").get("text").asText().length()).isBetween(1, 3000);
        }
      }
      if (type.equals("context")) {
        context = true;
        assertThat(block.get("elements").size()).isBetween(1, 10);
      }
    }
    assertThat(context).as("a context block with links").isTrue();
  }
}
