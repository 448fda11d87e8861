package io.dualrun.reconciler.decide;

import io.dualrun.reconciler.state.SideView;
import io.dualrun.schemas.inventory.WorkflowSpec;

/**
 * When a pair may be decided: COMPLETE when both sides are terminal and every output (declared or
 * fingerprinted on either side) has a fingerprint on each side that succeeded — a succeeded pair
 * with no output known at all waits for the settle period, as its fingerprints may still be on
 * their way; SETTLED once the settle period has passed after the later terminal event (or the only
 * one, when one side never finished).
 */
public final class DecisionRule {
  private DecisionRule() {}

  public static boolean complete(WorkflowSpec spec, SideView baseline, SideView candidate) {
    if (baseline == null || candidate == null || !baseline.terminal() || !candidate.terminal()) {
      return false;
    }
    var names = OutputFindings.outputNames(spec, baseline, candidate);
    if (names.isEmpty() && (baseline.succeeded() || candidate.succeeded())) {
      return false;
    }
    for (String name : names) {
      if (baseline.succeeded() && !baseline.outputs().containsKey(name)) {
        return false;
      }
      if (candidate.succeeded() && !candidate.outputs().containsKey(name)) {
        return false;
      }
    }
    return true;
  }

  /**
   * When the pair settles: the later terminal anchor plus settle; null while no side is terminal.
   * An anchor is the time a side became terminal (see {@code PairEvaluator}).
   */
  public static Long settleDue(WorkflowSpec spec, Long baselineAnchor, Long candidateAnchor) {
    if (baselineAnchor == null && candidateAnchor == null) {
      return null;
    }
    long later =
        Math.max(
            baselineAnchor == null ? Long.MIN_VALUE : baselineAnchor,
            candidateAnchor == null ? Long.MIN_VALUE : candidateAnchor);
    return later + spec.settle().toMillis();
  }
}
