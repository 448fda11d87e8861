package io.dualrun.reconciler.engine;

import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.WorkflowSpec;
import io.dualrun.reconciler.decide.DecisionRule;
import io.dualrun.reconciler.decide.EncodedVerdict;
import io.dualrun.reconciler.decide.VerdictBuilder;
import io.dualrun.reconciler.decide.VerdictCodec;
import io.dualrun.reconciler.state.PairState;
import io.dualrun.reconciler.state.SideState;
import io.dualrun.reconciler.state.SideView;
import io.dualrun.reconciler.state.StoredBreach;
import io.dualrun.schemas.avro.BreachKind;
import io.dualrun.schemas.avro.DecisionReason;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.avro.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges one pair at time {@code now}: opens and closes freshness breaches, decides (or re-decides)
 * the verdict, and says when the pair must be looked at again. Emits a verdict revision only when
 * what the verdict says changed.
 */
public final class PairEvaluator {
  private final Inventory inventory;
  private final Mode mode;
  private final Duration retention;

  /** What one evaluation produced. */
  public record Result(List<Emission> emissions, Long nextDeadline, boolean purge) {}

  public PairEvaluator(Inventory inventory, Mode mode, Duration retention) {
    this.inventory = inventory;
    this.mode = mode;
    this.retention = retention;
  }

  public Result evaluate(PairState s, long now) {
    WorkflowSpec spec = inventory.rules(s.getWorkflow());
    long purgeAt = s.getLastActivity() + retention.toMillis();
    if (now >= purgeAt) {
      return new Result(List.of(), null, true);
    }
    SideView baseline = SideView.of(Side.BASELINE, s.getBaseline());
    SideView candidate = SideView.of(Side.CANDIDATE, s.getCandidate());
    markTerminal(s.getBaseline(), baseline, now);
    markTerminal(s.getCandidate(), candidate, now);
    List<Emission> out = new ArrayList<>();
    Deadline next = new Deadline(now);
    next.offer(purgeAt);
    late(s, spec, baseline, candidate, now, out, next);
    late(s, spec, candidate, baseline, now, out, next);
    closeSla(s, spec, baseline, candidate, now, out);
    decide(s, spec, baseline, candidate, now, out, next);
    return new Result(out, next.earliest, false);
  }

  private static void markTerminal(SideState state, SideView view, long now) {
    if (view != null && view.terminal() && state.getTerminalSeenAt() == null) {
      state.setTerminalSeenAt(now);
    }
  }

  /** CANDIDATE_LATE / BASELINE_LATE: {@code onTime} succeeded, {@code late} not terminal. */
  private static void late(
      PairState s,
      WorkflowSpec spec,
      SideView onTime,
      SideView late,
      long now,
      List<Emission> out,
      Deadline next) {
    Side lateSide = onTime == null ? null : other(onTime.side());
    if (lateSide == null) {
      return;
    }
    BreachKind kind =
        lateSide == Side.CANDIDATE ? BreachKind.CANDIDATE_LATE : BreachKind.BASELINE_LATE;
    StoredBreach existing = Breaches.find(s, kind, lateSide);
    boolean lateTerminal = late != null && late.terminal();
    if (existing != null) {
      if (existing.getOpen() && lateTerminal) {
        existing.setOpen(false);
        existing.setClosedAt(now);
        out.add(Emission.of(Breaches.record(s, existing, spec, now)));
      }
      return;
    }
    if (!onTime.succeeded() || lateTerminal) {
      return;
    }
    long due = onTime.endTime() + spec.grace().toMillis();
    if (now >= due) {
      StoredBreach b = Breaches.open(s, kind, lateSide, due, onTime.endTime(), now);
      out.add(Emission.of(Breaches.record(s, b, spec, now)));
    } else {
      next.offer(due);
    }
  }

  private static void closeSla(
      PairState s,
      WorkflowSpec spec,
      SideView baseline,
      SideView candidate,
      long now,
      List<Emission> out) {
    for (StoredBreach b : s.getBreaches()) {
      if (!b.getOpen() || Breaches.kind(b) != BreachKind.SLA_MISSED) {
        continue;
      }
      SideView view = Breaches.side(b) == Side.BASELINE ? baseline : candidate;
      if (view != null && view.done()) {
        b.setOpen(false);
        b.setClosedAt(now);
        out.add(Emission.of(Breaches.record(s, b, spec, now)));
      }
    }
  }

  private void decide(
      PairState s,
      WorkflowSpec spec,
      SideView baseline,
      SideView candidate,
      long now,
      List<Emission> out,
      Deadline next) {
    DecisionReason reason = null;
    if (DecisionRule.complete(spec, baseline, candidate)) {
      reason = DecisionReason.COMPLETE;
    } else {
      Long due =
          DecisionRule.settleDue(
              spec,
              anchor(s.getBaseline(), baseline),
              anchor(s.getCandidate(), candidate),
              runningSince(baseline, candidate));
      if (due != null && now >= due) {
        reason = DecisionReason.SETTLED;
      } else if (due != null) {
        next.offer(due);
      }
    }
    if (reason == null) {
      return;
    }
    Verdict verdict =
        VerdictBuilder.build(
            s.getWorkflow(), s.getPartition(), spec, baseline, candidate, reason, now);
    Verdict previous = VerdictCodec.decode(s.getLastVerdict());
    if (VerdictBuilder.sameContent(verdict, previous)) {
      return;
    }
    if (VerdictBuilder.sameFindings(verdict, previous)) {
      // what a user sees (outcome, findings and their values) is unchanged: the stored verdict
      // follows the pair (a late start time, a log link) under the same revision, and nothing is
      // emitted
      s.setLastVerdict(VerdictCodec.encode(VerdictBuilder.keepRevision(verdict, previous)));
      return;
    }
    VerdictBuilder.revise(verdict, previous);
    EncodedVerdict encoded = EncodedVerdict.of(verdict);
    s.setRevision(verdict.getRevision());
    s.setLastVerdict(encoded.body());
    out.add(Emission.of(encoded));
  }

  /**
   * Since when the side that is not terminal (e.g. a rerun) has been running: its start, or its
   * earliest record when the start was lost; null when that side has sent nothing.
   */
  private static Long runningSince(SideView baseline, SideView candidate) {
    for (SideView v : new SideView[] {baseline, candidate}) {
      if (v != null && !v.terminal()) {
        return v.startTime() != null ? v.startTime() : v.activeSince();
      }
    }
    return null;
  }

  /**
   * When a side became terminal for settling: its terminal event time, or in live mode the time the
   * reconciler first saw it terminal if that is later (late-arriving history still gets its settle
   * period).
   */
  private Long anchor(SideState state, SideView view) {
    if (view == null || !view.terminal()) {
      return null;
    }
    long t = view.endTime();
    if (mode == Mode.LIVE && state.getTerminalSeenAt() != null) {
      t = Math.max(t, state.getTerminalSeenAt());
    }
    return t;
  }

  private static Side other(Side side) {
    return side == Side.BASELINE ? Side.CANDIDATE : Side.BASELINE;
  }

  /** The earliest future time the pair must be judged again. */
  private static final class Deadline {
    private final long now;
    private Long earliest;

    Deadline(long now) {
      this.now = now;
    }

    void offer(long due) {
      if (due > now && (earliest == null || due < earliest)) {
        earliest = due;
      }
    }
  }
}
