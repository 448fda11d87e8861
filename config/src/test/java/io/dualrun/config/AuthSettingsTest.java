package io.dualrun.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dualrun.config.auth.AccessPolicy;
import io.dualrun.config.auth.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthSettingsTest {
  private static AccessPolicy policy(Map<String, Object> flat) {
    return AuthSettings.policy(ConfigMap.of("svc.yaml", flat), List.of());
  }

  @Test
  void tokensCarryTheirRoles() {
    AccessPolicy p =
        policy(
            Map.of(
                "auth.tokens",
                List.of(
                    Map.of(
                        "name",
                        "oncall",
                        "token",
                        "0123456789abcdef",
                        "roles",
                        List.of("operator")))));
    assertThat(p.check("Bearer 0123456789abcdef", Role.OPERATOR))
        .isInstanceOf(AccessPolicy.Decision.Allowed.class);
    assertThat(p.check("Bearer 0123456789abcdef", Role.SOURCE))
        .isInstanceOf(AccessPolicy.Decision.Forbidden.class);
    assertThat(p.check("bearer 0123456789abcdeX", Role.OPERATOR))
        .isInstanceOf(AccessPolicy.Decision.Unauthenticated.class);
    assertThat(p.check(null, Role.READER))
        .isInstanceOf(AccessPolicy.Decision.Unauthenticated.class);
    assertThat(p.hasTokenFor(Role.READER)).isTrue();
    assertThat(p.hasTokenFor(Role.SOURCE)).isFalse();
  }

  @Test
  void nothingConfiguredIsClosedNotOpen() {
    AccessPolicy p = policy(Map.of());
    assertThat(p.isOpen()).isFalse();
    assertThat(p.check("Bearer anything-at-all-0123", Role.OPERATOR))
        .isInstanceOf(AccessPolicy.Decision.Unauthenticated.class);
  }

  @Test
  void badEntriesNameTheFileAndKey() {
    assertThatThrownBy(
            () ->
                policy(
                    Map.of(
                        "auth.tokens",
                        List.of(
                            Map.of(
                                "name",
                                "x",
                                "token",
                                "0123456789abcdef",
                                "roles",
                                List.of("admin"))))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("svc.yaml: auth.tokens[0].roles: 'admin' is not a role");
    assertThatThrownBy(
            () ->
                policy(
                    Map.of(
                        "auth.tokens",
                        List.of(
                            Map.of("name", "x", "token", "short", "roles", List.of("reader"))))))
        .hasMessageContaining("auth.tokens[0]: the token must be at least 16 characters");
    assertThatThrownBy(
            () ->
                policy(
                    Map.of(
                        "auth.tokens", List.of(Map.of("name", "x", "token", "0123456789abcdef")))))
        .hasMessageContaining("auth.tokens[0].roles: is required");
    assertThatThrownBy(
            () ->
                policy(
                    Map.of(
                        "auth.open",
                        true,
                        "auth.tokens",
                        List.of(
                            Map.of(
                                "name",
                                "x",
                                "token",
                                "0123456789abcdef",
                                "roles",
                                List.of("reader"))))))
        .hasMessageContaining("auth.open");
    assertThatThrownBy(
            () ->
                policy(
                    Map.of(
                        "auth.tokens",
                        List.of(
                            Map.of(
                                "name",
                                "x",
                                "token",
                                "0123456789abcdef",
                                "token-env",
                                "X",
                                "roles",
                                List.of("reader"))))))
        .hasMessageContaining("exactly one of token, token-file, token-env");
  }

  @Test
  void operatorMayReadButNotPostEvents() {
    assertThat(Role.OPERATOR.grants(Role.READER)).isTrue();
    assertThat(Role.OPERATOR.grants(Role.SOURCE)).isFalse();
    assertThat(Role.READER.grants(Role.OPERATOR)).isFalse();
    assertThat(Role.byId(" Operator ")).contains(Role.OPERATOR);
  }
}
