package io.dualrun.config.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void oneSyntaxForFilesInventoryAndFlags() {
    assertThat(Durations.parse("250ms")).contains(Duration.ofMillis(250));
    assertThat(Durations.parse(" 30s ")).contains(Duration.ofSeconds(30));
    assertThat(Durations.parse("5m")).contains(Duration.ofMinutes(5));
    assertThat(Durations.parse("2h")).contains(Duration.ofHours(2));
    assertThat(Durations.parse("1d")).contains(Duration.ofDays(1));
    assertThat(Durations.parse("-1d")).contains(Duration.ofDays(-1));
    assertThat(Durations.parse("PT1H30M")).contains(Duration.ofMinutes(90));
    assertThat(Durations.parse("pt5m")).contains(Duration.ofMinutes(5));
    assertThat(Durations.parse("soon")).isEmpty();
    assertThat(Durations.parse("5 minutes")).isEmpty();
    assertThat(Durations.parse("99999999999999999999s")).isEmpty();
    assertThat(Durations.parse(null)).isEmpty();
  }

  @Test
  void formatsWithTheLargestWholeUnitAndParsesBack() {
    for (String text : new String[] {"250ms", "1500ms", "30s", "5m", "2h", "35d", "-1d", "0s"}) {
      assertThat(Durations.format(Durations.parse(text).orElseThrow())).isEqualTo(text);
    }
  }
}
