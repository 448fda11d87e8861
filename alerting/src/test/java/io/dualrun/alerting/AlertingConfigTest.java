package io.dualrun.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dualrun.alerting.receiver.ReceiverType;
import io.dualrun.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertingConfigTest {
  @TempDir Path dir;

  private static final String VALID =
      """
      alerting:
        group-wait: 10s
        repeat-interval: 2h
        retry: {initial-backoff: 500ms, max-backoff: 1m, deadline: 6h}
      links:
        pair-url-template: http://dash:7070/pairs/{workflow}/{partition}
      receivers:
        - {name: pd, type: pagerduty, routing-key: abc, rate-limit: 30/m}
        - {name: mail, type: email, smtp-host: smtp.example, from: a@example.com, to: b@example.com}
        - {name: hook, type: webhook, url: "http://hooks.example/x", headers: {Authorization: Bearer t}}
      routes:
        data-platform: [pd, mail]
        default: hook
      """;

  private AlertingConfig load(String yaml) throws Exception {
    Path file = dir.resolve("alerting.yaml");
    Files.writeString(file, yaml);
    return AlertingConfig.load(file);
  }

  @Test
  void readsEveryKeyWithDefaults() throws Exception {
    AlertingConfig c = load(VALID);
    assertThat(c.groupWait()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.repeatInterval()).isEqualTo(Duration.ofHours(2));
    assertThat(c.retry().backoff(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(c.retry().backoff(20)).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.httpPort()).isEqualTo(7073);
    assertThat(c.alertsTopic()).isEqualTo("dualrun-alerting.alerts");
    assertThat(c.receivers())
        .extracting(r -> r.type())
        .containsExactly(ReceiverType.PAGERDUTY, ReceiverType.EMAIL, ReceiverType.WEBHOOK);
    assertThat(c.receivers().get(0).url()).isEqualTo("https://events.pagerduty.com");
    assertThat(c.receivers().get(0).rateLimit().count()).isEqualTo(30);
    assertThat(c.receivers().get(2).headers()).containsEntry("Authorization", "Bearer t");
    assertThat(c.routes().receiversFor("data-platform")).containsExactly("pd", "mail");
    assertThat(c.routes().receiversFor("someone-else")).containsExactly("hook");
    assertThat(c.routes().receiversFor(null)).containsExactly("hook");
  }

  @Test
  void badKeysAreNamed() {
    assertThatThrownBy(() -> load(VALID.replace("routing-key: abc, ", "")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("receivers[0].routing-key");
    assertThatThrownBy(() -> load(VALID.replace("30/m", "lots")))
        .hasMessageContaining("receivers[0].rate-limit");
    assertThatThrownBy(() -> load(VALID.replace("default: hook", "default: nope")))
        .hasMessageContaining("routes.default")
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> load(VALID.replace("  default: hook\n", "")))
        .hasMessageContaining("routes.default");
    assertThatThrownBy(() -> load(VALID.replace("group-wait", "group-wiat")))
        .hasMessageContaining("alerting.group-wiat");
    assertThatThrownBy(() -> load(VALID.replace("type: webhook", "type: pager")))
        .hasMessageContaining("receivers[2].type");
    assertThatThrownBy(() -> load(VALID.replace("smtp-host", "smtp-hots")))
        .hasMessageContaining("receivers[1]")
        .hasMessageContaining("smtp-host");
    assertThatThrownBy(() -> load(VALID.replace("http://dash", "dash")))
        .hasMessageContaining("links.pair-url-template");
  }
}
