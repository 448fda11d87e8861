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
    return new DigestRow("kpi", p, outcome, true, b, c, List.of(breaches), List.of(), List.of());
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
    assertThat(r.status()).as(r.toString()).isEqualTo("READY");
    assertThat(WorkflowSummaries.cleanStreak(rows)).isEqualTo(3);
  }

  @Test
  void sidesWhoseSchedulesProduceOtherPartitionsAreNotReady() {
    List<DigestRow> rows = new ArrayList<>();
    for (String p : List.of("2026-11-03", "2026-11-02", "2026-11-01")) {
      rows.add(new DigestRow("crm", p, "MATCH", true, 100L, 100L, List.of(), List.of(), List.of()));
    }
    var r =
        Readiness.of(SHIFTED.rules("crm"), rows, java.time.Instant.parse("2026-11-04T00:00:00Z"));
    assertThat(r.status()).isEqualTo("NOT_READY");
    assertThat(r.reasons().toString())
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
    assertThat(r.status()).isEqualTo("NOT_READY");
    assertThat(r.reasons())
        .anyMatch(s -> s.contains("only 2 of the last 3"))
        .anyMatch(s -> s.contains("2026-11-02 is MISMATCH"))
        .anyMatch(s -> s.contains("CANDIDATE_LATE"))
        .anyMatch(s -> s.contains("p95"));
  }

  @Test
  void declaredWorkflowsWithoutPairsAreListed() {
    var all = WorkflowSummaries.all(List.of(), INVENTORY);
    assertThat(all).hasSize(1);
    assertThat(all.get(0).workflow()).isEqualTo("kpi");
    assertThat(all.get(0).counts()).containsEntry("MATCH", 0);
  }

  /** Two years of daily partitions of "ledger", newest first, MISMATCH where listed. */
  private static List<DigestRow> days(String newest, int count, String... mismatching) {
    List<DigestRow> rows = new ArrayList<>();
    java.time.LocalDate d = java.time.LocalDate.parse(newest);
    for (int i = 0; i < count; i++, d = d.minusDays(1)) {
      String p = d.toString();
      String outcome = List.of(mismatching).contains(p) ? "MISMATCH" : "MATCH";
      rows.add(
          new DigestRow("ledger", p, outcome, true, 100L, 100L, List.of(), List.of(), List.of()));
    }
    return rows;
  }

  private static Inventory ledger(String extra) {
    return InventoryLoader.parse(
        "workflows.yaml",
        "workflows:\n  ledger:\n    owner: finance\n    readinessPartitions: 3\n" + extra);
  }

  @Test
  void theEvidenceBoundsTheMismatchRate() {
    var clean = Readiness.of(ledger("").rules("ledger"), days("2026-11-30", 30));
    assertThat(clean.status()).isEqualTo("READY");
    assertThat(clean.evidence().decided()).isEqualTo(30);
    assertThat(clean.evidence().mismatchRateBelow()).as("rule of three: 3 / 30").isEqualTo(0.1);
    assertThat(clean.evidence().statement())
        .isEqualTo(
            "0 mismatches in 30 decided partitions: the mismatch rate is below 10.0 % (95 %"
                + " confidence, rule of three)");

    var two =
        Readiness.of(
            ledger("").rules("ledger"), days("2026-11-30", 30, "2026-11-10", "2026-11-05"));
    assertThat(two.evidence().mismatches()).isEqualTo(2);
    assertThat(two.evidence().mismatchRateBelow())
        .as("exact one-sided Clopper-Pearson bound for 2 in 30")
        .isCloseTo(0.1951, org.assertj.core.data.Offset.offset(0.0005));
    assertThat(two.status()).as("the last 3 match").isEqualTo("READY");
  }

  @Test
  void aDeclaredMaximumMismatchRateNeedsEnoughEvidence() {
    Inventory inv = ledger("    readinessMaxMismatchRate: 0.05\n");
    var thirty = Readiness.of(inv.rules("ledger"), days("2026-11-30", 30));
    assertThat(thirty.status()).isEqualTo("NOT_READY");
    assertThat(thirty.reasons())
        .containsExactly(
            "the evidence does not yet show a mismatch rate below 5.0 %: 0 mismatches in 30"
                + " decided partitions: the mismatch rate is below 10.0 % (95 % confidence, rule of"
                + " three)");
    assertThat(thirty.evidence().maxMismatchRate()).isEqualTo(0.05);
    assertThat(Readiness.of(inv.rules("ledger"), days("2026-11-30", 61)).status())
        .as("3 / 61 < 0.05")
        .isEqualTo("READY");
  }

  @Test
  void calendarCoverageIsRequiredAndNamed() {
    Inventory inv =
        ledger(
            "    timezone: Europe/Paris\n"
                + "    readinessCoverage: [month-end, quarter-end, dst-change, holiday]\n"
                + "    holidays: [2026-11-11]\n");
    var r = Readiness.of(inv.rules("ledger"), days("2026-11-30", 20, "2026-11-11"));
    assertThat(r.status()).isEqualTo("NOT_READY");
    assertThat(r.coverage().required())
        .containsExactly("month-end", "quarter-end", "dst-change", "holiday");
    assertThat(r.coverage().covered()).isEqualTo(java.util.Map.of("month-end", "2026-11-30"));
    assertThat(r.coverage().missing()).containsExactly("quarter-end", "dst-change", "holiday");
    assertThat(r.reasons())
        .as("the 11th mismatched: the holiday is not covered by a clean partition")
        .containsExactly(
            "no clean partition yet on quarter-end (the last day of a quarter), dst-change (a day"
                + " the workflow's time zone changes its clock), holiday (a day of the holidays"
                + " list)");

    var later = Readiness.of(inv.rules("ledger"), days("2026-12-31", 100, "2026-11-11"));
    assertThat(later.coverage().missing()).containsExactly("holiday");
    assertThat(later.coverage().covered())
        .containsEntry("quarter-end", "2026-12-31")
        .containsEntry("dst-change", "2026-10-25");
  }

  @Test
  void theReportIsTheDocumentedJson() throws Exception {
    var r =
        Readiness.of(
            ledger("    readinessCoverage: [month-end]\n").rules("ledger"), days("2026-11-30", 3));
    String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(r);
    assertThat(json)
        .isEqualTo(
            "{\"workflow\":\"ledger\",\"status\":\"READY\",\"inventoried\":true,\"owner\":\"finance\","
                + "\"requiredPartitions\":3,\"partitions\":[{\"partition\":\"2026-11-30\",\"outcome\":\"MATCH\"},"
                + "{\"partition\":\"2026-11-29\",\"outcome\":\"MATCH\"},"
                + "{\"partition\":\"2026-11-28\",\"outcome\":\"MATCH\"}],"
                + "\"waivedPartitions\":0,\"baselineP95Ms\":100,\"candidateP95Ms\":100,\"durationRatio\":1.5,"
                + "\"evidence\":{\"decided\":3,\"mismatches\":0,\"confidence\":0.95,"
                + "\"mismatchRateBelow\":1.0,\"method\":\"rule of three\",\"maxMismatchRate\":null,"
                + "\"statement\":\"0 mismatches in 3 decided partitions: the mismatch rate is below"
                + " 100.0 % (95 % confidence, rule of three)\"},"
                + "\"coverage\":{\"required\":[\"month-end\"],\"covered\":{\"month-end\":\"2026-11-30\"},"
                + "\"missing\":[]},\"reasons\":[]}");
  }
}
