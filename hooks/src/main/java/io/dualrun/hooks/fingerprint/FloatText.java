package io.dualrun.hooks.fingerprint;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The text of a float or double the fingerprint starts from (docs/fingerprint.md, item 2): among
 * the decimals that read back as the value, those with the fewest digits (one or two when one digit
 * is enough), and of them the one closest to the value (the even last digit on a tie). This is what
 * {@link Double#toString} and {@link Float#toString} print from Java 19 on; Java 17 and 18 print a
 * longer text for some values ({@code 2.70733786990220992E17} for {@code 2.70733786990221E17}), so
 * on those the text is computed here, and hooks on any Java fingerprint alike. Written here because
 * no library on the class path computes it.
 */
public final class FloatText {
  private static final boolean JAVA_PRINTS_IT = Runtime.version().feature() >= 19;

  private FloatText() {}

  /** The text of {@code d} in {@link Double#toString}'s syntax ({@code 12.5}, {@code 1.0E-5}…). */
  public static String of(double d) {
    if (JAVA_PRINTS_IT || Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
      return Double.toString(d);
    }
    return shortest(d).toString();
  }

  /** The text of {@code f} (its own, not that of its widened double). */
  public static String of(float f) {
    if (JAVA_PRINTS_IT || Float.isNaN(f) || Float.isInfinite(f) || f == 0) {
      return Float.toString(f);
    }
    return shortest(f).toString();
  }

  /** The decimal of {@code d} (finite, not zero) as described above, whatever the Java. */
  static BigDecimal shortest(double d) {
    BigDecimal exact = new BigDecimal(d);
    for (int digits = 1; digits <= 17; digits++) {
      BigDecimal found = closest(exact, digits, c -> c.doubleValue() == d);
      if (found != null) {
        return digits == 1 ? oneOrTwo(exact, found, c -> c.doubleValue() == d) : found;
      }
    }
    throw new IllegalStateException("no decimal of 17 digits reads back as " + d);
  }

  /** As {@link #shortest(double)} for a float: the decimals that read back as {@code f}. */
  static BigDecimal shortest(float f) {
    BigDecimal exact = new BigDecimal(f);
    for (int digits = 1; digits <= 9; digits++) {
      BigDecimal found = closest(exact, digits, c -> c.floatValue() == f);
      if (found != null) {
        return digits == 1 ? oneOrTwo(exact, found, c -> c.floatValue() == f) : found;
      }
    }
    throw new IllegalStateException("no decimal of 9 digits reads back as " + f);
  }

  /** Whether a decimal reads back as the value. */
  private interface ReadsBack {
    boolean test(BigDecimal candidate);
  }

  /**
   * Of the two decimals of {@code digits} digits around {@code exact}, the closer one that reads
   * back (the even one when both are as close), else the other if it does; null when neither.
   */
  private static BigDecimal closest(BigDecimal exact, int digits, ReadsBack readsBack) {
    BigDecimal near = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
    if (readsBack.test(near)) {
      return near;
    }
    RoundingMode away = near.compareTo(exact) < 0 ? RoundingMode.CEILING : RoundingMode.FLOOR;
    BigDecimal other = exact.round(new MathContext(digits, away));
    return readsBack.test(other) ? other : null;
  }

  /** One digit is enough: of the decimals of one or two digits that read back, the closest. */
  private static BigDecimal oneOrTwo(BigDecimal exact, BigDecimal one, ReadsBack readsBack) {
    BigDecimal two = closest(exact, 2, readsBack);
    if (two == null) {
      return one;
    }
    int c = two.subtract(exact).abs().compareTo(one.subtract(exact).abs());
    if (c != 0) {
      return c < 0 ? two : one;
    }
    return two.stripTrailingZeros().unscaledValue().testBit(0) ? one : two;
  }
}
