package io.dualrun.reconciler.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class MismatchBoundTest {
  @Test
  void noMismatchIsTheRuleOfThree() {
    assertThat(MismatchBound.of(14, 0).below()).isEqualTo(3.0 / 14);
    assertThat(MismatchBound.of(300, 0).below()).isEqualTo(0.01);
    assertThat(MismatchBound.of(2, 0).below()).as("capped").isEqualTo(1.0);
    assertThat(MismatchBound.of(14, 0).method()).isEqualTo("rule of three");
  }

  @Test
  void mismatchesGiveTheExactClopperPearsonBound() {
    // One-sided 95 % upper limits, e.g. from any binomial table: P(X <= k | n, p) = 0.05.
    assertThat(MismatchBound.of(10, 1).below()).isCloseTo(0.3942, offset(0.0005));
    assertThat(MismatchBound.of(100, 5).below()).isCloseTo(0.1026, offset(0.0005));
    assertThat(MismatchBound.of(20, 20).below()).isEqualTo(1.0);
    assertThat(MismatchBound.of(10, 1).method()).isEqualTo("exact (Clopper-Pearson)");
  }

  @Test
  void theBoundIsWhereSeeingSoFewMismatchesBecomesUnlikely() {
    for (int n : new int[] {7, 31, 200}) {
      for (int k = 1; k < n && k < 6; k++) {
        double p = MismatchBound.of(n, k).below();
        assertThat(binomialCdf(k, n, p)).as("n=%d k=%d", n, k).isCloseTo(0.05, offset(1e-6));
      }
    }
  }

  @Test
  void nothingDecidedBoundsNothing() {
    assertThat(MismatchBound.of(0, 0).below()).isEqualTo(1.0);
    assertThat(MismatchBound.of(0, 0).statement()).contains("no decided partition yet");
    assertThatThrownBy(() -> MismatchBound.of(3, 4)).isInstanceOf(IllegalArgumentException.class);
  }

  private static double binomialCdf(int k, int n, double p) {
    double sum = 0;
    for (int i = 0; i <= k; i++) {
      double logChoose = 0;
      for (int j = 1; j <= i; j++) {
        logChoose += Math.log(n - i + j) - Math.log(j);
      }
      sum += Math.exp(logChoose + i * Math.log(p) + (n - i) * Math.log1p(-p));
    }
    return sum;
  }
}
