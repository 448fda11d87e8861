package io.dualrun.reconciler;

import static io.dualrun.reconciler.Harness.T0;
import static io.dualrun.reconciler.Harness.event;
import static io.dualrun.reconciler.Harness.fingerprint;
import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.inventory.Inventory;
import io.dualrun.reconciler.engine.Mode;
import io.dualrun.schemas.avro.BucketHashes;
import io.dualrun.schemas.avro.ColumnStats;
import io.dualrun.schemas.avro.ColumnType;
import io.dualrun.schemas.avro.DecisionReason;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FindingKind;
import io.dualrun.schemas.avro.Outcome;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.avro.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemanticsTest {
  private static final String WF = "orders";
  private static final String P = "2026-11-20";

  private static final String INVENTORY =
      """
      workflows:
        orders:
          owner: team-orders
          tier: 1
          durationRatio: 1.5
          outputs:
            - name: sales.orders
              rowCount: {relative: 0.01}
              ignoreColumns: [loaded_at]
              columnStats:
                amount: {absolute: 0.5}
      """;

  private static List<Object> bothSucceed(long baselineRows, long candidateRows) {
    List<Object> out = new ArrayList<>();
    out.add(event(WF, P, Side.BASELINE, 1, RunStatus.STARTED, T0));
    out.add(event(WF, P, Side.BASELINE, 1, RunStatus.SUCCEEDED, T0.plusSeconds(600)));
    out.add(event(WF, P, Side.CANDIDATE, 1, RunStatus.STARTED, T0));
    out.add(event(WF, P, Side.CANDIDATE, 1, RunStatus.SUCCEEDED, T0.plusSeconds(660)));
    out.add(fingerprint(WF, P, Side.BASELINE, 1, "sales.orders", baselineRows, "00000000000000aa"));
    out.add(
        fingerprint(WF, P, Side.CANDIDATE, 1, "sales.orders", candidateRows, "00000000000000aa"));
    return out;
  }

  private static Verdict only(List<Verdict> verdicts) {
    assertThat(verdicts).hasSize(1);
    return verdicts.get(0);
  }

  private static List<FindingKind> kinds(Verdict v) {
    return v.getFindings().stream().map(Finding::getKind).toList();
  }

  @Test
  void declaredOutputsAreAwaitedAndInventoryRulesApply() {
    try (Harness h = new Harness(Harness.inventory(INVENTORY), Mode.LIVE, T0)) {
      List<Object> records = bothSucceed(1000, 1005);
      h.sendAll(records.subList(0, 5));
      assertThat(h.verdicts()).as("candidate fingerprint still missing").isEmpty();
      h.send(records.get(5));
      Verdict v = only(h.verdicts());
      assertThat(v.getOutcome()).as("%s", v.getFindings()).isEqualTo(Outcome.MATCH);
      assertThat(v.getInventoried()).isTrue();
      assertThat(v.getOwner()).isEqualTo("team-orders");
      assertThat(v.getTier()).isEqualTo(1);
    }
  }

  @Test
  void rowCountBeyondRelativeToleranceIsAFinding() {
    try (Harness h = new Harness(Harness.inventory(INVENTORY), Mode.LIVE, T0)) {
      h.sendAll(bothSucceed(1000, 1020));
      Verdict v = only(h.verdicts());
      assertThat(kinds(v)).containsExactly(FindingKind.ROW_COUNT);
      assertThat(v.getFindings().get(0).getBaselineValue()).isEqualTo("1000");
      assertThat(v.getFindings().get(0).getCandidateValue()).isEqualTo("1020");
      assertThat(h.mismatches.readValuesToList()).hasSize(1);
    }
  }

  @Test
  void contentSchemaAndColumnStatFindings() {
    try (Harness h = new Harness(Harness.inventory(INVENTORY), Mode.LIVE, T0)) {
      List<Object> records = bothSucceed(1000, 1000);
      OutputFingerprint c = (OutputFingerprint) records.get(5);
      c.setContentHash("00000000000000bb");
      c.setBuckets(
          new BucketHashes(
              List.of("id"), List.of(500L, 500L), List.of("00000000000000a1", "00000000000000c2")));
      ((OutputFingerprint) records.get(4))
          .setBuckets(
              new BucketHashes(
                  List.of("id"),
                  List.of(500L, 500L),
                  List.of("00000000000000a1", "00000000000000b2")));
      c.setSchema$(
          new ArrayList<>(
              List.of(
                  new ColumnType("id", "integer"),
                  new ColumnType("amount", "float"),
                  new ColumnType("loaded_at", "timestamp"))));
      c.setColumns(
          new ArrayList<>(
              List.of(
                  new ColumnStats("id", 0L, "1", "1000", null),
                  new ColumnStats("amount", 0L, "0.5", "99.9", "1002.00"))));
      h.sendAll(records);
      Verdict v = only(h.verdicts());
      assertThat(kinds(v))
          .containsExactly(FindingKind.CONTENT, FindingKind.SCHEMA, FindingKind.COLUMN_STAT);
      assertThat(v.getFindings().get(0).getBuckets()).containsExactly(1);
      assertThat(v.getFindings().get(1).getBaselineValue()).isEqualTo("amount:decimal, id:integer");
      assertThat(v.getFindings().get(1).getCandidateValue()).isEqualTo("amount:float, id:integer");
      Finding stat = v.getFindings().get(2);
      assertThat(stat.getColumn()).isEqualTo("amount");
      assertThat(stat.getBaselineValue()).isEqualTo("1000.00");
      assertThat(stat.getCandidateValue()).isEqualTo("1002.00");
    }
  }

  @Test
  void aShortJobTakingTwiceAsLongIsNoDurationFinding() {
    try (Harness h = new Harness(Harness.inventory(INVENTORY), Mode.LIVE, T0)) {
      List<Object> records = bothSucceed(1000, 1000);
      records.set(1, event(WF, P, Side.BASELINE, 1, RunStatus.SUCCEEDED, T0.plusSeconds(2)));
      records.set(3, event(WF, P, Side.CANDIDATE, 1, RunStatus.SUCCEEDED, T0.plusSeconds(4)));
      h.sendAll(records);
      Verdict v = only(h.verdicts());
      assertThat(v.getOutcome()).isEqualTo(Outcome.MATCH);
      assertThat(v.getCandidate().getDurationMs()).isEqualTo(4_000L);
    }
  }

  @Test
  void slowerCandidateIsADurationFinding() {
    try (Harness h = new Harness(Harness.inventory(INVENTORY), Mode.LIVE, T0)) {
      List<Object> records = bothSucceed(1000, 1000);
      records.set(3, event(WF, P, Side.CANDIDATE, 1, RunStatus.SUCCEEDED, T0.plusSeconds(1200)));
      h.sendAll(records);
      Verdict v = only(h.verdicts());
      assertThat(kinds(v)).containsExactly(FindingKind.DURATION);
      assertThat(v.getFindings().get(0).getBaselineValue()).isEqualTo("PT10M");
      assertThat(v.getFindings().get(0).getCandidateValue()).isEqualTo("PT20M");
      assertThat(v.getCandidate().getDurationMs()).isEqualTo(1_200_000L);
    }
  }

  @Test
  void latestAttemptWinsAndOlderOrDuplicateEventsChangeNothing() {
    try (Harness h = new Harness()) {
      var bStart = event(WF, P, Side.BASELINE, 1, RunStatus.SUCCEEDED, T0.plusSeconds(60));
      var cFail = event(WF, P, Side.CANDIDATE, 1, RunStatus.FAILED, T0.plusSeconds(60));
      var taskFail =
          Harness.task(
              event(WF, P, Side.CANDIDATE, 1, RunStatus.FAILED, T0.plusSeconds(50)),
              "load_orders",
              "disk full");
      h.sendAll(List.of(bStart, taskFail, cFail));
      assertThat(h.verdicts()).as("no output known yet: waits for the settle period").isEmpty();
      h.advance(Duration.ofMinutes(3));
      Verdict first = only(h.verdicts());
      assertThat(first.getOutcome()).isEqualTo(Outcome.MISMATCH);
      assertThat(kinds(first)).containsExactly(FindingKind.STATUS);
      assertThat(first.getCandidate().getFailedTask()).isEqualTo("load_orders");
      assertThat(first.getCandidate().getError()).isEqualTo("disk full");
      assertThat(first.getFindings().get(0).getCandidateValue()).isEqualTo("FAILED");

      h.send(cFail);
      assertThat(h.verdicts()).as("duplicate").isEmpty();

      h.send(event(WF, P, Side.CANDIDATE, 2, RunStatus.SUCCEEDED, T0.plusSeconds(900)));
      h.advance(Duration.ofMinutes(15));
      Verdict second = only(h.verdicts());
      assertThat(second.getRevision()).isEqualTo(2);
      assertThat(second.getOutcome()).isEqualTo(Outcome.MATCH);
      assertThat(second.getPreviousOutcome()).isEqualTo(Outcome.MISMATCH);
      assertThat(second.getResolution()).isTrue();
      assertThat(second.getCandidate().getAttempt()).isEqualTo(2);

      h.send(event(WF, P, Side.CANDIDATE, 1, RunStatus.FAILED, T0.plusSeconds(1000)));
      h.advance(Duration.ofMinutes(3));
      assertThat(h.verdicts()).as("older attempt").isEmpty();
    }
  }

  @Test
  void taskLevelEventsDoNotMakeTheRunTerminal() {
    try (Harness h = new Harness()) {
      h.send(event(WF, P, Side.BASELINE, 1, RunStatus.SUCCEEDED, T0));
      h.send(
          Harness.task(event(WF, P, Side.CANDIDATE, 1, RunStatus.SUCCEEDED, T0), "extract", null));
      h.send(Harness.task(event(WF, P, Side.CANDIDATE, 1, RunStatus.FAILED, T0), "load", "boom"));
      assertThat(h.verdicts()).isEmpty();
    }
  }

  @Test
  void oneSideMissingIsDecidedOnceItsGracePeriodHasPassed() {
    try (Harness h = new Harness(Harness.inventory(INVENTORY), Mode.LIVE, T0)) {
      h.send(event(WF, P, Side.BASELINE, 1, RunStatus.SUCCEEDED, T0));
      h.send(fingerprint(WF, P, Side.BASELINE, 1, "sales.orders", 10, "00000000000000aa"));
      h.advance(Duration.ofMinutes(29));
      assertThat(h.verdicts()).as("the candidate still has its grace period").isEmpty();
      h.advance(Duration.ofMinutes(2));
      Verdict v = only(h.verdicts());
      assertThat(v.getReason()).isEqualTo(DecisionReason.SETTLED);
      assertThat(v.getCandidate()).isNull();
      assertThat(kinds(v)).containsExactly(FindingKind.STATUS, FindingKind.OUTPUT_MISSING);
      assertThat(v.getFindings().get(0).getCandidateValue()).isEqualTo("MISSING");
    }
  }

  @Test
  void aSlowerSideWithinGraceGivesOneMatchAndNoPrematureMismatch() {
    try (Harness h = new Harness(Harness.inventory(INVENTORY), Mode.REPLAY, T0)) {
      h.send(event(WF, P, Side.BASELINE, 1, RunStatus.SUCCEEDED, T0));
      h.send(fingerprint(WF, P, Side.BASELINE, 1, "sales.orders", 10, "00000000000000aa"));
      // stream time moves on with other pairs while the candidate is still running
      h.send(event(WF, "other", Side.BASELINE, 1, RunStatus.STARTED, T0.plusSeconds(600)));
      h.send(event(WF, P, Side.CANDIDATE, 1, RunStatus.SUCCEEDED, T0.plusSeconds(660)));
      h.send(fingerprint(WF, P, Side.CANDIDATE, 1, "sales.orders", 10, "00000000000000aa"));
      Verdict v = only(h.verdicts());
      assertThat(v.getOutcome()).isEqualTo(Outcome.MATCH);
      assertThat(v.getRevision()).isEqualTo(1);
    }
  }

  private static OutputFingerprint at(OutputFingerprint f, java.time.Instant time) {
    f.setEventTime(time);
    return f;
  }

  @Test
  void aRerunIsJudgedWhenItFinishesNotWhenItStarts() {
    try (Harness h = new Harness(Harness.inventory(INVENTORY), Mode.REPLAY, T0)) {
      h.send(event(WF, P, Side.BASELINE, 1, RunStatus.SUCCEEDED, T0));
      h.send(at(fingerprint(WF, P, Side.BASELINE, 1, "sales.orders", 10, "00000000000000aa"), T0));
      h.send(event(WF, P, Side.CANDIDATE, 1, RunStatus.SUCCEEDED, T0.plusSeconds(60)));
      h.send(
          at(
              fingerprint(WF, P, Side.CANDIDATE, 1, "sales.orders", 10, "00000000000000bb"),
              T0.plusSeconds(60)));
      assertThat(only(h.verdicts()).getOutcome()).isEqualTo(Outcome.MISMATCH);
      // the rerun starts hours later; other pairs move stream time on while it runs
      h.send(event(WF, P, Side.CANDIDATE, 2, RunStatus.STARTED, T0.plusSeconds(3 * 3600)));
      h.send(
          event(WF, "other", Side.BASELINE, 1, RunStatus.STARTED, T0.plusSeconds(3 * 3600 + 900)));
      assertThat(h.verdicts()).as("no verdict while the rerun is running").isEmpty();
      h.send(event(WF, P, Side.CANDIDATE, 2, RunStatus.SUCCEEDED, T0.plusSeconds(3 * 3600 + 1200)));
      h.send(
          at(
              fingerprint(WF, P, Side.CANDIDATE, 2, "sales.orders", 10, "00000000000000aa"),
              T0.plusSeconds(3 * 3600 + 1200)));
      Verdict v = only(h.verdicts());
      assertThat(v.getOutcome()).isEqualTo(Outcome.MATCH);
      assertThat(v.getRevision()).isEqualTo(2);
      assertThat(v.getResolution()).isTrue();
    }
  }

  /**
   * In replay mode the record that moves event time past a deadline is applied after the deadline
   * is judged: the candidate finished after its grace period, so its breach opens and closes.
   */
  @Test
  void inReplayARecordPastADeadlineIsAppliedAfterTheDeadlineIsJudged() {
    try (Harness h =
        new Harness(
            Inventory.empty(), Mode.REPLAY, java.time.Instant.parse("2030-01-01T00:00:00Z"))) {
      h.send(event(WF, P, Side.BASELINE, 1, RunStatus.SUCCEEDED, T0));
      assertThat(h.breaches()).isEmpty();
      h.send(event(WF, P, Side.CANDIDATE, 1, RunStatus.SUCCEEDED, T0.plusSeconds(45 * 60)));
      var breaches = h.breaches();
      assertThat(breaches)
          .extracting(b -> b.getKind().name() + " " + b.getState().name())
          .containsExactly("CANDIDATE_LATE OPEN", "CANDIDATE_LATE CLOSED");
    }
  }

  @Test
  void lateCandidateOpensAndClosesOneBreach() {
    try (Harness h = new Harness(Inventory.empty(), Mode.LIVE, T0)) {
      h.send(event(WF, P, Side.BASELINE, 1, RunStatus.SUCCEEDED, T0));
      h.advance(Duration.ofMinutes(29));
      assertThat(h.breaches()).isEmpty();
      h.advance(Duration.ofMinutes(2));
      var open = h.breaches();
      assertThat(open).hasSize(1);
      assertThat(open.get(0).getKind().name()).isEqualTo("CANDIDATE_LATE");
      assertThat(open.get(0).getState().name()).isEqualTo("OPEN");
      assertThat(open.get(0).getSide()).isEqualTo(Side.CANDIDATE);
      h.advance(Duration.ofMinutes(10));
      assertThat(h.breaches()).as("emitted once per open").isEmpty();
      h.send(event(WF, P, Side.CANDIDATE, 1, RunStatus.SUCCEEDED, T0.plusSeconds(3000)));
      var closed = h.breaches();
      assertThat(closed).hasSize(1);
      assertThat(closed.get(0).getState().name()).isEqualTo("CLOSED");
      assertThat(closed.get(0).getBreachId()).isEqualTo(open.get(0).getBreachId());
    }
  }

  @Test
  void slaMissedFiresWithNoInputAtAllAndClosesWhenTheSideCompletes() {
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
      h.advance(Duration.ofHours(7));
      assertThat(h.breaches()).as("07:05 Paris + 1h = 07:05Z not yet passed").isEmpty();
      h.advance(Duration.ofMinutes(10));
      var open = h.breaches();
      assertThat(open).hasSize(2);
      assertThat(open).allSatisfy(b -> assertThat(b.getKind().name()).isEqualTo("SLA_MISSED"));
      assertThat(open).allSatisfy(b -> assertThat(b.getPartition()).isEqualTo("2026-11-20"));
      assertThat(open.stream().map(b -> b.getSide()).toList())
          .containsExactlyInAnyOrder(Side.BASELINE, Side.CANDIDATE);
      h.advance(Duration.ofHours(1));
      assertThat(h.breaches()).isEmpty();
      h.send(
          event(
              "kpi-dashboard",
              "2026-11-20",
              Side.BASELINE,
              1,
              RunStatus.SUCCEEDED,
              T0.plusSeconds(9000)));
      var closed = h.breaches();
      assertThat(closed).hasSize(1);
      assertThat(closed.get(0).getState().name()).isEqualTo("CLOSED");
      assertThat(closed.get(0).getSide()).isEqualTo(Side.BASELINE);
    }
  }

  @Test
  void replayModeGivesTheSameOutputEveryTime() {
    List<String> first = replay(java.time.Instant.parse("2030-01-01T00:00:00Z"));
    List<String> second = replay(java.time.Instant.parse("2031-06-01T12:00:00Z"));
    assertThat(first).isNotEmpty().isEqualTo(second);
  }

  private static List<String> replay(java.time.Instant wallClock) {
    try (Harness h = new Harness(Harness.inventory(INVENTORY), Mode.REPLAY, wallClock)) {
      h.send(event(WF, P, Side.BASELINE, 1, RunStatus.SUCCEEDED, T0));
      h.send(fingerprint(WF, P, Side.BASELINE, 1, "sales.orders", 10, "00000000000000aa"));
      h.send(
          event(
              WF,
              "2026-11-21",
              Side.BASELINE,
              1,
              RunStatus.SUCCEEDED,
              T0.plus(Duration.ofDays(1))));
      h.send(
          event(
              WF,
              "2026-11-21",
              Side.CANDIDATE,
              1,
              RunStatus.SUCCEEDED,
              T0.plus(Duration.ofDays(1))));
      h.advance(Duration.ofDays(3));
      List<String> out = new ArrayList<>();
      h.verdicts().forEach(v -> out.add(v.toString()));
      h.breaches().forEach(b -> out.add(b.toString()));
      return out;
    }
  }

  @Test
  void pairsArePurgedAfterTheRetentionPeriod() {
    try (Harness h = new Harness()) {
      h.sendAll(Harness.matchingPair(WF, P, "out"));
      var store =
          (io.dualrun.reconciler.store.PairStore)
              h.driver.getAllStateStores().get(io.dualrun.reconciler.stream.StoreNames.PAIRS);
      assertThat(store.get(WF + "/" + P)).isNotNull();
      h.advance(Duration.ofDays(34));
      assertThat(store.get(WF + "/" + P)).isNotNull();
      h.advance(Duration.ofDays(2));
      assertThat(store.get(WF + "/" + P)).isNull();
    }
  }
}
