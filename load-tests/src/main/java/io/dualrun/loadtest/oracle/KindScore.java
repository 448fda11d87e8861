package io.dualrun.loadtest.oracle;

import java.util.Locale;

/** Precision and recall of one kind: findings, breaches or alerts. */
public record KindScore(
    String category, String kind, int truePositives, int falsePositives, int falseNegatives) {

  public double precision() {
    int predicted = truePositives + falsePositives;
    return predicted == 0 ? 1.0 : (double) truePositives / predicted;
  }

  public double recall() {
    int actual = truePositives + falseNegatives;
    return actual == 0 ? 1.0 : (double) truePositives / actual;
  }

  public boolean perfect() {
    return falsePositives == 0 && falseNegatives == 0;
  }

  public String row() {
    return String.format(
        Locale.ROOT,
        "| %-8s | %-15s | %5d | %4d | %4d | %8.1f%% | %6.1f%% |",
        category,
        kind,
        truePositives,
        falsePositives,
        falseNegatives,
        precision() * 100,
        recall() * 100);
  }
}
