package io.dualrun.reconciler.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualrun.inventory.Inventory;
import io.dualrun.reconciler.engine.Mode;
import io.dualrun.reconciler.engine.PairEvaluator;
import io.dualrun.reconciler.state.PairUpdater;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

class PairJsonTest {
  private static RunEvent event(String id, Side side, RunStatus status, Instant t) {
    return new RunEvent(
        id,
        "wf",
        "2026-11-20",
        side,
        "cron",
        "run-1",
        1,
        status,
        t,
        null,
        "oops",
        null,
        new HashMap<>(),
        new java.util.ArrayList<>());
  }

  @Test
  void pairJsonCarriesBothSidesFindingsAndBreaches() {
    Instant t0 = Instant.parse("2026-11-20T07:00:00Z");
    var state = PairUpdater.empty("wf", "2026-11-20", t0.toEpochMilli());
    var updater = new PairUpdater(16);
    updater.apply(state, event("a", Side.BASELINE, RunStatus.STARTED, t0));
    updater.apply(state, event("b", Side.BASELINE, RunStatus.SUCCEEDED, t0.plusSeconds(60)));
    updater.apply(state, event("c", Side.CANDIDATE, RunStatus.FAILED, t0.plusSeconds(90)));
    var evaluator = new PairEvaluator(Inventory.empty(), Mode.LIVE, Duration.ofDays(35));
    evaluator.evaluate(state, t0.plusSeconds(100).toEpochMilli());
    evaluator.evaluate(state, t0.plusSeconds(300).toEpochMilli());
    var spec = Inventory.empty().rules("wf");

    JsonNode json =
        new ObjectMapper()
            .valueToTree(PairJson.pair(state, spec, t0.plusSeconds(300).toEpochMilli()));
    assertThat(json.path("outcome").asText()).isEqualTo("MISMATCH");
    assertThat(json.path("revision").asInt()).isEqualTo(1);
    assertThat(json.path("inventoried").asBoolean()).isFalse();
    assertThat(json.path("baseline").path("startTime").asText()).isEqualTo("2026-11-20T07:00:00Z");
    assertThat(json.path("baseline").path("durationMs").asLong()).isEqualTo(60_000);
    assertThat(json.path("candidate").path("status").asText()).isEqualTo("FAILED");
    assertThat(json.path("candidate").path("error").asText()).isEqualTo("oops");
    var finding = json.path("findings").get(0);
    assertThat(finding.path("kind").asText()).isEqualTo("STATUS");
    assertThat(finding.path("baselineValue").asText()).isEqualTo("SUCCEEDED");
    assertThat(finding.path("candidateValue").asText()).isEqualTo("FAILED");
    assertThat(json.path("verdict").path("baseline").path("endTime").asText())
        .isEqualTo("2026-11-20T07:01:00Z");
    assertThat(json.path("verdict").path("baseline").path("status").asText())
        .isEqualTo("SUCCEEDED");
    assertThat(json.path("openBreaches").isArray()).isTrue();
  }
}
