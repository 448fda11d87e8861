package io.dualrun.reconciler.report;

import java.math.BigDecimal;
import java.util.Locale;

/** Durations and ratios as people read them in the table. */
final class DurationText {
  private DurationText() {}

  /** {@code 850 ms}, {@code 42s}, {@code 4m 05s}, {@code 1h 02m}; {@code —} when unknown. */
  static String human(Long ms) {
    if (ms == null) {
      return "—";
    }
    if (ms < 1000) {
      return ms + " ms";
    }
    long s = Math.round(ms / 1000.0);
    long h = s / 3600;
    long m = (s % 3600) / 60;
    long sec = s % 60;
    if (h > 0) {
      return String.format(Locale.ROOT, "%dh %02dm", h, m);
    }
    if (m > 0) {
      return String.format(Locale.ROOT, "%dm %02ds", m, sec);
    }
    return sec + "s";
  }

  /** {@code 1.5}, {@code 2}: no trailing zeros. */
  static String ratio(double ratio) {
    return BigDecimal.valueOf(ratio).stripTrailingZeros().toPlainString();
  }
}
