package io.dualrun.alerting.silence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dualrun.alerting.Records;
import io.dualrun.alerting.fold.SignalMapper;
import io.dualrun.alerting.model.Json;
import io.dualrun.alerting.model.Member;
import io.dualrun.config.text.Glob;
import io.dualrun.schemas.json.FieldError;
import io.dualrun.schemas.json.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SilenceTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void globsMatchWholeValues() {
    assertThat(Glob.matches("revenue-*", "revenue-daily")).isTrue();
    assertThat(Glob.matches("revenue-*", "daily-revenue")).isFalse();
    assertThat(Glob.matches("2026-11-0?", "2026-11-05")).isTrue();
    assertThat(Glob.matches("a.b", "axb")).as("dots are literal").isFalse();
    assertThat(Glob.matches("exact", "exact")).isTrue();
  }

  @Test
  void aSilenceCoversMembersByWorkflowKindPartitionAndOutput() {
    Member member =
        SignalMapper.fromVerdict(Records.rowCountMismatch("revenue-daily", "2026-11-01", 1))
            .members()
            .get("ROW_COUNT");
    Silence byOutput = silence(Map.of("workflow", "revenue-*", "output", "analytics.*"));
    Silence otherOutput = silence(Map.of("output", "finance.*"));
    Silence byPartition = silence(Map.of("kind", "ROW_COUNT", "partition", "2026-11-0*"));
    assertThat(byOutput.covers("revenue-daily", "ROW_COUNT", member)).isTrue();
    assertThat(otherOutput.covers("revenue-daily", "ROW_COUNT", member)).isFalse();
    assertThat(byPartition.covers("revenue-daily", "ROW_COUNT", member)).isTrue();
    assertThat(byPartition.covers("revenue-daily", "CONTENT", member)).isFalse();
  }

  @Test
  void aRequestWithDurationBecomesAnActiveSilence() throws Exception {
    Silence s =
        SilenceRequest.parse(
            Json.MAPPER.readTree(
                "{\"matchers\":{\"workflow\":\"w\"},\"duration\":\"2h\",\"reason\":\"accepted difference\"}"),
            NOW);
    assertThat(s.endsAt()).isEqualTo(NOW.plus(Duration.ofHours(2)));
    assertThat(s.active(NOW)).isTrue();
    assertThat(s.state(NOW.plus(Duration.ofHours(3)))).isEqualTo("expired");
  }

  @Test
  void aBadRequestNamesEveryBadField() throws Exception {
    ValidationException e =
        catchThrowableOfType(
            ValidationException.class,
            () ->
                SilenceRequest.parse(
                    Json.MAPPER.readTree(
                        "{\"matchers\":{\"team\":\"x\",\"kind\":\"\"},\"endsAt\":\"yesterday\"}"),
                    NOW));
    assertThat(e.errors())
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("matchers.team", "matchers.kind", "reason", "endsAt");
  }

  private static Silence silence(Map<String, String> matchers) {
    return new Silence("id", matchers, NOW, NOW.plusSeconds(60), "accepted difference", null, NOW);
  }
}
