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
        .hasMessage("--from: 'yesterday' is not latest or earliest");
    assertThatThrownBy(() -> settings("--agent-name", "{output}"))
        .hasMessageContaining("--agent-name '{output}' must contain {side}");
    assertThatThrownBy(() -> settings("--agent-timeout", "0"))
        .hasMessage("--agent-timeout must be at least 1 second");
    assertThatThrownBy(() -> settings("--group", " ")).hasMessage("--group must not be blank");
  }
}
