package io.dualrun.hooks.drilldown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DrilldownCommandTest {
  private static Coordinator.Settings settings(String... args) {
    DrilldownCommand command = new DrilldownCommand();
    new CommandLine(command).parseArgs(args);
    return command.settings();
  }

  @Test
  void defaultsReadFromTheLatestThroughAgentsNamedBySideAndOutput() {
    Coordinator.Settings s = settings();
    assertThat(s.fromEarliest()).isFalse();
    assertThat(s.agentNameTemplate()).isEqualTo("{side}:{output}");
    assertThat(s.agentTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.limits().fanOut()).isEqualTo(64);
    assertThat(settings("--from", "earliest").fromEarliest()).isTrue();
    assertThat(s.group()).isEqualTo("dualrun-drilldown");
    assertThat(s.fromTime()).isNull();
    assertThat(settings("--from", "earliest").fromTime()).isNull();
    assertThat(settings("--from", "2026-12-01T00:00:00Z").fromTime())
        .isEqualTo(java.time.Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(settings("--from", "24h").fromTime())
        .isBetween(
            java.time.Instant.now().minus(Duration.ofHours(24)).minusSeconds(60),
            java.time.Instant.now().minus(Duration.ofHours(24)));
    assertThat(settings("--from", "7d").fromEarliest()).isFalse();
    assertThat(s.outputs()).isEmpty();
    Coordinator.Settings own = settings("--output", "dw.a", "--output", "dw.b", "--group", "dd-a");
    assertThat(own.group()).isEqualTo("dd-a");
    assertThat(own.outputs()).containsExactlyInAnyOrder("dw.a", "dw.b");
    assertThat(own.drills("dw.a")).isTrue();
    assertThat(own.drills("dw.c")).isFalse();
  }

  @Test
  void badOptionsAreNamed() {
    assertThatThrownBy(() -> settings("--from", "yesterday"))
        .hasMessage(
            "--from: 'yesterday' is not latest, earliest, a time (2026-12-01T00:00:00Z) or a time"
                + " ago (30m, 24h, 7d)");
    assertThatThrownBy(() -> settings("--agent-name", "{output}"))
        .hasMessageContaining("--agent-name '{output}' must contain {side}");
    assertThatThrownBy(() -> settings("--agent-timeout", "0"))
        .hasMessage("--agent-timeout must be at least 1 second");
    assertThatThrownBy(() -> settings("--group", " ")).hasMessage("--group must not be blank");
  }
}
