package io.dualrun.reconciler;

import static io.dualrun.reconciler.Harness.T0;
import static io.dualrun.reconciler.Harness.event;
import static io.dualrun.reconciler.Harness.fingerprint;
import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.inventory.Inventory;
import io.dualrun.reconciler.engine.Emission;
import io.dualrun.reconciler.engine.FingerprintLags;
import io.dualrun.reconciler.engine.Mode;
import io.dualrun.reconciler.engine.PairEngine;
import io.dualrun.reconciler.engine.PairEngine.Input;
import io.dualrun.reconciler.engine.PairInput;
import io.dualrun.reconciler.state.PairState;
import io.dualrun.schemas.avro.DecisionReason;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FindingKind;
import io.dualrun.schemas.avro.Outcome;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.avro.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fingerprints trail their runs: a pair waits for every expected fingerprint (declared, announced
 * by a run, or sent by the other side) up to the workflow's fingerprint timeout, adapted to what
 * its fingerprints usually lag; no MATCH is emitted while an announced output is still coming.
 */
class ExpectedFingerprintsTest {
  private static final String P = "2026-11-20";
  private static final Inventory INVENTORY =
      Harness.inventory(
          """
          workflows:
            ledger:
              owner: team-finance
            orders:
              owner: team-orders
              fingerprintTimeout: 20m
              outputs:
                - name: sales.orders
          """);
  private static final Instant BASELINE_END = T0.plusSeconds(600);
  private static final Instant CANDIDATE_END = T0.plusSeconds(660);

  private final PairEngine engine = new PairEngine(INVENTORY, Mode.LIVE, Duration.ofDays(35), 64);

  /** A pair being fed, with everything it emitted and taught. */
  private final class Pair {
    final String workflow;
    final FingerprintLags lags;
    PairState state;
    Long deadline;
    final List<Verdict> verdicts = new ArrayList<>();
    final List<Long> samples = new ArrayList<>();

    Pair(String workflow, FingerprintLags lags) {
      this.workflow = workflow;
      this.lags = lags;
    }

    /** Applies the record at its own event time (it arrives as it happens). */
    Pair arrive(Object record) {
      PairInput in =
          record instanceof RunEvent e ? PairInput.of(e) : PairInput.of((OutputFingerprint) record);
      long at = record instanceof RunEvent e ? millis(e) : millis((OutputFingerprint) record);
      return take(engine.apply(state, workflow, P, new Input.Arrived(in), at, lags));
    }

    /** Judges the pair at {@code at} when its deadline has passed by then. */
    Pair at(Instant at) {
      if (deadline != null && deadline <= at.toEpochMilli()) {
        take(engine.apply(state, workflow, P, new Input.DeadlinePassed(), deadline, lags));
      }
      return this;
    }

    private Pair take(PairEngine.Step step) {
      for (Emission e : step.emissions()) {
        if (e.route() == Emission.Route.VERDICTS) {
          verdicts.add(e.verdict().verdict());
        }
      }
      samples.addAll(step.lagSamples());
      if (step.store()) {
        state = step.state();
        deadline = step.deadline();
      }
      return this;
    }
  }

  private static long millis(RunEvent e) {
    return e.getEventTime().toEpochMilli();
  }

  private static long millis(OutputFingerprint f) {
    return f.getEventTime().toEpochMilli();
  }

  private static RunEvent ended(String workflow, Side side, Instant at, String... announced) {
    RunEvent e = event(workflow, P, side, 1, RunStatus.SUCCEEDED, at);
    e.setExpectedOutputs(List.of(announced));
    return e;
  }

  private static OutputFingerprint printed(String workflow, Side side, String output, Instant at) {
    OutputFingerprint f = fingerprint(workflow, P, side, 1, output, 100, "00000000000000aa");
    f.setEventTime(at);
    return f;
  }

  @Test
  void anAnnouncedOutputIsAwaitedPastTheSettlePeriodAndTheFirstVerdictIsTheFinalOne() {
    Pair pair =
        new Pair("ledger", FingerprintLags.NONE)
            .arrive(ended("ledger", Side.BASELINE, BASELINE_END, "dw.ledger"))
            .arrive(ended("ledger", Side.CANDIDATE, CANDIDATE_END, "dw.ledger"))
            .at(CANDIDATE_END.plus(Duration.ofMinutes(10)));
    assertThat(pair.verdicts).as("no MATCH while the announced output is coming").isEmpty();

    pair.arrive(printed("ledger", Side.BASELINE, "dw.ledger", T0.plusSeconds(1500)))
        .arrive(printed("ledger", Side.CANDIDATE, "dw.ledger", T0.plusSeconds(1560)));

    assertThat(pair.verdicts).hasSize(1);
    Verdict v = pair.verdicts.get(0);
    assertThat(v.getOutcome()).isEqualTo(Outcome.MATCH);
    assertThat(v.getReason()).isEqualTo(DecisionReason.COMPLETE);
    assertThat(pair.samples)
        .as("each fingerprint's lag after its side ended")
        .containsExactly(900_000L, 900_000L);
  }

  @Test
  void anAnnouncedOutputThatNeverComesIsDecidedAtTheTimeoutAndSaysSo() {
    Pair pair =
        new Pair("ledger", FingerprintLags.NONE)
            .arrive(ended("ledger", Side.BASELINE, BASELINE_END, "dw.ledger"))
            .arrive(ended("ledger", Side.CANDIDATE, CANDIDATE_END, "dw.ledger"))
            .at(CANDIDATE_END.plus(Duration.ofMinutes(29)));
    assertThat(pair.verdicts).isEmpty();

    pair.at(CANDIDATE_END.plus(Duration.ofMinutes(30)));

    assertThat(pair.verdicts).hasSize(1);
    assertThat(pair.verdicts.get(0).getReason()).isEqualTo(DecisionReason.FINGERPRINT_TIMEOUT);
    assertThat(pair.samples).containsExactly(FingerprintLags.NEVER);
  }

  @Test
  void aDeclaredOutputMissingOnOneSideIsAMismatchOnlyOnceTheTimeoutPassed() {
    Pair pair =
        new Pair("orders", FingerprintLags.NONE)
            .arrive(ended("orders", Side.BASELINE, BASELINE_END))
            .arrive(printed("orders", Side.BASELINE, "sales.orders", BASELINE_END))
            .arrive(ended("orders", Side.CANDIDATE, CANDIDATE_END))
            .at(CANDIDATE_END.plus(Duration.ofMinutes(19)));
    assertThat(pair.verdicts).as("within the workflow's 20m fingerprint timeout").isEmpty();

    pair.at(CANDIDATE_END.plus(Duration.ofMinutes(20)));

    assertThat(pair.verdicts).hasSize(1);
    Verdict v = pair.verdicts.get(0);
    assertThat(v.getOutcome()).isEqualTo(Outcome.MISMATCH);
    assertThat(v.getReason()).isEqualTo(DecisionReason.FINGERPRINT_TIMEOUT);
    assertThat(v.getFindings())
        .extracting(Finding::getKind, Finding::getCandidateValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(FindingKind.OUTPUT_MISSING, "missing"));
  }

  @Test
  void aWorkflowWhoseFingerprintsUsuallyTrailWaitsForThemEvenWhenNothingWasAnnounced() {
    FingerprintLags learned = FingerprintLags.NONE.with(List.of(300_000L, 240_000L, 300_000L));
    Pair pair =
        new Pair("ledger", learned)
            .arrive(ended("ledger", Side.BASELINE, BASELINE_END))
            .arrive(ended("ledger", Side.CANDIDATE, CANDIDATE_END))
            .at(CANDIDATE_END.plus(Duration.ofMinutes(9)));
    assertThat(pair.verdicts).as("twice the usual 5 minutes, not the 2m settle").isEmpty();

    pair.arrive(printed("ledger", Side.BASELINE, "dw.ledger", T0.plusSeconds(960)))
        .arrive(printed("ledger", Side.CANDIDATE, "dw.ledger", T0.plusSeconds(1020)));

    assertThat(pair.verdicts)
        .extracting(Verdict::getOutcome, Verdict::getReason, Verdict::getRevision)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Outcome.MATCH, DecisionReason.COMPLETE, 1));
  }

  @Test
  void aWorkflowThatNeverFingerprintsSettlesAsBefore() {
    Pair pair =
        new Pair("ledger", FingerprintLags.NONE)
            .arrive(ended("ledger", Side.BASELINE, BASELINE_END))
            .arrive(ended("ledger", Side.CANDIDATE, CANDIDATE_END))
            .at(CANDIDATE_END.plus(Duration.ofMinutes(2)));

    assertThat(pair.verdicts)
        .extracting(Verdict::getOutcome, Verdict::getReason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Outcome.MATCH, DecisionReason.SETTLED));
  }

  @Test
  void lagsAreLearnedFromEventTimesWhateverTheArrivalOrder() {
    List<Object> records =
        List.of(
            ended("ledger", Side.BASELINE, BASELINE_END),
            printed("ledger", Side.BASELINE, "dw.ledger", T0.plusSeconds(900)),
            ended("ledger", Side.CANDIDATE, CANDIDATE_END),
            printed("ledger", Side.CANDIDATE, "dw.ledger", T0.plusSeconds(1200)));
    Pair inOrder = new Pair("ledger", FingerprintLags.NONE);
    records.forEach(inOrder::arrive);
    Pair reversed = new Pair("ledger", FingerprintLags.NONE);
    for (int i = records.size() - 1; i >= 0; i--) {
      reversed.arrive(records.get(i));
    }

    assertThat(inOrder.samples).containsExactlyInAnyOrder(300_000L, 540_000L);
    assertThat(reversed.samples).containsExactlyInAnyOrderElementsOf(inOrder.samples);
  }

  /** Both sides of {@code partition} end at T0 + 5 minutes; fingerprints at {@code printedAt}. */
  private static List<Object> ledgerPair(String partition, Instant printedAt) {
    List<Object> records = new ArrayList<>();
    for (Side side : Side.values()) {
      records.add(event("ledger", partition, side, 1, RunStatus.SUCCEEDED, T0.plusSeconds(300)));
      if (printedAt != null) {
        OutputFingerprint f =
            fingerprint("ledger", partition, side, 1, "dw.ledger", 100, "00000000000000aa");
        f.setEventTime(printedAt);
        records.add(f);
      }
    }
    return records;
  }

  @Test
  void theReconcilerLearnsEachWorkflowsLagFromItsPairsAndKeepsItInState() {
    try (Harness learned = new Harness(INVENTORY, Mode.LIVE, T0);
        Harness fresh = new Harness(INVENTORY, Mode.LIVE, T0)) {
      for (String p : List.of("2026-11-17", "2026-11-18", "2026-11-19")) {
        learned.sendAll(ledgerPair(p, T0.plusSeconds(600)));
      }
      assertThat(learned.verdicts()).hasSize(3);
      learned.sendAll(ledgerPair(P, null));
      fresh.sendAll(ledgerPair(P, null));

      learned.advance(Duration.ofMinutes(8));
      fresh.advance(Duration.ofMinutes(8));

      assertThat(fresh.verdicts())
          .as("nothing learned: decided once the 2m settle period passed")
          .extracting(Verdict::getReason)
          .containsExactly(DecisionReason.SETTLED);
      assertThat(learned.verdicts())
          .as("this workflow's fingerprints trail its runs by 5 minutes: still waiting")
          .isEmpty();
      learned.sendAll(
          ledgerPair(P, T0.plusSeconds(540)).stream()
              .filter(r -> r instanceof OutputFingerprint)
              .toList());
      assertThat(learned.verdicts())
          .extracting(Verdict::getOutcome, Verdict::getReason, Verdict::getRevision)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(Outcome.MATCH, DecisionReason.COMPLETE, 1));
    }
  }
}
