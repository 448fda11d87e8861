package io.dualrun.reconciler.decide;

import io.dualrun.reconciler.decide.Hint.Kind;
import io.dualrun.reconciler.decide.Hint.Rule;
import io.dualrun.reconciler.state.StoredStats;
import io.dualrun.schemas.ColumnKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * The hint of a numeric column: one side's values carry more decimals than the other's N (float
 * noise, or a decimal of a wider scale), and both sides' min and max are equal once that side's are
 * rounded half-even to N decimals, the smallest N in 0 … 9 that the other side's min, max and sum
 * fit; the sums may then differ by at most half a unit of the N-th decimal per value.
 */
final class NumberHints {
  static final int MAX_SCALE = 9;

  private NumberHints() {}

  static Optional<Hint> of(StatPair p) {
    if (!p.typed(ColumnKind.INTEGER, ColumnKind.DECIMAL, ColumnKind.FLOAT) || !p.sameNulls()) {
      return Optional.empty();
    }
    Numbers b = Numbers.of(p.baseline());
    Numbers c = Numbers.of(p.candidate());
    if (b == null || c == null) {
      return Optional.empty();
    }
    if (b.min.compareTo(c.min) == 0 && b.max.compareTo(c.max) == 0) {
      return Optional.empty(); // only the sums differ: not what rounding alone shows
    }
    for (int n = 0; n <= MAX_SCALE; n++) {
      if (c.fits(n) && b.roundsTo(c, n, p.values())) {
        return Optional.of(hint(p, n, "baseline", "candidate", b));
      }
      if (b.fits(n) && c.roundsTo(b, n, p.values())) {
        return Optional.of(hint(p, n, "candidate", "baseline", c));
      }
    }
    return Optional.empty();
  }

  private static Hint hint(StatPair p, int n, String finer, String coarser, Numbers fine) {
    boolean floats = p.eitherIs(ColumnKind.FLOAT);
    String decimals = n + (n == 1 ? " decimal" : " decimals");
    String why =
        floats
            ? "the "
                + finer
                + "'s floats carrying rounding noise beyond the "
                + coarser
                + "'s "
                + decimals
            : "the "
                + finer
                + " keeping "
                + fine.scale()
                + " decimals where the "
                + coarser
                + " keeps "
                + n;
    return new Hint(
        p.column(),
        floats ? Kind.FLOAT_ROUNDING : Kind.DECIMAL_SCALE,
        "min and max are equal once rounded half-even to "
            + decimals
            + ", "
            + why
            + ": "
            + Evidence.differingNumbers(p)
            + sums(p, n),
        List.of(Rule.scale(n)));
  }

  /** ", the sums within the ±0.005 per value (12 values) that rounding to 2 decimals can make". */
  private static String sums(StatPair p, int n) {
    String b = p.baseline().getSum();
    String c = p.candidate().getSum();
    if (b == null || c == null || new BigDecimal(b).compareTo(new BigDecimal(c)) == 0) {
      return "";
    }
    return ", the sums within the ±"
        + half(n).toPlainString()
        + " per value ("
        + p.values()
        + (p.values() == 1 ? " value" : " values")
        + ") that rounding can make";
  }

  private static BigDecimal half(int n) {
    return BigDecimal.valueOf(5, n + 1);
  }

  /** A side's min, max and sum (null when it sent none) as numbers. */
  private record Numbers(BigDecimal min, BigDecimal max, BigDecimal sum) {
    static Numbers of(StoredStats s) {
      BigDecimal min = number(s.getMin());
      BigDecimal max = number(s.getMax());
      if (min == null || max == null) {
        return null;
      }
      return new Numbers(min, max, number(s.getSum()));
    }

    /** Whether min, max and sum need at most {@code n} decimals. */
    boolean fits(int n) {
      return decimals(min) <= n && decimals(max) <= n && (sum == null || decimals(sum) <= n);
    }

    /** The most decimals min and max have. */
    int scale() {
      return Math.max(decimals(min), decimals(max));
    }

    /**
     * Whether this side's min and max rounded to {@code n} decimals are {@code other}'s, and the
     * sums differ by no more than rounding {@code values} values can make.
     */
    boolean roundsTo(Numbers other, int n, long values) {
      if (round(min, n).compareTo(other.min) != 0 || round(max, n).compareTo(other.max) != 0) {
        return false;
      }
      if (sum == null || other.sum == null) {
        return true;
      }
      BigDecimal bound = half(n).multiply(BigDecimal.valueOf(Math.max(values, 0)));
      return sum.subtract(other.sum).abs().compareTo(bound) <= 0;
    }

    private static BigDecimal round(BigDecimal v, int n) {
      return v.setScale(n, RoundingMode.HALF_EVEN);
    }

    private static int decimals(BigDecimal v) {
      return Math.max(v.stripTrailingZeros().scale(), 0);
    }

    private static BigDecimal number(String s) {
      if (s == null) {
        return null;
      }
      try {
        return new BigDecimal(s);
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }
}
