package io.dualrun.reconciler.decide;

import io.dualrun.inventory.OutputSpec;
import io.dualrun.inventory.WorkflowSpec;
import io.dualrun.reconciler.state.SideView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * When a pair may be decided. COMPLETE when both sides are terminal and every expected output —
 * declared in the inventory, announced by a run of either side, or fingerprinted on either side —
 * has a fingerprint on each side that succeeded; a succeeded pair with no output known at all
 * waits, as its fingerprints may still be on their way. Otherwise, once both sides are terminal,
 * the pair waits after the later terminal event: {@code settle}, or longer while an expected
 * fingerprint is missing (up to the workflow's {@code fingerprintTimeout}, adapted to its usual
 * fingerprint lag: the caller passes that wait). While only one side is terminal the other still
 * has its grace period to finish (the freshness rule): the pair is decided without it only once the
 * longer of grace and settle has passed after the terminal side, so a side that is merely slower
 * never gives a premature MISMATCH followed by a resolution.
 */
public final class DecisionRule {
  private DecisionRule() {}

  public static boolean complete(WorkflowSpec spec, SideView baseline, SideView candidate) {
    if (baseline == null || candidate == null || !baseline.terminal() || !candidate.terminal()) {
      return false;
    }
    if (noOutputKnown(spec, baseline, candidate)
        && (baseline.succeeded() || candidate.succeeded())) {
      return false;
    }
    return !missingExpected(spec, baseline, candidate);
  }

  /** Whether nothing says the workflow has an output: none declared, announced or fingerprinted. */
  public static boolean noOutputKnown(WorkflowSpec spec, SideView baseline, SideView candidate) {
    return spec.outputs().isEmpty() && nothingKnown(baseline) && nothingKnown(candidate);
  }

  private static boolean nothingKnown(SideView side) {
    return side == null || (side.outputs().isEmpty() && side.announced().isEmpty());
  }

  /**
   * Whether an expected output (declared, announced or fingerprinted on either side) has no
   * fingerprint on a side that succeeded. Checked name by name, without collecting the names: this
   * runs for every record of a finished pair.
   */
  public static boolean missingExpected(WorkflowSpec spec, SideView baseline, SideView candidate) {
    for (OutputSpec o : spec.outputs()) {
      if (missing(baseline, o.name()) || missing(candidate, o.name())) {
        return true;
      }
    }
    for (SideView known : new SideView[] {baseline, candidate}) {
      if (known == null) {
        continue;
      }
      for (String name : known.outputs().keySet()) {
        if (missing(baseline, name) || missing(candidate, name)) {
          return true;
        }
      }
      for (String name : known.announced()) {
        if (missing(baseline, name) || missing(candidate, name)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The outputs declared or announced that no succeeded side fingerprinted: what a pair decided on
   * its fingerprint timeout teaches about the workflow's fingerprints ({@code FingerprintLags}).
   */
  public static List<String> neverArrived(
      WorkflowSpec spec, SideView baseline, SideView candidate) {
    TreeSet<String> expected = new TreeSet<>();
    spec.outputs().forEach(o -> expected.add(o.name()));
    for (SideView v : new SideView[] {baseline, candidate}) {
      if (v != null) {
        expected.addAll(v.announced());
      }
    }
    List<String> never = new ArrayList<>();
    boolean anySucceeded = succeeded(baseline) || succeeded(candidate);
    for (String name : expected) {
      if (anySucceeded && absentOrFailed(baseline, name) && absentOrFailed(candidate, name)) {
        never.add(name);
      }
    }
    return never;
  }

  private static boolean succeeded(SideView side) {
    return side != null && side.succeeded();
  }

  private static boolean absentOrFailed(SideView side, String output) {
    return side == null || !side.succeeded() || !side.outputs().containsKey(output);
  }

  private static boolean missing(SideView side, String output) {
    return side != null && side.succeeded() && !side.outputs().containsKey(output);
  }

  /**
   * When the pair settles: the later terminal anchor plus {@code afterBoth} when both sides are
   * terminal; while one side is still out, the longer of grace and settle after the terminal side —
   * or after the running side started, when that is later (a rerun gets its own grace period); null
   * while no side is terminal. An anchor is the time a side became terminal (see {@code
   * PairEvaluator}).
   *
   * @param afterBoth how long the pair waits after both sides are terminal: {@code settle}, or the
   *     wait for a missing expected fingerprint
   * @param runningSince start time of the side that is not terminal, or null when unknown
   */
  public static Long settleDue(
      WorkflowSpec spec,
      Long baselineAnchor,
      Long candidateAnchor,
      Long runningSince,
      Duration afterBoth) {
    if (baselineAnchor == null && candidateAnchor == null) {
      return null;
    }
    if (baselineAnchor != null && candidateAnchor != null) {
      return Math.max(baselineAnchor, candidateAnchor) + afterBoth.toMillis();
    }
    long only = baselineAnchor != null ? baselineAnchor : candidateAnchor;
    long from = runningSince == null ? only : Math.max(only, runningSince);
    return from + Math.max(spec.settle().toMillis(), spec.grace().toMillis());
  }
}
