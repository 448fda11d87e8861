package io.dualrun.reconciler.engine;

import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.WorkflowSpec;
import io.dualrun.reconciler.decide.DecisionRule;
import io.dualrun.reconciler.decide.EncodedVerdict;
import io.dualrun.reconciler.decide.VerdictBuilder;
import io.dualrun.reconciler.decide.VerdictCodec;
import io.dualrun.reconciler.policy.Policies;
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

  /**
   * What one evaluation produced.
   *
   * @param lagSamples what the pair teaches about the workflow's fingerprint lags ({@link
   *     FingerprintLags#NEVER} for each expected output that never arrived, when the pair is first
   *     decided on its fingerprint timeout)
   */
  public record Result(
      List<Emission> emissions, Long nextDeadline, boolean purge, List<Long> lagSamples) {}

  public PairEvaluator(Inventory inventory, Mode mode, Duration retention) {
    this.inventory = inventory;
    this.mode = mode;
    this.retention = retention;
  }

  /** {@link #evaluate(PairState, long, FingerprintLags)} with nothing learned. */
  public Result evaluate(PairState s, long now) {
    return evaluate(s, now, FingerprintLags.NONE);
  }

  /**
   * Judges {@code s} at {@code now}, waiting for missing expected fingerprints as {@code lags}, the
   * workflow's learned fingerprint lags, say.
   */
  public Result evaluate(PairState s, long now, FingerprintLags lags) {
    return evaluate(s, now, lags, Policies.NONE);
  }

  /**
   * Judges {@code s} at {@code now}, waiting for missing expected fingerprints as {@code lags} say,
   * its findings accepted as the active waivers of the workflow say, on the candidate alone when
   * the workflow has cut over and the pair is of its first candidate-only partition or later.
   */
  public Result evaluate(PairState s, long now, FingerprintLags lags, Policies policies) {
    WorkflowSpec spec = inventory.rules(s.getWorkflow());
    long purgeAt = s.getLastActivity() + retention.toMillis();
    if (now >= purgeAt) {
      return new Result(List.of(), null, true, List.of());
    }
    SideView baseline = SideView.of(Side.BASELINE, s.getBaseline());
    SideView candidate = SideView.of(Side.CANDIDATE, s.getCandidate());
    markTerminal(s.getBaseline(), baseline, now);
    markTerminal(s.getCandidate(), candidate, now);
    List<Emission> out = new ArrayList<>();
    Deadline next = new Deadline(now);
    next.offer(purgeAt);
    closeSla(s, spec, baseline, candidate, now, out);
    if (policies.cutovers().alone(s.getWorkflow(), s.getPartition())) {
      // cut over: no side is late against the other, the candidate is judged alone
      decideAlone(s, spec, candidate, now, out, next, policies);
      return new Result(out, next.earliest, false, List.of());
    }
    late(s, spec, baseline, candidate, now, out, next);
    late(s, spec, candidate, baseline, now, out, next);
    List<Long> samples = decide(s, spec, baseline, candidate, now, out, next, lags, policies);
    return new Result(out, next.earliest, false, samples);
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

  /** Decides (or re-decides) the pair when it may be; answers the lag samples it teaches. */
  private List<Long> decide(
      PairState s,
      WorkflowSpec spec,
      SideView baseline,
      SideView candidate,
      long now,
      List<Emission> out,
      Deadline next,
      FingerprintLags lags,
      Policies policies) {
    DecisionReason reason = null;
    if (DecisionRule.complete(spec, baseline, candidate)) {
      reason = DecisionReason.COMPLETE;
    } else {
      boolean awaiting =
          bothTerminal(baseline, candidate)
              && DecisionRule.missingExpected(spec, baseline, candidate);
      Long due =
          DecisionRule.settleDue(
              spec,
              anchor(s.getBaseline(), baseline),
              anchor(s.getCandidate(), candidate),
              runningSince(baseline, candidate),
              afterBoth(spec, baseline, candidate, awaiting, lags));
      if (due != null && now >= due) {
        reason = awaiting ? DecisionReason.FINGERPRINT_TIMEOUT : DecisionReason.SETTLED;
      } else if (due != null) {
        next.offer(due);
      }
    }
    if (reason == null) {
      return List.of();
    }
    Verdict verdict =
        VerdictBuilder.build(
            s.getWorkflow(),
            s.getPartition(),
            spec,
            baseline,
            candidate,
            reason,
            now,
            policies.waivers());
    Verdict previous = VerdictCodec.decode(s.getLastVerdict());
    List<Long> samples =
        previous == null && reason == DecisionReason.FINGERPRINT_TIMEOUT
            ? never(DecisionRule.neverArrived(spec, baseline, candidate))
            : List.of();
    // what a user sees unchanged (outcome, findings and their values): the stored verdict follows
    // the pair (a late start time, a log link) under the same revision, and nothing is emitted
    emit(s, verdict, out);
    return samples;
  }

  /**
   * Decides a pair of a workflow that has cut over on its candidate alone: once the candidate is
   * terminal with every expected output fingerprinted, or once its fingerprint timeout has passed
   * after it became terminal.
   */
  private void decideAlone(
      PairState s,
      WorkflowSpec spec,
      SideView candidate,
      long now,
      List<Emission> out,
      Deadline next,
      Policies policies) {
    if (candidate == null || !candidate.terminal()) {
      return;
    }
    if (DecisionRule.missingExpected(spec, null, candidate)) {
      long due =
          anchor(s.getCandidate(), candidate)
              + Math.max(spec.settle().toMillis(), spec.fingerprintTimeout().toMillis());
      if (now < due) {
        next.offer(due);
        return;
      }
    }
    emit(
        s,
        VerdictBuilder.buildAlone(
            s.getWorkflow(), s.getPartition(), spec, candidate, now, policies.waivers()),
        out);
  }

  /**
   * Records {@code verdict} as the pair's latest and emits it, unless a user would see the same.
   */
  private static void emit(PairState s, Verdict verdict, List<Emission> out) {
    Verdict previous = VerdictCodec.decode(s.getLastVerdict());
    if (VerdictBuilder.sameContent(verdict, previous)) {
      return;
    }
    if (VerdictBuilder.sameFindings(verdict, previous)) {
      s.setLastVerdict(VerdictCodec.encode(VerdictBuilder.keepRevision(verdict, previous)));
      return;
    }
    VerdictBuilder.revise(verdict, previous);
    EncodedVerdict encoded = EncodedVerdict.of(verdict);
    s.setRevision(verdict.getRevision());
    s.setLastVerdict(encoded.body());
    out.add(Emission.of(encoded));
  }

  private static boolean bothTerminal(SideView baseline, SideView candidate) {
    return baseline != null && candidate != null && baseline.terminal() && candidate.terminal();
  }

  /**
   * How long the pair waits after both sides are terminal: for a missing expected fingerprint, up
   * to the fingerprint timeout as the learned lags say; for a succeeded pair with no output known,
   * the settle period or the workflow's usual lag when it fingerprints; else the settle period.
   */
  private static Duration afterBoth(
      WorkflowSpec spec,
      SideView baseline,
      SideView candidate,
      boolean awaiting,
      FingerprintLags lags) {
    if (awaiting) {
      return lags.awaitExpected(spec.settle(), spec.fingerprintTimeout());
    }
    boolean succeeded =
        (baseline != null && baseline.succeeded()) || (candidate != null && candidate.succeeded());
    if (succeeded && DecisionRule.noOutputKnown(spec, baseline, candidate)) {
      return lags.awaitUnknown(spec.settle(), spec.fingerprintTimeout());
    }
    return spec.settle();
  }

  private static List<Long> never(List<String> outputs) {
    List<Long> samples = new ArrayList<>(outputs.size());
    outputs.forEach(o -> samples.add(FingerprintLags.NEVER));
    return samples;
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
