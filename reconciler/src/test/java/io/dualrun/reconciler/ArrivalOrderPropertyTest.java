package io.dualrun.reconciler;

import static io.dualrun.reconciler.Harness.T0;
import static io.dualrun.reconciler.Harness.event;
import static io.dualrun.reconciler.Harness.fingerprint;
import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.reconciler.engine.Mode;
import io.dualrun.schemas.avro.DecisionReason;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.avro.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any arrival order of a pair's records, with duplicates, gives one and the same final verdict: the
 * same stored verdict (what REST answers), the same last emitted outcome and findings, and the same
 * revision numbers — a record that changes nothing a user sees (a late start time) updates the
 * stored verdict without a revision.
 */
class ArrivalOrderPropertyTest {
  private static final String WF = "customer-dim";
  private static final String P = "2026-11-20";

  /** A rerun candidate, a task failure, fingerprints of both attempts, a content difference. */
  private static final List<Object> RECORDS = records();

  private static final String EXPECTED = finalVerdict(RECORDS);

  /** Two complete sides that agree, start events included (their duration within the ratio). */
  private static final List<Object> MATCHING = matching();

  private static List<Object> matching() {
    List<Object> r = new ArrayList<>();
    for (Side side : Side.values()) {
      r.add(event(WF, P, side, 1, RunStatus.STARTED, T0));
      r.add(event(WF, P, side, 1, RunStatus.SUCCEEDED, T0.plusSeconds(300)));
      r.add(fingerprint(WF, P, side, 1, "dim.customer", 500, "00000000000000aa"));
    }
    return List.copyOf(r);
  }

  @Property(tries = 40)
  void aMatchingPairIsOneRevisionInAnyOrder(@ForAll("matchingArrivals") List<Object> arrival) {
    try (Harness h =
        new Harness(
            io.dualrun.inventory.Inventory.empty(),
            Mode.LIVE,
            Instant.parse("2026-11-20T08:00:00Z"))) {
      h.sendAll(arrival);
      h.advance(Duration.ofMinutes(5));
      List<Verdict> all = h.verdicts();
      assertThat(all).hasSize(1);
      assertThat(all.get(0).getRevision()).isEqualTo(1);
      Verdict stored = h.storedVerdict(WF, P);
      assertThat(stored.getRevision()).isEqualTo(1);
      assertThat(stored.getCandidate().getDurationMs()).isEqualTo(300_000L);
      assertThat(stored.getBaseline().getStartTime()).isEqualTo(T0);
    }
  }

  @Provide
  Arbitrary<List<Object>> matchingArrivals() {
    return Arbitraries.shuffle(MATCHING);
  }

  /** {@link #MATCHING} whose runs announce their output. */
  private static List<Object> announcing() {
    List<Object> r = new ArrayList<>();
    for (Object o : MATCHING) {
      if (o instanceof io.dualrun.schemas.avro.RunEvent e && e.getStatus() == RunStatus.SUCCEEDED) {
        o =
            io.dualrun.schemas.avro.RunEvent.newBuilder(e)
                .setExpectedOutputs(List.of("dim.customer"))
                .build();
      }
      r.add(o);
    }
    return List.copyOf(r);
  }

  @Provide
  Arbitrary<List<Object>> announcingArrivals() {
    return Arbitraries.shuffle(announcing());
  }

  /**
   * Records minutes apart (each gap longer than the settle period): whatever the order, the pair is
   * decided once, when its last announced fingerprint arrived.
   */
  @Property(tries = 30)
  void noVerdictWhileAnAnnouncedFingerprintIsComing(
      @ForAll("announcingArrivals") List<Object> arrival) {
    try (Harness h =
        new Harness(
            io.dualrun.inventory.Inventory.empty(),
            Mode.LIVE,
            Instant.parse("2026-11-20T08:00:00Z"))) {
      for (Object record : arrival) {
        h.send(record);
        h.advance(Duration.ofMinutes(3));
      }
      List<Verdict> all = h.verdicts();
      assertThat(all).hasSize(1);
      assertThat(all.get(0).getReason()).isEqualTo(io.dualrun.schemas.avro.DecisionReason.COMPLETE);
      assertThat(all.get(0).getOutcome()).isEqualTo(io.dualrun.schemas.avro.Outcome.MATCH);
    }
  }

  private static List<Object> records() {
    List<Object> r = new ArrayList<>();
    r.add(event(WF, P, Side.BASELINE, 1, RunStatus.STARTED, T0));
    r.add(event(WF, P, Side.BASELINE, 1, RunStatus.SUCCEEDED, T0.plusSeconds(300)));
    r.add(fingerprint(WF, P, Side.BASELINE, 1, "dim.customer", 500, "00000000000000aa"));
    r.add(fingerprint(WF, P, Side.BASELINE, 1, "dim.address", 70, "00000000000000cc"));
    r.add(event(WF, P, Side.CANDIDATE, 1, RunStatus.STARTED, T0));
    r.add(
        Harness.task(
            event(WF, P, Side.CANDIDATE, 1, RunStatus.FAILED, T0.plusSeconds(100)), "load", "x"));
    r.add(event(WF, P, Side.CANDIDATE, 1, RunStatus.FAILED, T0.plusSeconds(120)));
    r.add(fingerprint(WF, P, Side.CANDIDATE, 1, "dim.customer", 3, "0000000000000001"));
    r.add(event(WF, P, Side.CANDIDATE, 2, RunStatus.STARTED, T0.plusSeconds(200)));
    r.add(event(WF, P, Side.CANDIDATE, 2, RunStatus.SUCCEEDED, T0.plusSeconds(480)));
    r.add(fingerprint(WF, P, Side.CANDIDATE, 2, "dim.customer", 501, "00000000000000ab"));
    r.add(fingerprint(WF, P, Side.CANDIDATE, 2, "dim.address", 70, "00000000000000cc"));
    return List.copyOf(r);
  }

  @Provide
  Arbitrary<List<Object>> arrivals() {
    Arbitrary<List<Object>> order = Arbitraries.shuffle(RECORDS);
    Arbitrary<Set<Object>> dups = Arbitraries.subsetOf(RECORDS).ofMaxSize(4);
    return Combinators.combine(order, dups, Arbitraries.integers().between(0, RECORDS.size()))
        .as(
            (o, d, at) -> {
              List<Object> all = new ArrayList<>(o);
              for (Object dup : d) {
                all.add(Math.min(at, all.size()), dup);
              }
              return all;
            });
  }

  @Property(tries = 60)
  void everyArrivalOrderGivesTheSameFinalVerdict(@ForAll("arrivals") List<Object> arrival) {
    assertThat(finalVerdict(arrival)).isEqualTo(EXPECTED);
  }

  @Property(tries = 1)
  void theExpectedVerdictIsTheRerunWithItsDifferences(@ForAll("arrivals") List<Object> ignored) {
    assertThat(EXPECTED)
        .contains("\"outcome\": \"MISMATCH\"")
        .contains("\"attempt\": 2")
        .contains("ROW_COUNT")
        .contains("CONTENT")
        .doesNotContain("STATUS");
  }

  private static String finalVerdict(List<Object> arrival) {
    try (Harness h =
        new Harness(
            io.dualrun.inventory.Inventory.empty(),
            Mode.LIVE,
            Instant.parse("2026-11-20T08:00:00Z"))) {
      h.sendAll(arrival);
      h.advance(Duration.ofMinutes(5));
      List<Verdict> all = h.verdicts();
      assertThat(all).isNotEmpty();
      for (int i = 0; i < all.size(); i++) {
        assertThat(all.get(i).getRevision()).isEqualTo(i + 1);
      }
      Verdict last = all.get(all.size() - 1);
      Verdict stored = h.storedVerdict(WF, P);
      assertThat(stored.getRevision()).isEqualTo(last.getRevision());
      assertThat(stored.getOutcome()).isEqualTo(last.getOutcome());
      assertThat(stored.getFindings()).isEqualTo(last.getFindings());
      return Verdict.newBuilder(stored)
          .setRevision(0)
          .setPreviousOutcome(null)
          .setResolution(false)
          .setReason(DecisionReason.COMPLETE)
          .setDecidedAt(Instant.EPOCH)
          .build()
          .toString();
    }
  }
}
