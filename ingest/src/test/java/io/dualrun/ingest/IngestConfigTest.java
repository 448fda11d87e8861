package io.dualrun.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dualrun.config.ConfigException;
import io.dualrun.config.ConfigMap;
import io.dualrun.config.auth.AccessPolicy.Decision;
import io.dualrun.config.auth.Principal;
import io.dualrun.config.auth.Role;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    assertThat(open.auth().isOpen()).isTrue();
    assertThat(open.port()).isEqualTo(7070);
    assertThat(open.writeTimeout()).as("derived from the cluster at start").isEmpty();
    assertThat(
            IngestConfig.from(
                    ConfigMap.of(
                        "a.yaml", Map.of("ingest.auth.open", true, "ingest.write-timeout", "15s")))
                .writeTimeout())
        .contains(Duration.ofSeconds(15));
    assertThat(open.auth().check(null, Role.SOURCE)).isInstanceOf(Decision.Allowed.class);
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
    assertThat(c.auth().check("Bearer 0123456789abcdef", Role.SOURCE))
        .isEqualTo(new Decision.Allowed(new Principal("cron", Set.of(Role.SOURCE))));
    assertThat(c.auth().check("bearer 0123456789abcdef", Role.SOURCE))
        .isInstanceOf(Decision.Allowed.class);
    assertThat(c.auth().check("Bearer 0123456789abcdef", Role.OPERATOR))
        .as("a source token may not silence")
        .isInstanceOf(Decision.Forbidden.class);
    assertThat(c.auth().check("Bearer 0123456789abcdeX", Role.SOURCE))
        .isInstanceOf(Decision.Unauthenticated.class);
    assertThat(c.auth().check("Basic 0123456789abcdef", Role.SOURCE))
        .isInstanceOf(Decision.Unauthenticated.class);
    assertThat(c.auth().check(null, Role.SOURCE)).isInstanceOf(Decision.Unauthenticated.class);
  }

  @Test
  void sharedTokensWithTheSourceRoleAreEnoughAndMixWithIngestTokens() {
    IngestConfig c =
        IngestConfig.from(
            ConfigMap.of(
                "a.yaml",
                Map.of(
                    "auth.tokens",
                    List.of(
                        Map.of(
                            "name",
                            "oncall",
                            "token",
                            "operator-0123456789",
                            "roles",
                            List.of("operator"))),
                    "ingest.auth.tokens",
                    List.of(Map.of("source", "cron", "token", "0123456789abcdef")))));
    assertThat(c.auth().check("Bearer operator-0123456789", Role.OPERATOR))
        .isInstanceOf(Decision.Allowed.class);
    assertThat(c.auth().check("Bearer 0123456789abcdef", Role.SOURCE))
        .isInstanceOf(Decision.Allowed.class);
    assertThatThrownBy(
            () ->
                IngestConfig.from(
                    ConfigMap.of(
                        "a.yaml",
                        Map.of(
                            "auth.tokens",
                            List.of(
                                Map.of(
                                    "name",
                                    "oncall",
                                    "token",
                                    "operator-0123456789",
                                    "roles",
                                    List.of("operator")))))))
        .as("an operator token alone leaves nobody able to post")
        .hasMessageContaining("ingest.auth.tokens: no token is configured");
    assertThatThrownBy(
            () ->
                IngestConfig.from(
                    ConfigMap.of(
                        "a.yaml",
                        Map.of(
                            "ingest.auth.open",
                            true,
                            "ingest.auth.tokens",
                            List.of(Map.of("source", "cron", "token", "0123456789abcdef"))))))
        .hasMessageContaining("ingest.auth.open: true cannot be combined with tokens");
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
