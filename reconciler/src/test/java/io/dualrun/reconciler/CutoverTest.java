package io.dualrun.reconciler;

import static io.dualrun.reconciler.Harness.T0;
import static io.dualrun.reconciler.Harness.event;
import static io.dualrun.reconciler.Harness.fingerprint;
import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.inventory.Inventory;
import io.dualrun.reconciler.engine.Mode;
import io.dualrun.schemas.avro.DecisionReason;
import io.dualrun.schemas.avro.FindingKind;
import io.dualrun.schemas.avro.Outcome;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.avro.Verdict;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Once a workflow has cut over, its pairs from the cutover's partition on are judged alone. */
class CutoverTest {
  private static final String WF = "orders";
  private static final Inventory INVENTORY =
      Harness.inventory(
          """
          workflows:
            orders:
              owner: team-orders
              outputs:
                - name: sales.orders
          """);

  private static List<Object> candidateRun(String partition, RunStatus end, boolean fingerprint) {
    List<Object> out = new java.util.ArrayList<>();
    out.add(event(WF, partition, Side.CANDIDATE, 1, RunStatus.STARTED, T0));
    out.add(event(WF, partition, Side.CANDIDATE, 1, end, T0.plusSeconds(600)));
    if (fingerprint) {
      out.add(
          fingerprint(WF, partition, Side.CANDIDATE, 1, "sales.orders", 1000, "00000000000000aa"));
    }
    return out;
  }

  @Test
  void aCandidateAloneThatSucceededWithItsOutputsIsAMatchAndNoSideIsLate() {
    try (Harness h = new Harness(INVENTORY, Mode.LIVE, T0)) {
      h.cutover(WF, "2026-11-21");
      h.sendAll(candidateRun("2026-11-21", RunStatus.SUCCEEDED, true));
      List<Verdict> verdicts = h.verdicts();
      assertThat(verdicts).hasSize(1);
      Verdict v = verdicts.get(0);
      assertThat(v.getOutcome()).as("%s", v.getFindings()).isEqualTo(Outcome.MATCH);
      assertThat(v.getReason()).isEqualTo(DecisionReason.CANDIDATE_ALONE);
      assertThat(v.getBaseline()).isNull();
      h.advance(Duration.ofHours(6));
      assertThat(h.breaches()).as("no baseline to be late").isEmpty();
      assertThat(h.verdicts()).as("nothing more to say").isEmpty();
    }
  }

  @Test
  void aFailedCandidateOrAMissingOutputIsAMismatchOnTheCandidateAlone() {
    try (Harness h = new Harness(INVENTORY, Mode.LIVE, T0)) {
      h.cutover(WF, "2026-11-21");
      h.sendAll(candidateRun("2026-11-21", RunStatus.FAILED, false));
      Verdict failed = h.verdicts().get(0);
      assertThat(failed.getOutcome()).isEqualTo(Outcome.MISMATCH);
      assertThat(failed.getFindings().get(0).getKind()).isEqualTo(FindingKind.STATUS);
      assertThat(failed.getFindings().get(0).getBaselineValue()).isEqualTo("CUT_OVER");
      assertThat(h.mismatches.readValuesToList()).hasSize(1);

      h.sendAll(candidateRun("2026-11-22", RunStatus.SUCCEEDED, false));
      assertThat(h.verdicts()).as("waits for the declared output").isEmpty();
      h.advance(Duration.ofHours(1));
      Verdict missing = h.verdicts().get(0);
      assertThat(missing.getOutcome()).isEqualTo(Outcome.MISMATCH);
      assertThat(missing.getFindings())
          .extracting(f -> f.getKind())
          .containsExactly(FindingKind.OUTPUT_MISSING);
    }
  }

  @Test
  void partitionsBeforeTheCutoverAndAfterAnUndoAreJudgedOnBothSides() {
    try (Harness h = new Harness(INVENTORY, Mode.LIVE, T0)) {
      h.cutover(WF, "2026-11-21");
      h.sendAll(candidateRun("2026-11-20", RunStatus.SUCCEEDED, true));
      assertThat(h.verdicts()).as("the baseline still has its grace period").isEmpty();
      h.advance(Duration.ofHours(2));
      assertThat(h.breaches())
          .extracting(b -> b.getKind().name())
          .as("before the cutover the baseline is expected")
          .contains("BASELINE_LATE");
      List<Verdict> before = h.verdicts();
      assertThat(before).hasSize(1);
      assertThat(before.get(0).getReason()).isEqualTo(DecisionReason.SETTLED);
      assertThat(before.get(0).getFindings().get(0).getBaselineValue()).isEqualTo("MISSING");
      h.cutover(WF, null);
      h.sendAll(candidateRun("2026-11-23", RunStatus.SUCCEEDED, true));
      assertThat(h.verdicts()).as("undone: the baseline is expected again").isEmpty();
    }
  }

  @Test
  void aScheduledWorkflowThatCutOverExpectsOnlyTheCandidate() {
    String yaml =
        """
        workflows:
          kpi-dashboard:
            owner: bi
            timezone: Europe/Paris
            schedule: {cron: "5 7 * * *"}
            sla: 1h
        """;
    try (Harness h =
        new Harness(
            Harness.inventory(yaml), Mode.LIVE, java.time.Instant.parse("2026-11-20T00:00:00Z"))) {
      h.cutover("kpi-dashboard", "2026-11-20");
      h.advance(Duration.ofHours(7).plusMinutes(10));
      var open = h.breaches();
      assertThat(open).hasSize(1);
      assertThat(open.get(0).getKind().name()).isEqualTo("SLA_MISSED");
      assertThat(open.get(0).getSide()).isEqualTo(Side.CANDIDATE);
    }
  }
}
