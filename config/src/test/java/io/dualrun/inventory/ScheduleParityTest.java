package io.dualrun.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.inventory.ScheduleParity.Kind;
import io.dualrun.inventory.ScheduleParity.Report;
import io.dualrun.inventory.ScheduleParity.SideSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ScheduleParityTest {
  static final Instant YEAR_2026 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration YEAR = Duration.ofDays(365);
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final ZoneId UTC = ZoneId.of("UTC");

  static SideSchedule side(String cron, ZoneId zone, Duration offset) {
    return new SideSchedule(new Schedule(cron, zone, Duration.ZERO), offset);
  }

  static Report compare(SideSchedule b, SideSchedule c, ZoneId workflowZone) {
    return ScheduleParity.compare(b, c, workflowZone, Granularity.DAY, YEAR_2026, YEAR);
  }

  @Test
  void theSameScheduleProducesTheSamePartitions() {
    SideSchedule s = side("5 7 * * *", PARIS, Duration.ofDays(-1));
    Report r = compare(s, s, PARIS);
    assertThat(r.same()).isTrue();
    assertThat(r.partitions()).isEqualTo(365);
    assertThat(r.fireTimeDeltas()).containsExactly(java.util.Map.entry(Duration.ZERO, 365));
    assertThat(r.shift()).isEmpty();
  }

  @Test
  void aPartitionOffsetMismatchIsNamedAsAShift() {
    Report r =
        compare(
            side("5 7 * * *", PARIS, Duration.ofDays(-1)),
            side("5 7 * * *", PARIS, Duration.ZERO),
            PARIS);
    assertThat(r.same()).isFalse();
    assertThat(r.differences())
        .extracting(ScheduleParity.Difference::kind)
        .containsExactlyInAnyOrder(Kind.ONLY_BASELINE, Kind.ONLY_CANDIDATE);
    assertThat(r.shift())
        .contains(
            "for the same run the candidate names a partition 1 day later than the baseline"
                + " (their partition offsets differ by 1 day)");
  }

  @Test
  void parisLocalTimeAgainstUtcDiffersByAnHourInSummerAndAtBothDstChanges() {
    // the legacy server runs at 02:30 Paris time; the new orchestrator at 01:30 UTC (the same in
    // winter). 2026: summer time from 29 March to 25 October.
    Report r =
        compare(
            side("30 2 * * *", PARIS, Duration.ofDays(-1)),
            side("30 1 * * *", UTC, Duration.ofDays(-1)),
            PARIS);
    // the night of 29 March has no 02:30 in Paris: the baseline does not produce the 28th; the
    // night of 25 October has two 02:30s, and the schedule fires at the first only
    assertThat(r.differences())
        .containsExactly(
            new ScheduleParity.Difference(
                Kind.ONLY_CANDIDATE, "2026-03-28", "fired at [2026-03-29T01:30:00Z]"));
    assertThat(r.fireTimeDeltas())
        .containsOnly(
            java.util.Map.entry(Duration.ofHours(1), 210), java.util.Map.entry(Duration.ZERO, 154));
  }

  @Test
  void newYorkLocalTimeAgainstUtcAtTheMarchAndNovemberChanges() {
    // 2026: summer time in New York from 8 March to 1 November
    Report r =
        compare(
            side("30 1 * * *", NEW_YORK, Duration.ofDays(-1)),
            side("30 6 * * *", UTC, Duration.ofDays(-1)),
            NEW_YORK);
    // 01:30 exists on the March night (the clock jumps at 02:00) and is repeated in November
    // (fired once): the same partitions, the candidate an hour later all summer
    assertThat(r.same()).isTrue();
    assertThat(r.fireTimeDeltas())
        .containsOnly(
            java.util.Map.entry(Duration.ofHours(1), 238), java.util.Map.entry(Duration.ZERO, 127));
  }

  @Test
  void aCronFiringTwicePerPartitionIsReported() {
    Report r =
        compare(
            side("0 6 * * *", UTC, Duration.ZERO), side("0 6,18 * * *", UTC, Duration.ZERO), UTC);
    assertThat(r.differences()).hasSize(365);
    assertThat(r.differences())
        .allSatisfy(d -> assertThat(d.kind()).isEqualTo(Kind.CANDIDATE_TWICE));
  }
}
