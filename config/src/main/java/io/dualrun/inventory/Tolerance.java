package io.dualrun.inventory;

/**
 * How far two numbers may differ and still count as equal: within {@code absolute} OR within {@code
 * relative} × the baseline's magnitude.
 */
public record Tolerance(double absolute, double relative) {
  public static final Tolerance EXACT = new Tolerance(0, 0);

  public Tolerance {
    if (absolute < 0 || relative < 0 || Double.isNaN(absolute) || Double.isNaN(relative)) {
      throw new IllegalArgumentException("tolerances must be non-negative numbers");
    }
  }

  public boolean accepts(double baseline, double candidate) {
    double diff = Math.abs(candidate - baseline);
    return diff <= absolute || diff <= relative * Math.abs(baseline);
  }
}
