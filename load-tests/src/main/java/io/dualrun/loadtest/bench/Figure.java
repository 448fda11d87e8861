package io.dualrun.loadtest.bench;

import java.util.Locale;

/** One measured figure next to its same-run baseline. */
public record Figure(
    String name, double value, String unit, String baseline, double baselineValue) {

  public double ratio() {
    return baselineValue == 0 ? Double.NaN : value / baselineValue;
  }

  public String row() {
    return String.format(
        Locale.ROOT,
        "| %s | %,.1f %s | %s: %,.1f %s | %.2f |",
        name,
        value,
        unit,
        baseline,
        baselineValue,
        unit,
        ratio());
  }
}
