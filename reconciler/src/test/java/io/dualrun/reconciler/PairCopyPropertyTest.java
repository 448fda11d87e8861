package io.dualrun.reconciler;

import static io.dualrun.reconciler.Harness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.inventory.Inventory;
import io.dualrun.reconciler.engine.Mode;
import io.dualrun.reconciler.engine.PairEvaluator;
import io.dualrun.reconciler.state.PairCopy;
import io.dualrun.reconciler.state.PairState;
import io.dualrun.reconciler.state.PairStateSerde;
import io.dualrun.reconciler.state.PairUpdater;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * A copy of a pair's state can be changed in every way the reconciler changes states (records of
 * any side, attempt and status, judging at any time: breaches opened and closed, verdicts,
 * revisions) without changing the original: a record that fails leaves its pair exactly as it was.
 */
class PairCopyPropertyTest {
  private static final String WF = "orders";
  private static final String P = "2026-11-20";
  private final PairStateSerde serde = new PairStateSerde();
  private final PairUpdater updater = new PairUpdater(4);
  private final PairEvaluator evaluator =
      new PairEvaluator(Inventory.empty(), Mode.LIVE, Duration.ofDays(35));

  @Provide
  Arbitrary<Object> inputs() {
    Arbitrary<Side> side = Arbitraries.of(Side.class);
    Arbitrary<Integer> attempt = Arbitraries.integers().between(1, 3);
    Arbitrary<Integer> seconds = Arbitraries.integers().between(0, 20_000);
    // an attempt reported under two run ids keeps the smaller one (changed in place)
    Arbitrary<String> runId = Arbitraries.of("run-b", "run-a");
    Arbitrary<Object> event =
        Combinators.combine(side, attempt, Arbitraries.of(RunStatus.class), seconds, runId)
            .as(
                (s, a, st, t, r) ->
                    (Object)
                        RunEvent.newBuilder(Harness.event(WF, P, s, a, st, T0.plusSeconds(t)))
                            .setRunId(r + a)
                            .build());
    Arbitrary<Object> taskFailure =
        Combinators.combine(side, attempt, seconds)
            .as(
                (s, a, t) ->
                    (Object)
                        Harness.task(
                            Harness.event(WF, P, s, a, RunStatus.FAILED, T0.plusSeconds(t)),
                            "load",
                            "boom"));
    Arbitrary<Object> print =
        Combinators.combine(
                side,
                attempt,
                Arbitraries.of("facts", "summary"),
                Arbitraries.longs().between(0, 3),
                Arbitraries.of("00000000000000aa", "00000000000000ab"))
            .as((s, a, o, rows, hash) -> (Object) Harness.fingerprint(WF, P, s, a, o, rows, hash));
    return Arbitraries.frequencyOf(
        Tuple.of(5, event), Tuple.of(1, taskFailure), Tuple.of(3, print));
  }

  @Property(tries = 300)
  void changingACopyLeavesTheOriginalAsItWas(
      @ForAll("history") List<Object> before,
      @ForAll("history") List<Object> after,
      @ForAll("judgeTimes") List<Integer> times) {
    PairState original = PairUpdater.empty(WF, P, T0.toEpochMilli());
    apply(original, before, times);
    byte[] encoded = serde.encode(original);

    PairState copy = PairCopy.of(original);
    assertThat(copy).isEqualTo(original);
    apply(copy, after, times);

    assertThat(serde.encode(original)).isEqualTo(encoded);
  }

  @Provide
  Arbitrary<List<Object>> history() {
    return inputs().list().ofMaxSize(12);
  }

  @Provide
  Arbitrary<List<Integer>> judgeTimes() {
    return Arbitraries.integers().between(0, 200_000).list().ofMinSize(1).ofMaxSize(4);
  }

  private void apply(PairState state, List<Object> records, List<Integer> times) {
    int i = 0;
    for (Object r : records) {
      if (r instanceof RunEvent e) {
        updater.apply(state, e);
      } else {
        updater.apply(state, (OutputFingerprint) r);
      }
      long now = T0.toEpochMilli() + 1000L * times.get(i++ % times.size());
      state.setLastActivity(Math.max(state.getLastActivity(), now));
      evaluator.evaluate(state, now);
      state.setDeadline(now);
    }
  }
}
