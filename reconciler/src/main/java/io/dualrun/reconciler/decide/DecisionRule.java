package io.dualrun.reconciler.decide;

import io.dualrun.inventory.OutputSpec;
import io.dualrun.inventory.WorkflowSpec;
import io.dualrun.reconciler.state.SideView;

/**
 * When a pair may be decided: COMPLETE when both sides are terminal and every output (declared or
 * fingerprinted on either side) has a fingerprint on each side that succeeded — a succeeded pair
 * with no output known at all waits for the settle period, as its fingerprints may still be on
 * their way; SETTLED once the settle period has passed after the later terminal event. While only
 * one side is terminal the other still has its grace period to finish (the freshness rule): the
 * pair is decided without it only once the longer of grace and settle has passed after the terminal
 * side, so a side that is merely slower never gives a premature MISMATCH followed by a resolution.
 */
public final class DecisionRule {
  private DecisionRule() {}

  public static boolean complete(WorkflowSpec spec, SideView baseline, SideView candidate) {
    if (baseline == null || candidate == null || !baseline.terminal() || !candidate.terminal()) {
      return false;
    }
    boolean noOutput =
        spec.outputs().isEmpty() && baseline.outputs().isEmpty() && candidate.outputs().isEmpty();
    if (noOutput && (baseline.succeeded() || candidate.succeeded())) {
      return false;
    }
    // every output declared or fingerprinted on either side, on each side that succeeded (checked
    // name by name, without collecting the names: this runs for every record of a finished pair)
    for (OutputSpec o : spec.outputs()) {
      if (missing(baseline, o.name()) || missing(candidate, o.name())) {
        return false;
      }
    }
    for (String name : baseline.outputs().keySet()) {
      if (missing(candidate, name)) {
        return false;
      }
    }
    for (String name : candidate.outputs().keySet()) {
      if (missing(baseline, name)) {
        return false;
      }
    }
    return true;
  }

  private static boolean missing(SideView side, String output) {
    return side.succeeded() && !side.outputs().containsKey(output);
  }

  /**
   * When the pair settles: the later terminal anchor plus settle when both sides are terminal;
   * while one side is still out, the longer of grace and settle after the terminal side — or after
   * the running side started, when that is later (a rerun gets its own grace period); null while no
   * side is terminal. An anchor is the time a side became terminal (see {@code PairEvaluator}).
   *
   * @param runningSince start time of the side that is not terminal, or null when unknown
   */
  public static Long settleDue(
      WorkflowSpec spec, Long baselineAnchor, Long candidateAnchor, Long runningSince) {
    if (baselineAnchor == null && candidateAnchor == null) {
      return null;
    }
    if (baselineAnchor != null && candidateAnchor != null) {
      return Math.max(baselineAnchor, candidateAnchor) + spec.settle().toMillis();
    }
    long only = baselineAnchor != null ? baselineAnchor : candidateAnchor;
    long from = runningSince == null ? only : Math.max(only, runningSince);
    return from + Math.max(spec.settle().toMillis(), spec.grace().toMillis());
  }
}
