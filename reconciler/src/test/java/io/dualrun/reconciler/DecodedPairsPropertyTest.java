package io.dualrun.reconciler;

import static io.dualrun.reconciler.Harness.T0;
import static io.dualrun.reconciler.Harness.event;
import static io.dualrun.reconciler.Harness.fingerprint;
import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.inventory.Inventory;
import io.dualrun.reconciler.engine.Mode;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Keeping recently used pairs decoded (reconciler.decoded-pairs) changes nothing the reconciler
 * writes: interleaved records of several pairs give the same verdicts and breaches, revision for
 * revision, with no pair kept decoded, with one (evicted at every other pair's record) and with
 * many.
 */
class DecodedPairsPropertyTest {
  private static final List<String> PARTITIONS = List.of("2026-11-18", "2026-11-19", "2026-11-20");

  private static List<Object> pair(String p, int variant) {
    String wf = "orders";
    List<Object> r = new ArrayList<>();
    r.add(event(wf, p, Side.BASELINE, 1, RunStatus.STARTED, T0));
    r.add(event(wf, p, Side.BASELINE, 1, RunStatus.SUCCEEDED, T0.plusSeconds(300)));
    r.add(fingerprint(wf, p, Side.BASELINE, 1, "orders.daily", 500, "00000000000000aa"));
    r.add(event(wf, p, Side.CANDIDATE, 1, RunStatus.STARTED, T0.plusSeconds(10)));
    r.add(event(wf, p, Side.CANDIDATE, 1, RunStatus.FAILED, T0.plusSeconds(100)));
    r.add(event(wf, p, Side.CANDIDATE, 2, RunStatus.STARTED, T0.plusSeconds(200)));
    r.add(event(wf, p, Side.CANDIDATE, 2, RunStatus.SUCCEEDED, T0.plusSeconds(420)));
    r.add(
        fingerprint(
            wf,
            p,
            Side.CANDIDATE,
            2,
            "orders.daily",
            500 + variant,
            variant == 0 ? "00000000000000aa" : "00000000000000ab"));
    return r;
  }

  @Provide
  Arbitrary<List<Object>> interleavings() {
    List<Object> all = new ArrayList<>();
    for (int i = 0; i < PARTITIONS.size(); i++) {
      all.addAll(pair(PARTITIONS.get(i), i));
    }
    return Arbitraries.shuffle(all)
        .flatMap(
            order ->
                Arbitraries.of(all)
                    .list()
                    .ofMaxSize(3)
                    .map(
                        dups -> {
                          List<Object> out = new ArrayList<>(order);
                          out.addAll(out.size() / 2, dups);
                          return out;
                        }));
  }

  @Property(tries = 25)
  void decodedPairsChangeNothingWritten(@ForAll("interleavings") List<Object> arrival) {
    List<String> none = written(arrival, 0);
    assertThat(none).isNotEmpty();
    assertThat(written(arrival, 1)).isEqualTo(none);
    assertThat(written(arrival, 1024)).isEqualTo(none);
  }

  /** Every verdict and breach written, in order, for one setting of reconciler.decoded-pairs. */
  private static List<String> written(List<Object> arrival, int decoded) {
    try (Harness h =
        new Harness(
            Inventory.empty(),
            Mode.LIVE,
            Instant.parse("2026-11-20T08:00:00Z"),
            Map.of("reconciler.decoded-pairs", decoded))) {
      List<String> out = new ArrayList<>();
      for (Object r : arrival) {
        h.send(r);
        h.advance(Duration.ofSeconds(20));
        h.verdicts().forEach(v -> out.add(v.toString()));
        h.breaches().forEach(b -> out.add(b.toString()));
      }
      h.advance(Duration.ofMinutes(40));
      h.verdicts().forEach(v -> out.add(v.toString()));
      h.breaches().forEach(b -> out.add(b.toString()));
      return out;
    }
  }
}
