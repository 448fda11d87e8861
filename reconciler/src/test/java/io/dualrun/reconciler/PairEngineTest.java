package io.dualrun.reconciler;

import static io.dualrun.reconciler.Harness.T0;
import static io.dualrun.reconciler.Harness.event;
import static io.dualrun.reconciler.Harness.fingerprint;
import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.inventory.Inventory;
import io.dualrun.reconciler.engine.Emission;
import io.dualrun.reconciler.engine.Mode;
import io.dualrun.reconciler.engine.PairEngine;
import io.dualrun.reconciler.engine.PairEngine.Input;
import io.dualrun.reconciler.engine.PairInput;
import io.dualrun.reconciler.state.PairCopy;
import io.dualrun.reconciler.state.PairState;
import io.dualrun.schemas.avro.BreachKind;
import io.dualrun.schemas.avro.FreshnessBreach;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The judging rules as a plain function: no Kafka, no store, no clock but the one passed in. */
class PairEngineTest {
  private static final String WF = "orders";
  private static final String P = "2026-11-20";
  private static final Inventory INVENTORY =
      Harness.inventory(
          """
          workflows:
            orders:
              owner: team-orders
              grace: 30m
              outputs:
                - name: sales.orders
          """);
  private static final Duration RETENTION = Duration.ofDays(35);

  private final PairEngine engine = new PairEngine(INVENTORY, Mode.LIVE, RETENTION, 64);

  /** Just after both sides finished (T0 + 10 and 11 minutes), well within the grace. */
  private final long now = T0.plusSeconds(700).toEpochMilli();

  /** Applies {@code records} one by one from nothing; returns the last step and all emissions. */
  private record Run(PairState state, List<Emission> emitted, PairEngine.Step last) {}

  private Run run(List<Object> records) {
    PairState state = null;
    List<Emission> emitted = new ArrayList<>();
    PairEngine.Step step = null;
    for (Object r : records) {
      step = engine.apply(state, WF, P, new Input.Arrived(input(r)), now);
      emitted.addAll(step.emissions());
      if (step.store()) {
        state = step.state();
      }
    }
    return new Run(state, emitted, step);
  }

  private static PairInput input(Object r) {
    return r instanceof RunEvent e ? PairInput.of(e) : PairInput.of((OutputFingerprint) r);
  }

  private static List<Object> both(long baselineRows, long candidateRows) {
    return List.of(
        event(WF, P, Side.BASELINE, 1, RunStatus.SUCCEEDED, T0.plusSeconds(600)),
        fingerprint(WF, P, Side.BASELINE, 1, "sales.orders", baselineRows, "00000000000000aa"),
        event(WF, P, Side.CANDIDATE, 1, RunStatus.SUCCEEDED, T0.plusSeconds(660)),
        fingerprint(WF, P, Side.CANDIDATE, 1, "sales.orders", candidateRows, "00000000000000aa"));
  }

  @Test
  void aMatchingPairIsDecidedOnceAndKeptUntilItsRetention() {
    Run r = run(both(100, 100));
    assertThat(r.emitted())
        .singleElement()
        .satisfies(e -> assertThat(e.route()).isEqualTo(Emission.Route.VERDICTS));
    assertThat(r.emitted().get(0).verdict().isMismatch()).isFalse();
    assertThat(r.last().store()).isTrue();
    assertThat(r.last().deadline())
        .as("looked at again when the retention ends")
        .isEqualTo(now + RETENTION.toMillis());
  }

  @Test
  void aMismatchIsEmittedForTheMismatchesTopicToo() {
    Run r = run(both(100, 90));
    assertThat(r.emitted())
        .extracting(Emission::route)
        .containsExactly(Emission.Route.VERDICTS, Emission.Route.MISMATCHES);
    assertThat(r.emitted().get(1).verdict()).isSameAs(r.emitted().get(0).verdict());
  }

  @Test
  void aDuplicateChangesNothingAndTheStoredStateIsNeverTouched() {
    List<Object> records = both(100, 100);
    Run r = run(records);
    PairState before = PairCopy.of(r.state());
    PairEngine.Step again =
        engine.apply(r.state(), WF, P, new Input.Arrived(input(records.get(3))), now + 1);
    assertThat(again.store()).isFalse();
    assertThat(again.emissions()).isEmpty();
    engine.apply(r.state(), WF, P, new Input.DeadlinePassed(), now + 5_000);
    assertThat(r.state()).as("the engine works on a copy").isEqualTo(before);
  }

  @Test
  void theLateSideGetsABreachWhenItsDeadlinePasses() {
    long graceEnds = T0.plusSeconds(600).plus(Duration.ofMinutes(30)).toEpochMilli();
    PairEngine early = new PairEngine(INVENTORY, Mode.LIVE, RETENTION, 64);
    long before = graceEnds - 60_000;
    PairEngine.Step first =
        early.apply(
            null,
            WF,
            P,
            new Input.Arrived(
                input(event(WF, P, Side.BASELINE, 1, RunStatus.SUCCEEDED, T0.plusSeconds(600)))),
            before);
    assertThat(first.emissions()).isEmpty();
    assertThat(first.deadline()).as("the grace's end").isEqualTo(graceEnds);
    PairEngine.Step due = early.apply(first.state(), WF, P, new Input.DeadlinePassed(), graceEnds);
    assertThat(breaches(due.emissions()))
        .extracting(FreshnessBreach::getKind)
        .containsExactly(BreachKind.CANDIDATE_LATE);
  }

  @Test
  void anExpectedPairNotDoneGetsSlaMissedForEachSideOnce() {
    long due = T0.toEpochMilli();
    var spec = INVENTORY.rules(WF);
    PairEngine.Step step = engine.apply(null, WF, P, new Input.ExpectedBy(spec, due), now);
    assertThat(breaches(step.emissions()))
        .extracting(FreshnessBreach::getKind, FreshnessBreach::getSide)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(BreachKind.SLA_MISSED, Side.BASELINE),
            org.assertj.core.groups.Tuple.tuple(BreachKind.SLA_MISSED, Side.CANDIDATE));
    assertThat(step.store()).isTrue();
    PairEngine.Step again =
        engine.apply(step.state(), WF, P, new Input.ExpectedBy(spec, due), now + 1000);
    assertThat(again.emissions()).isEmpty();
    assertThat(again.store()).isFalse();
  }

  @Test
  void aPairIsPurgedOnceItsRetentionPassed() {
    Run r = run(both(100, 100));
    PairEngine.Step purge =
        engine.apply(r.state(), WF, P, new Input.DeadlinePassed(), now + RETENTION.toMillis());
    assertThat(purge.purge()).isTrue();
    assertThat(purge.state()).isNull();
    assertThat(purge.emissions()).isEmpty();
  }

  private static List<FreshnessBreach> breaches(List<Emission> emitted) {
    return emitted.stream()
        .filter(e -> e.route() == Emission.Route.FRESHNESS)
        .map(Emission::breach)
        .toList();
  }
}
