package io.dualrun.reconciler.rest;

import java.util.Locale;
import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * What n decided partitions with k mismatches say about a workflow's mismatch rate: an upper bound
 * at 95 % confidence. With no mismatch it is the rule of three (3 / n); with mismatches, the exact
 * one-sided Clopper-Pearson bound (the 95 % quantile of Beta(k + 1, n − k)).
 *
 * @param decided decided partitions
 * @param mismatches of which MISMATCH
 * @param below the rate is below this at 95 % confidence (1 when nothing is decided)
 * @param method how {@code below} was computed
 */
public record MismatchBound(int decided, int mismatches, double below, String method) {
  public static final double CONFIDENCE = 0.95;
  static final String RULE_OF_THREE = "rule of three";
  static final String CLOPPER_PEARSON = "exact (Clopper-Pearson)";

  public static MismatchBound of(int decided, int mismatches) {
    if (mismatches < 0 || mismatches > decided) {
      throw new IllegalArgumentException(mismatches + " mismatches in " + decided + " partitions");
    }
    if (decided == 0) {
      return new MismatchBound(0, 0, 1.0, "nothing decided");
    }
    if (mismatches == 0) {
      return new MismatchBound(decided, 0, Math.min(1.0, 3.0 / decided), RULE_OF_THREE);
    }
    if (mismatches == decided) {
      return new MismatchBound(decided, mismatches, 1.0, CLOPPER_PEARSON);
    }
    double upper =
        new BetaDistribution(null, mismatches + 1, decided - mismatches)
            .inverseCumulativeProbability(CONFIDENCE);
    return new MismatchBound(decided, mismatches, upper, CLOPPER_PEARSON);
  }

  /**
   * "0 mismatches in 31 decided partitions: the mismatch rate is below 9.7 % (95 % confidence)".
   */
  public String statement() {
    if (decided == 0) {
      return "no decided partition yet: nothing is known of the mismatch rate";
    }
    return String.format(
        Locale.ROOT,
        "%d %s in %d decided partition%s: the mismatch rate is below %s (95 %% confidence, %s)",
        mismatches,
        mismatches == 1 ? "mismatch" : "mismatches",
        decided,
        decided == 1 ? "" : "s",
        percent(below),
        method);
  }

  /** A rate as a percentage with one decimal ({@code 9.7 %}). */
  static String percent(double rate) {
    return String.format(Locale.ROOT, "%.1f %%", rate * 100);
  }
}
