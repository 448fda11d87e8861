package io.dualrun.hooks.fingerprint;

import java.math.BigDecimal;

/**
 * An exact decimal sum: values with up to 18 digits are added as longs, one running sum per scale
 * (an overflowing sum moves into a {@link BigDecimal}); longer values are added as BigDecimals.
 */
final class DecimalSum {
  private static final int MIN_SCALE = -400;
  private static final int MAX_SCALE = 400;
  private final long[] sums = new long[MAX_SCALE - MIN_SCALE + 1];
  private BigDecimal big = BigDecimal.ZERO;

  /** Adds {@code unscaled × 10^-scale}. */
  void add(long unscaled, int scale) {
    if (scale < MIN_SCALE || scale > MAX_SCALE) {
      big = big.add(BigDecimal.valueOf(unscaled, scale));
      return;
    }
    int i = scale - MIN_SCALE;
    long s = sums[i];
    long r = s + unscaled;
    if (((s ^ r) & (unscaled ^ r)) < 0) {
      big = big.add(BigDecimal.valueOf(s, scale));
      r = unscaled;
    }
    sums[i] = r;
  }

  /** Adds the plain decimal text {@code -?digits[.digits]} at {@code from}. */
  void add(byte[] text, int from, int length, RowBuffer buffer) {
    int i = from;
    int end = from + length;
    boolean negative = i < end && text[i] == '-';
    i += negative ? 1 : 0;
    long unscaled = 0;
    int digits = 0;
    int significant = 0;
    int scale = 0;
    boolean point = false;
    for (; i < end; i++) {
      byte c = text[i];
      if (c == '.' && !point) {
        point = true;
      } else if (c >= '0' && c <= '9' && significant < 18) {
        unscaled = unscaled * 10 + (c - '0');
        digits++;
        significant += unscaled == 0 ? 0 : 1;
        scale += point ? 1 : 0;
      } else {
        break;
      }
    }
    if (i < end || digits == 0) {
      big = big.add(new BigDecimal(buffer.text(from, length)));
    } else {
      add(negative ? -unscaled : unscaled, scale);
    }
  }

  BigDecimal total() {
    BigDecimal total = big;
    for (int i = 0; i < sums.length; i++) {
      if (sums[i] != 0) {
        total = total.add(BigDecimal.valueOf(sums[i], i + MIN_SCALE));
      }
    }
    return total;
  }
}
