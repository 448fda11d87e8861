package io.dualrun.alerting.fold;

import io.dualrun.alerting.model.FindingLine;
import io.dualrun.alerting.model.Member;
import io.dualrun.alerting.model.RunInfo;
import io.dualrun.alerting.model.Signal;
import io.dualrun.schemas.avro.BreachState;
import io.dualrun.schemas.avro.DiffReport;
import io.dualrun.schemas.avro.DiffStatus;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FindingKind;
import io.dualrun.schemas.avro.FreshnessBreach;
import io.dualrun.schemas.avro.SideSummary;
import io.dualrun.schemas.avro.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reduces reconciler records to {@link Signal}s. */
public final class SignalMapper {
  private SignalMapper() {}

  /**
   * A verdict revision: one member per finding kind present, waived findings left out (none for a
   * MATCH or a MATCH_WITH_WAIVER).
   */
  public static Signal fromVerdict(Verdict v) {
    Map<String, List<FindingLine>> byKind = new LinkedHashMap<>();
    for (Finding f : v.getFindings()) {
      if (f.getWaiver() != null) {
        continue;
      }
      byKind
          .computeIfAbsent(f.getKind().name(), k -> new ArrayList<>())
          .add(
              new FindingLine(
                  f.getOutput(),
                  f.getColumn(),
                  f.getBaselineValue(),
                  f.getCandidateValue(),
                  f.getDetail(),
                  f.getHint()));
    }
    RunInfo baseline = run(v.getBaseline());
    RunInfo candidate = run(v.getCandidate());
    Map<String, Member> members = new LinkedHashMap<>();
    byKind.forEach(
        (kind, lines) ->
            members.put(
                kind,
                new Member(
                    v.getPartition(),
                    v.getPartition(),
                    null,
                    v.getRevision(),
                    v.getDecidedAt(),
                    lines,
                    lines.get(0).detail(),
                    baseline,
                    candidate,
                    null,
                    null,
                    List.of())));
    return new Signal(
        Signal.Type.VERDICT,
        v.getWorkflow(),
        v.getPartition(),
        v.getOwner(),
        v.getTier(),
        v.getRevision(),
        members,
        !members.isEmpty(),
        v.getDecidedAt());
  }

  /** Differing keys a drill-down line names; the report's counts say how many there are. */
  static final int ROWS_SHOWN = 3;

  /**
   * A drill-down's final report as a one-member signal (the CONTENT member of its pair and
   * revision) whose one row line says what it found; null for a PENDING report (nothing to say
   * yet).
   */
  public static Signal fromDiff(DiffReport r) {
    if (r.getStatus() == DiffStatus.PENDING) {
      return null;
    }
    Member member =
        new Member(
            r.getPartition(),
            r.getPartition(),
            null,
            r.getRevision(),
            r.getFinishedAt(),
            List.of(),
            null,
            null,
            null,
            null,
            null,
            List.of(r.getOutput() + ": " + DrillLine.of(r, ROWS_SHOWN)));
    return new Signal(
        Signal.Type.DIFF,
        r.getWorkflow(),
        r.getPartition(),
        null,
        null,
        r.getRevision(),
        Map.of(FindingKind.CONTENT.name(), member),
        true,
        r.getFinishedAt());
  }

  /** A freshness breach opened or closed; the member key includes the late side. */
  public static Signal fromBreach(FreshnessBreach b) {
    String side = b.getSide().name().toLowerCase(Locale.ROOT);
    Member member =
        new Member(
            b.getPartition() + "/" + side,
            b.getPartition(),
            side,
            0,
            b.getObservedAt(),
            List.of(),
            b.getDetail(),
            null,
            null,
            b.getDueTime(),
            b.getReferenceTime(),
            List.of());
    return new Signal(
        Signal.Type.BREACH,
        b.getWorkflow(),
        b.getPartition(),
        b.getOwner(),
        b.getTier(),
        0,
        Map.of(b.getKind().name(), member),
        b.getState() == BreachState.OPEN,
        b.getObservedAt());
  }

  static RunInfo run(SideSummary s) {
    if (s == null) {
      return null;
    }
    return new RunInfo(
        s.getOrchestrator(),
        s.getRunId(),
        s.getAttempt(),
        s.getStatus().name(),
        s.getStartTime(),
        s.getEndTime(),
        s.getDurationMs(),
        s.getFailedTask(),
        s.getError(),
        s.getLogUrl());
  }
}
