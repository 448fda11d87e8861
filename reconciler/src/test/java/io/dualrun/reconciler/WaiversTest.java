package io.dualrun.reconciler;

import static io.dualrun.reconciler.Harness.T0;
import static io.dualrun.reconciler.Harness.event;
import static io.dualrun.reconciler.Harness.fingerprint;
import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.inventory.Inventory;
import io.dualrun.reconciler.engine.Mode;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FindingKind;
import io.dualrun.schemas.avro.Outcome;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.avro.Waiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Waivers recorded on their topic decide pairs MATCH_WITH_WAIVER, within their scope and life. */
class WaiversTest {
  private static final String WF = "orders";
  private static final String P = "2026-11-20";
  private static final Inventory INVENTORY =
      Harness.inventory(
          """
          workflows:
            orders:
              owner: team-orders
              outputs:
                - name: sales.orders
          """);

  /** Both sides succeed; the candidate wrote 5 rows more ({@code version} on its events). */
  private static List<Object> rowCountDiffers(String partition, String version) {
    List<Object> out = new ArrayList<>();
    out.add(event(WF, partition, Side.BASELINE, 1, RunStatus.STARTED, T0));
    out.add(event(WF, partition, Side.BASELINE, 1, RunStatus.SUCCEEDED, T0.plusSeconds(600)));
    RunEvent start = event(WF, partition, Side.CANDIDATE, 1, RunStatus.STARTED, T0);
    RunEvent done =
        event(WF, partition, Side.CANDIDATE, 1, RunStatus.SUCCEEDED, T0.plusSeconds(600));
    start.setJobVersion(version);
    done.setJobVersion(version);
    out.add(start);
    out.add(done);
    out.add(fingerprint(WF, partition, Side.BASELINE, 1, "sales.orders", 1000, "00000000000000aa"));
    out.add(
        fingerprint(WF, partition, Side.CANDIDATE, 1, "sales.orders", 1005, "00000000000000bb"));
    return out;
  }

  private static Waiver.Builder waiver(String id) {
    return Waiver.newBuilder()
        .setId(id)
        .setWorkflow(WF)
        .setOwner("lead@example.com")
        .setReason("the new engine also loads late orders")
        .setCreatedAt(T0.minusSeconds(3600));
  }

  private static Verdict only(Harness h) {
    List<Verdict> all = h.verdicts();
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  @Test
  void aPairWhoseFindingsAreAllWaivedIsMatchWithWaiverAndNotAMismatch() {
    try (Harness h = new Harness(INVENTORY, Mode.LIVE, T0)) {
      h.waiver("w-1", waiver("w-1").setOutput("sales.orders").build());
      h.sendAll(rowCountDiffers(P, null));
      Verdict v = only(h);
      assertThat(v.getOutcome()).isEqualTo(Outcome.MATCH_WITH_WAIVER);
      assertThat(v.getFindings()).extracting(Finding::getWaiver).containsOnly("w-1");
      assertThat(v.getFindings())
          .extracting(Finding::getKind)
          .contains(FindingKind.ROW_COUNT, FindingKind.CONTENT);
      assertThat(h.mismatches.readValuesToList()).as("not a mismatch").isEmpty();
      assertThat(h.storedVerdict(WF, P).getOutcome()).isEqualTo(Outcome.MATCH_WITH_WAIVER);
    }
  }

  @Test
  void oneFindingOutsideTheScopeKeepsTheMismatch() {
    try (Harness h = new Harness(INVENTORY, Mode.LIVE, T0)) {
      h.waiver("w-1", waiver("w-1").setKind(FindingKind.ROW_COUNT).build());
      h.sendAll(rowCountDiffers(P, null));
      Verdict v = only(h);
      assertThat(v.getOutcome()).isEqualTo(Outcome.MISMATCH);
      for (Finding f : v.getFindings()) {
        assertThat(f.getWaiver())
            .as("%s", f.getKind())
            .isEqualTo(f.getKind() == FindingKind.ROW_COUNT ? "w-1" : null);
      }
      assertThat(h.mismatches.readValuesToList()).hasSize(1);
    }
  }

  @Test
  void partitionGlobsColumnsAndOtherWorkflowsLimitTheScope() {
    try (Harness h = new Harness(INVENTORY, Mode.LIVE, T0)) {
      h.waiver("w-1", waiver("w-1").setPartitions(List.of("2026-12-*")).build());
      h.waiver("w-2", waiver("w-2").setWorkflow("billing").build());
      h.waiver("w-3", waiver("w-3").setColumn("amount").build());
      h.sendAll(rowCountDiffers(P, null));
      assertThat(only(h).getOutcome()).isEqualTo(Outcome.MISMATCH);
      h.sendAll(rowCountDiffers("2026-12-01", null));
      assertThat(only(h).getOutcome()).isEqualTo(Outcome.MATCH_WITH_WAIVER);
    }
  }

  @Test
  void aWaiverExpiresAtItsDate() {
    try (Harness h = new Harness(INVENTORY, Mode.LIVE, T0)) {
      h.waiver("w-1", waiver("w-1").setExpiresAt(T0.plusSeconds(60)).build());
      h.sendAll(rowCountDiffers(P, null));
      assertThat(only(h).getOutcome()).isEqualTo(Outcome.MATCH_WITH_WAIVER);
      h.advance(Duration.ofMinutes(2));
      h.sendAll(rowCountDiffers("2026-11-21", null));
      assertThat(only(h).getOutcome()).as("decided after the expiry").isEqualTo(Outcome.MISMATCH);
    }
  }

  @Test
  void aWaiverForOneJobVersionDoesNotCoverAnother() {
    try (Harness h = new Harness(INVENTORY, Mode.LIVE, T0)) {
      h.waiver("w-1", waiver("w-1").setVersion("1.4.0").build());
      h.sendAll(rowCountDiffers(P, "1.4.0"));
      assertThat(only(h).getOutcome()).isEqualTo(Outcome.MATCH_WITH_WAIVER);
      h.sendAll(rowCountDiffers("2026-11-21", "1.5.0"));
      assertThat(only(h).getOutcome()).as("the job changed").isEqualTo(Outcome.MISMATCH);
      h.sendAll(rowCountDiffers("2026-11-22", null));
      assertThat(only(h).getOutcome()).as("no version reported").isEqualTo(Outcome.MISMATCH);
    }
  }

  @Test
  void aDeletedWaiverNoLongerCoversAndAReDecisionFollowsTheWaivers() {
    try (Harness h = new Harness(INVENTORY, Mode.LIVE, T0)) {
      h.waiver("w-1", waiver("w-1").build());
      h.waiver("w-1", null);
      List<Object> records = rowCountDiffers(P, null);
      h.sendAll(records);
      Verdict first = only(h);
      assertThat(first.getOutcome()).isEqualTo(Outcome.MISMATCH);
      // waived afterwards: a late record re-decides the pair, now covered
      h.waiver("w-2", waiver("w-2").build());
      RunEvent late = event(WF, P, Side.BASELINE, 1, RunStatus.SUCCEEDED, T0.plusSeconds(601));
      late.setEventId("late-success");
      late.setLogUrl("https://logs.example.com/late");
      h.send(late);
      Verdict second = only(h);
      assertThat(second.getOutcome()).isEqualTo(Outcome.MATCH_WITH_WAIVER);
      assertThat(second.getRevision()).isEqualTo(2);
      assertThat(second.getPreviousOutcome()).isEqualTo(Outcome.MISMATCH);
      assertThat(second.getResolution()).as("a mismatch resolved by a waiver").isTrue();
    }
  }
}
