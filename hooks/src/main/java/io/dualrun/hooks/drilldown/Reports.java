package io.dualrun.hooks.drilldown;

import io.dualrun.hooks.diff.DiffResult;
import io.dualrun.hooks.diff.DiffRow;
import io.dualrun.hooks.diff.KeyDifference;
import io.dualrun.schemas.avro.DiffReport;
import io.dualrun.schemas.avro.DiffStatus;
import io.dualrun.schemas.avro.RowDifference;
import io.dualrun.schemas.avro.RowDifferenceKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A drill-down's result as the report on {@code dualrun.diffs.v1}: pure, no Kafka. */
public final class Reports {
  /** The most differing keys a report lists (the counts are of all of them). */
  public static final int MAX_ROWS = 100;

  private Reports() {}

  /** What the drill-down is about, whatever its outcome. */
  public record Drill(
      String workflow,
      String partition,
      String output,
      int revision,
      String drillId,
      String baselineAgent,
      String candidateAgent,
      List<String> keyColumns,
      Instant startedAt) {}

  /** The rows found, or CHANGED when a side no longer holds what its fingerprint said. */
  public static DiffReport of(
      Drill d, DiffResult r, List<String> columns, String changed, Instant now) {
    DiffReport.Builder b = base(d, now).setColumns(columns);
    b.setBytesCrossed(r.bytesSent()[0] + r.bytesSent()[1]);
    if (changed != null) {
      return b.setStatus(DiffStatus.CHANGED).setMessage(changed).build();
    }
    if (!r.schema().isEmpty()) {
      return b.setStatus(DiffStatus.DIFFERENT)
          .setMessage("columns only one side has: " + String.join(", ", r.schema()))
          .build();
    }
    b.setOnlyInBaseline(r.count(KeyDifference.Kind.ONLY_IN_BASELINE))
        .setOnlyInCandidate(r.count(KeyDifference.Kind.ONLY_IN_CANDIDATE))
        .setChanged(r.count(KeyDifference.Kind.CHANGED));
    List<RowDifference> rows = new ArrayList<>();
    for (KeyDifference k : r.differences()) {
      if (rows.size() == MAX_ROWS) {
        break;
      }
      rows.add(row(k));
    }
    b.setRows(rows);
    if (r.equal()) {
      return b.setStatus(DiffStatus.EQUAL)
          .setMessage("the two sides hold the same rows now (rerun since the verdict?)")
          .build();
    }
    if (r.partial() != null) {
      return b.setStatus(DiffStatus.PARTIAL).setMessage(r.partial()).build();
    }
    return b.setStatus(DiffStatus.DIFFERENT).build();
  }

  /** Started: the agents are being asked. */
  public static DiffReport pending(Drill d, Instant now) {
    return base(d, now).setStatus(DiffStatus.PENDING).setMessage("asking the agents").build();
  }

  /** No result: an agent timed out or failed. */
  public static DiffReport failed(Drill d, DiffStatus status, String message, Instant now) {
    return base(d, now).setStatus(status).setMessage(message).build();
  }

  private static DiffReport.Builder base(Drill d, Instant now) {
    return DiffReport.newBuilder()
        .setWorkflow(d.workflow())
        .setPartition(d.partition())
        .setOutput(d.output())
        .setRevision(d.revision())
        .setDrillId(d.drillId())
        .setBaselineAgent(d.baselineAgent())
        .setCandidateAgent(d.candidateAgent())
        .setKeyColumns(d.keyColumns())
        .setStartedAt(d.startedAt())
        .setFinishedAt(now);
  }

  private static RowDifference row(KeyDifference k) {
    return RowDifference.newBuilder()
        .setKind(
            switch (k.kind()) {
              case ONLY_IN_BASELINE -> RowDifferenceKind.ONLY_IN_BASELINE;
              case ONLY_IN_CANDIDATE -> RowDifferenceKind.ONLY_IN_CANDIDATE;
              case CHANGED -> RowDifferenceKind.CHANGED;
              case IN_DIFFERING_BUCKET ->
                  throw new IllegalStateException(
                      "a drill-down reads both sides' rows: no row is left unclassified");
            })
        .setKey(new ArrayList<>(k.key()))
        .setChangedColumns(k.changed().stream().map(KeyDifference.Change::column).toList())
        .setBaseline(values(k.baseline()))
        .setCandidate(values(k.candidate()))
        .build();
  }

  private static List<String> values(DiffRow row) {
    return row == null ? null : new ArrayList<>(row.values());
  }
}
