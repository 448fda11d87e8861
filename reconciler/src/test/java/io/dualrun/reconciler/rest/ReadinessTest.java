package io.dualrun.reconciler.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.InventoryLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessTest {
  private static final Inventory INVENTORY =
      InventoryLoader.parse(
          "workflows.yaml",
          """
          workflows:
            kpi:
              owner: bi
              readinessPartitions: 3
              durationRatio: 1.2
          """);

  /** The candidate's schedule names each partition a day later than the baseline's. */
  private static final Inventory SHIFTED =
      InventoryLoader.parse(
          "workflows.yaml",
          """
          workflows:
            crm:
              owner: crm
              readinessPartitions: 3
              schedule: {cron: "0 6 * * *", partitionOffset: -1d}
              baseline: {orchestrator: cron, job: crm.sh}
              candidate:
                orchestrator: kestra
                job: crm.customer
                schedule: {cron: "0 6 * * *"}
          """);

  private static DigestRow row(String p, String outcome, Long b, Long c, String... breaches) {
    return new DigestRow("kpi", p, outcome, true, b, c, List.of(breaches));
  }

  @Test
  void readyWhenTheLastPartitionsMatchWithoutBreachOrSlowdown() {
    List<DigestRow> rows =
        List.of(
            row("2026-11-04", "PENDING", null, null),
            row("2026-11-03", "MATCH", 100L, 110L),
            row("2026-11-02", "MATCH", 100L, 100L),
            row("2026-11-01", "MATCH", 100L, 90L),
            row("2026-10-31", "MISMATCH", 100L, 100L));
    var r = Readiness.of(INVENTORY.rules("kpi"), rows);
    assertThat(r.path("status").asText()).as(r.toString()).isEqualTo("READY");
    assertThat(WorkflowSummaries.cleanStreak(rows)).isEqualTo(3);
  }

  @Test
  void sidesWhoseSchedulesProduceOtherPartitionsAreNotReady() {
    List<DigestRow> rows = new ArrayList<>();
    for (String p : List.of("2026-11-03", "2026-11-02", "2026-11-01")) {
      rows.add(new DigestRow("crm", p, "MATCH", true, 100L, 100L, List.of()));
    }
    var r =
        Readiness.of(SHIFTED.rules("crm"), rows, java.time.Instant.parse("2026-11-04T00:00:00Z"));
    assertThat(r.path("status").asText()).isEqualTo("NOT_READY");
    assertThat(r.path("reasons").toString())
        .as("the candidate's partition is a day later: every partition differs")
        .contains("the sides' schedules differ on")
        .contains("in the next 14 days");
  }

  @Test
  void notReadyListsEveryReason() {
    List<DigestRow> rows = new ArrayList<>();
    rows.add(row("2026-11-03", "MATCH", 100L, 200L, "kpi/2026-11-03/CANDIDATE_LATE/candidate"));
    rows.add(row("2026-11-02", "MISMATCH", 100L, 200L));
    var r = Readiness.of(INVENTORY.rules("kpi"), rows);
    assertThat(r.path("status").asText()).isEqualTo("NOT_READY");
    List<String> reasons = new ArrayList<>();
    r.path("reasons").forEach(n -> reasons.add(n.asText()));
    assertThat(reasons)
        .anyMatch(s -> s.contains("only 2 of the last 3"))
        .anyMatch(s -> s.contains("2026-11-02 is MISMATCH"))
        .anyMatch(s -> s.contains("CANDIDATE_LATE"))
        .anyMatch(s -> s.contains("p95"));
  }

  @Test
  void declaredWorkflowsWithoutPairsAreListed() {
    var all = WorkflowSummaries.all(List.of(), INVENTORY);
    assertThat(all).hasSize(1);
    assertThat(all.get(0).path("workflow").asText()).isEqualTo("kpi");
    assertThat(all.get(0).path("counts").path("MATCH").asInt()).isZero();
  }
}
