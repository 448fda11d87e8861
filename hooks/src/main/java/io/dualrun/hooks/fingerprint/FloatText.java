package io.dualrun.hooks.fingerprint;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import com.fasterxml.jackson.core.io.schubfach.FloatToDecimal;

/**
 * The text of a float or double the fingerprint starts from (docs/fingerprint.md, item 2): among
 * the decimals that read back as the value, those with the fewest digits (one or two when one digit
 * is enough), and of them the one closest to the value (the even last digit on a tie). This is what
 * {@link Double#toString} and {@link Float#toString} print from Java 19 on (Raffaello Giulietti's
 * Schubfach); Java 17 and 18 print a longer text for some values ({@code 2.70733786990220992E17}
 * for {@code 2.70733786990221E17}). Jackson carries the same algorithm ({@code jackson-core}'s
 * {@code schubfach} package): hooks on any Java print alike through it.
 */
public final class FloatText {
  private FloatText() {}

  /** The text of {@code d} in {@link Double#toString}'s syntax ({@code 12.5}, {@code 1.0E-5}…). */
  public static String of(double d) {
    return DoubleToDecimal.toString(d);
  }

  /** The text of {@code f} (its own, not that of its widened double). */
  public static String of(float f) {
    return FloatToDecimal.toString(f);
  }
}
