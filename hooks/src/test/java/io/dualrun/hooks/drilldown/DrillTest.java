package io.dualrun.hooks.drilldown;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.hooks.diff.Bisection;
import io.dualrun.hooks.diff.BucketSum;
import io.dualrun.hooks.diff.DiffRow;
import io.dualrun.hooks.diff.DiffSide;
import io.dualrun.hooks.diff.ListRows;
import io.dualrun.hooks.diff.Masking;
import io.dualrun.hooks.diff.ScannedSide;
import io.dualrun.hooks.fingerprint.Column;
import io.dualrun.hooks.fingerprint.RowEncoder;
import io.dualrun.schemas.ColumnKind;
import io.dualrun.schemas.avro.DecisionReason;
import io.dualrun.schemas.avro.DiffReport;
import io.dualrun.schemas.avro.DiffStatus;
import io.dualrun.schemas.avro.Outcome;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.normalise.Normalisation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A drill-down from verdict to report, its sides in memory: no Kafka. */
class DrillTest {
  private static final List<Column> COLUMNS =
      List.of(new Column("id", ColumnKind.INTEGER), new Column("amount", ColumnKind.DECIMAL));
  private static final Coordinator.Settings SETTINGS =
      new Coordinator.Settings(
          "{side}:{output}",
          Duration.ofSeconds(5),
          new Bisection.Limits(16, 40, Duration.ofMinutes(1)));
  private static final Verdict VERDICT =
      Verdict.newBuilder()
          .setWorkflow("wf")
          .setPartition("2026-11-20")
          .setRevision(3)
          .setOutcome(Outcome.MISMATCH)
          .setReason(DecisionReason.COMPLETE)
          .setDecidedAt(Instant.EPOCH)
          .setInventoried(true)
          .build();

  private static List<Object[]> table(int n) {
    List<Object[]> rows = new ArrayList<>();
    for (long id = 1; id <= n; id++) {
      rows.add(new Object[] {id, BigDecimal.valueOf(id, 2)});
    }
    return rows;
  }

  private static DiffSide side(List<Object[]> rows, boolean candidate) throws Exception {
    return new ScannedSide(
        () -> new ListRows(COLUMNS, rows),
        List.of("id"),
        List.of(),
        Normalisation.NONE,
        candidate,
        Masking.NONE);
  }

  private static long hash(List<Object[]> rows) throws Exception {
    return Bisection.contentHash(side(rows, false));
  }

  private static DiffReport drill(DiffSide baseline, DiffSide candidate, Targets.Target t) {
    List<DiffReport> announced = new ArrayList<>();
    DiffReport report =
        new Drill(
                SETTINGS,
                Clock.systemUTC(),
                (side, agent, drillId, v) -> side.equals("baseline") ? baseline : candidate)
            .run(VERDICT, t, announced::add);
    assertThat(announced)
        .singleElement()
        .satisfies(p -> assertThat(p.getStatus()).isEqualTo(DiffStatus.PENDING));
    assertThat(report.getDrillId()).isEqualTo(announced.get(0).getDrillId());
    return report;
  }

  @Test
  void theRowsOfASidesThatHoldWhatTheirFingerprintsSaidAreReported() throws Exception {
    List<Object[]> a = table(500);
    List<Object[]> b = new ArrayList<>(a);
    b.set(99, new Object[] {100L, new BigDecimal("7.77")});
    Targets.Target t = new Targets.Target("dw.t", RowEncoder.hex(hash(a)), RowEncoder.hex(hash(b)));
    DiffReport r = drill(side(a, false), side(b, true), t);
    assertThat(r.getStatus()).as(String.valueOf(r.getMessage())).isEqualTo(DiffStatus.DIFFERENT);
    assertThat(r.getChanged()).isEqualTo(1);
    assertThat(r.getRows().get(0).getKey()).containsExactly("100");
    assertThat(r.getBaselineAgent()).isEqualTo("baseline:dw.t");
    assertThat(r.getRevision()).isEqualTo(3);
  }

  @Test
  void aSideThatNoLongerHoldsItsFingerprintsRowsIsChangedNotDiffed() throws Exception {
    List<Object[]> a = table(500);
    List<Object[]> b = new ArrayList<>(a);
    b.remove(7);
    DiffReport r =
        drill(
            side(a, false),
            side(b, true),
            new Targets.Target("dw.t", RowEncoder.hex(hash(a)), "0123456789abcdef"));
    assertThat(r.getStatus()).isEqualTo(DiffStatus.CHANGED);
    assertThat(r.getMessage())
        .startsWith("the candidate's rows changed since its fingerprint (content hash")
        .contains("0123456789abcdef then, " + RowEncoder.hex(hash(b)) + " now");
    assertThat(r.getRows()).isEmpty();
  }

  @Test
  void aSideWhoseRowsMoveWhileItIsDrilledIntoIsChangedNotDiffed() throws Exception {
    List<Object[]> a = table(500);
    List<Object[]> b = new ArrayList<>(a);
    b.remove(7);
    List<Object[]> later = new ArrayList<>(b);
    later.remove(300);
    DiffSide before = side(b, true);
    DiffSide after = side(later, true);
    // answers as before until its rows were read, then as after: a table written meanwhile
    DiffSide moving =
        new DiffSide() {
          private boolean read;

          @Override
          public List<String> keyColumns() {
            return before.keyColumns();
          }

          @Override
          public List<String> columns() {
            return before.columns();
          }

          @Override
          public Map<Long, BucketSum> sums(long m, long pm, Set<Long> ps) throws Exception {
            return (read ? after : before).sums(m, pm, ps);
          }

          @Override
          public List<DiffRow> rows(long m, Set<Long> buckets) throws Exception {
            read = true;
            return before.rows(m, buckets);
          }

          @Override
          public long bytesSent() {
            return 0;
          }

          @Override
          public void close() {}
        };
    DiffReport r = drill(side(a, false), moving, new Targets.Target("dw.t", null, null));
    assertThat(r.getStatus()).isEqualTo(DiffStatus.CHANGED);
    assertThat(r.getMessage())
        .isEqualTo(
            "the candidate's rows changed during the drill-down (content hash "
                + RowEncoder.hex(hash(b))
                + " at its start, "
                + RowEncoder.hex(hash(later))
                + " at its end): not diffed");
  }

  @Test
  void aSideThatCannotBeOpenedFailsWithItsReason() {
    DiffReport r =
        new Drill(
                SETTINGS,
                Clock.systemUTC(),
                (side, agent, drillId, v) -> {
                  throw new IllegalArgumentException("the baseline agent 'x': no such table");
                })
            .run(VERDICT, new Targets.Target("dw.t", null, null), p -> {});
    assertThat(r.getStatus()).isEqualTo(DiffStatus.FAILED);
    assertThat(r.getMessage()).isEqualTo("the baseline agent 'x': no such table");
  }
}
