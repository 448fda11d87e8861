package io.dualrun.reconciler.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.WorkflowSpec;
import io.dualrun.schemas.avro.Cutover;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StabilisationTest {
  private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
  private static final WorkflowSpec SPEC = Inventory.empty().rules("orders");
  private static final Cutover CUTOVER =
      Cutover.newBuilder()
          .setWorkflow("orders")
          .setFromPartition("2026-12-01")
          .setAt(AT)
          .setStabilizeUntil(AT.plusSeconds(28 * 86_400L))
          .build();

  private static DigestRow row(String p, String outcome, Long b, Long c, List<String> open) {
    return new DigestRow("orders", p, outcome, true, b, c, open, List.of(), List.of());
  }

  /** 30 days before the cutover, both sides 10 minutes, the baseline 990 to 1019 rows. */
  private static List<DigestRow> history() {
    List<DigestRow> rows = new ArrayList<>();
    for (int d = 1; d <= 30; d++) {
      rows.add(
          new DigestRow(
              "orders",
              String.format("2026-11-%02d", d),
              "MATCH",
              true,
              600_000L,
              600_000L,
              List.of(),
              List.of(),
              List.of(),
              java.util.Map.of("sales.orders", 989L + d),
              java.util.Map.of("sales.orders", 989L + d),
              java.util.Map.of(),
              java.util.Map.of()));
    }
    return rows;
  }

  private static DigestRow alone(String p, long rows) {
    return new DigestRow(
        "orders",
        p,
        "MATCH",
        true,
        null,
        600_000L,
        List.of(),
        List.of(),
        List.of(),
        java.util.Map.of(),
        java.util.Map.of("sales.orders", rows),
        java.util.Map.of(),
        java.util.Map.of());
  }

  @Test
  void aRowCountOutsideTheBaselinesRangeBeforeTheCutoverAdvisesARollback() {
    List<DigestRow> rows = history();
    rows.add(alone("2026-12-01", 1000));
    rows.add(alone("2026-12-02", 1400));
    // the last 28 decided partitions before the cutover (11-03 to 11-30) had 992 to 1019 rows
    Stabilisation s = Stabilisation.of(CUTOVER, SPEC, rows, AT.plusSeconds(2 * 86_400L));
    assertThat(s.status()).isEqualTo("ROLLBACK_ADVISED");
    assertThat(s.reasons())
        .containsExactly(
            "partition 2026-12-02: output sales.orders has 1400 rows, outside the baseline's"
                + " 992..1019 before the cutover");
  }

  @Test
  void aCleanCandidateIsStabilisingUntilTheEndOfThePeriodThenStable() {
    List<DigestRow> rows = history();
    rows.add(row("2026-12-01", "MATCH", null, 610_000L, List.of()));
    rows.add(row("2026-12-02", "PENDING", null, null, List.of()));
    Stabilisation s = Stabilisation.of(CUTOVER, SPEC, rows, AT.plusSeconds(86_400));
    assertThat(s.status()).isEqualTo("STABILISING");
    assertThat(s.candidatePartitions()).isEqualTo(2);
    assertThat(s.decided()).isEqualTo(1);
    assertThat(s.baselineP95Ms()).isEqualTo(600_000L);
    assertThat(s.reasons()).isEmpty();
    assertThat(Stabilisation.of(CUTOVER, SPEC, rows, AT.plusSeconds(29 * 86_400L)).status())
        .isEqualTo("STABLE");
  }

  @Test
  void aMismatchAnOpenBreachOrASlowerCandidateAdvisesARollback() {
    List<DigestRow> rows = history();
    rows.add(row("2026-12-01", "MISMATCH", null, 600_000L, List.of()));
    rows.add(
        row(
            "2026-12-02",
            "PENDING",
            null,
            null,
            List.of("orders/2026-12-02/SLA_MISSED/candidate")));
    rows.add(row("2026-12-03", "MATCH", null, 3_600_000L, List.of()));
    Stabilisation s = Stabilisation.of(CUTOVER, SPEC, rows, AT.plusSeconds(3 * 86_400L));
    assertThat(s.status()).isEqualTo("ROLLBACK_ADVISED");
    assertThat(s.mismatches()).isEqualTo(1);
    assertThat(s.reasons())
        .containsExactly(
            "partition 2026-12-01 is MISMATCH on the candidate alone",
            "freshness breach orders/2026-12-02/SLA_MISSED/candidate is open",
            "candidate p95 duration PT1H since the cutover exceeds 1.5 × the baseline's p95 PT10M"
                + " before it");
  }
}
