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
        new java.util.ArrayList<>(),
        new java.util.ArrayList<>(),
        null);
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

  @Test
  void theDigestSaysWhichDatasetsThePairsRunsReadAndWrote() {
    Instant t0 = Instant.parse("2026-11-20T07:00:00Z");
    var state = PairUpdater.empty("wf", "2026-11-20", t0.toEpochMilli());
    var updater = new PairUpdater(16);
    RunEvent baseline = event("a", Side.BASELINE, RunStatus.SUCCEEDED, t0);
    baseline.setInputs(java.util.List.of("raw.orders", "fx.rates"));
    baseline.setExpectedOutputs(java.util.List.of("analytics.revenue"));
    RunEvent candidate = event("b", Side.CANDIDATE, RunStatus.SUCCEEDED, t0);
    candidate.setInputs(java.util.List.of("raw.orders"));
    updater.apply(state, baseline);
    updater.apply(state, candidate);
    updater.apply(
        state,
        io.dualrun.schemas.avro.OutputFingerprint.newBuilder()
            .setEventId("f")
            .setWorkflow("wf")
            .setPartition("2026-11-20")
            .setSide(Side.CANDIDATE)
            .setRunId("run-1")
            .setAttempt(1)
            .setOutput("analytics.revenue_v2")
            .setEventTime(t0)
            .setRowCount(1)
            .setContentHash(null)
            .setSchema$(java.util.List.of())
            .setColumns(java.util.List.of())
            .setBuckets(null)
            .build());

    DigestRow row = PairJson.digest(state, Inventory.empty().rules("wf"), t0.toEpochMilli());

    assertThat(row.reads()).containsExactly("fx.rates", "raw.orders");
    assertThat(row.writes()).containsExactly("analytics.revenue", "analytics.revenue_v2");
    var observed = ReconcilerRoutes.observed(java.util.List.of(row));
    assertThat(observed.reads()).containsEntry("wf", java.util.Set.of("fx.rates", "raw.orders"));
    JsonNode wire = new ObjectMapper().valueToTree(row);
    assertThat(DigestRow.of(wire)).as("through the instance-to-instance digest").isEqualTo(row);
  }
}
