package io.dualrun.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dualrun.config.ConfigException;
import io.dualrun.config.ConfigMap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

  @Test
  void defaultsNeedExplicitOpenAccessOrTokens() {
    assertThatThrownBy(() -> IngestConfig.from(ConfigMap.of("a.yaml", Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("a.yaml")
        .hasMessageContaining("ingest.auth.tokens")
        .hasMessageContaining("ingest.auth.open");

    IngestConfig open = IngestConfig.from(ConfigMap.of("a.yaml", Map.of("ingest.auth.open", true)));
    assertThat(open.openAccess()).isTrue();
    assertThat(open.port()).isEqualTo(7070);
    assertThat(open.writeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(open.auth().source(null)).contains("anonymous");
  }

  @Test
  void tokensArePerSourceAndChecked() {
    IngestConfig c =
        IngestConfig.from(
            ConfigMap.of(
                "a.yaml",
                Map.of(
                    "ingest.auth.tokens",
                    List.of(Map.of("source", "cron", "token", "0123456789abcdef")))));
    assertThat(c.auth().source("Bearer 0123456789abcdef")).contains("cron");
    assertThat(c.auth().source("bearer 0123456789abcdef")).contains("cron");
    assertThat(c.auth().source("Bearer 0123456789abcdeX")).isEmpty();
    assertThat(c.auth().source("Basic 0123456789abcdef")).isEmpty();
    assertThat(c.auth().source(null)).isEmpty();
  }

  @Test
  void badValuesNameTheKey() {
    assertThatThrownBy(
            () ->
                IngestConfig.from(
                    ConfigMap.of(
                        "a.yaml",
                        Map.of(
                            "ingest.auth.tokens",
                            List.of(Map.of("source", "cron", "token", "short"))))))
        .hasMessageContaining("ingest.auth.tokens[0]")
        .hasMessageContaining("16 characters");
    assertThatThrownBy(
            () ->
                IngestConfig.from(
                    ConfigMap.of(
                        "a.yaml", Map.of("ingest.auth.open", true, "ingest.max-batch", "lots"))))
        .hasMessageContaining("ingest.max-batch");
    assertThatThrownBy(
            () ->
                IngestConfig.from(
                    ConfigMap.of(
                        "a.yaml",
                        Map.of(
                            "ingest.auth.tokens",
                            List.of(Map.of("source", "cron", "tokn", "0123456789abcdef"))))))
        .hasMessageContaining("ingest.auth.tokens[0].tokn");
  }
}
