package io.dualrun.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeScenarioIT {

  @Test
  void aSeededMigrationThroughTheWholePipelinePassesTheOracle(@TempDir Path dir) {
    SmokeScenario.Result result = SmokeScenario.run(dir, 20261122L);
    System.out.println(result.render());

    assertThat(result.report().lost()).as("lost verdicts").isEmpty();
    assertThat(result.report().duplicated()).as("duplicated verdicts").isEmpty();
    assertThat(result.report().unexpected()).as("unexpected verdicts or breaches").isEmpty();
    assertThat(result.report().wrong()).as("wrong outcomes").isEmpty();
    assertThat(result.report().noise()).as("findings or alerts that came and went").isEmpty();
    assertThat(result.report().scores())
        .allSatisfy(s -> assertThat(s.perfect()).as(s.row()).isTrue());
    assertThat(result.garbageRefused()).as("garbage bodies refused with 400").isPositive();
    assertThat(result.stored()).as("records on the input topics").isEqualTo(result.generated());
    assertThat(result.passed()).as(result.render()).isTrue();
  }
}
