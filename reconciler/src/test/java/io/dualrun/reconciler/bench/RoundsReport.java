package io.dualrun.reconciler.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Prints the benchmark's rounds: each reconciler run's rate and its ratio to the mean of the
 * pass-through runs just before and after it, then per mode the median over the rounds. Ratios are
 * taken round by round, so a drift of the machine's speed between rounds cancels out.
 */
final class RoundsReport {
  private RoundsReport() {}

  /**
   * @param passes the pass-through runs: one before the first round, one after each round
   * @param runs per mode, its reconciler run of each round
   */
  static void print(List<PassThrough.Run> passes, Map<String, List<PassThrough.Run>> runs) {
    System.out.println("pass-through runs (processing / whole run, events/s):");
    for (int i = 0; i < passes.size(); i++) {
      PassThrough.Run p = passes.get(i);
      System.out.printf(
          Locale.ROOT,
          "    %-24s %10.1f / %10.1f%n",
          i == 0 ? "before round 1" : "after round " + i,
          p.processingRate(),
          p.wholeRate());
    }
    for (var mode : runs.entrySet()) {
      System.out.printf(
          Locale.ROOT,
          "reconciler %s (events/s, ratio to the pass-throughs around it):%n",
          mode.getKey());
      List<PassThrough.Run> rs = mode.getValue();
      for (int r = 0; r < rs.size(); r++) {
        PassThrough.Run run = rs.get(r);
        System.out.printf(
            Locale.ROOT,
            "    round %-18d %10.1f (%.2f) processing, %10.1f (%.2f) whole run%n",
            r + 1,
            run.processingRate(),
            ratio(run, passes, r, PassThrough.Run::processingRate),
            run.wholeRate(),
            ratio(run, passes, r, PassThrough.Run::wholeRate));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "median of %d rounds %26s %28s%n",
        passes.size() - 1,
        "processing (ratio)",
        "whole run, start-up (ratio)");
    System.out.printf(
        Locale.ROOT,
        "%-20s %11.1f events/s (1.00) %15.1f events/s (1.00)%n",
        "pass-through",
        median(rates(passes, PassThrough.Run::processingRate)),
        median(rates(passes, PassThrough.Run::wholeRate)));
    for (var mode : runs.entrySet()) {
      List<PassThrough.Run> rs = mode.getValue();
      List<Double> processingRatios = new ArrayList<>();
      List<Double> wholeRatios = new ArrayList<>();
      for (int r = 0; r < rs.size(); r++) {
        processingRatios.add(ratio(rs.get(r), passes, r, PassThrough.Run::processingRate));
        wholeRatios.add(ratio(rs.get(r), passes, r, PassThrough.Run::wholeRate));
      }
      System.out.printf(
          Locale.ROOT,
          "%-20s %11.1f events/s (%.2f) %15.1f events/s (%.2f)%n",
          "reconciler " + mode.getKey(),
          median(rates(rs, PassThrough.Run::processingRate)),
          median(processingRatios),
          median(rates(rs, PassThrough.Run::wholeRate)),
          median(wholeRatios));
    }
  }

  /** {@code run}'s rate over the mean rate of the pass-throughs before and after round r. */
  static double ratio(
      PassThrough.Run run,
      List<PassThrough.Run> passes,
      int round,
      ToDoubleFunction<PassThrough.Run> rate) {
    double baseline =
        (rate.applyAsDouble(passes.get(round)) + rate.applyAsDouble(passes.get(round + 1))) / 2;
    return rate.applyAsDouble(run) / baseline;
  }

  private static List<Double> rates(
      List<PassThrough.Run> runs, ToDoubleFunction<PassThrough.Run> rate) {
    return runs.stream().map(rate::applyAsDouble).toList();
  }

  /** The median; NaN values (a run with no processing rate) sort last, as Double does. */
  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
