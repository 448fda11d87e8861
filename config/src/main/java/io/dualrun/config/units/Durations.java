package io.dualrun.config.units;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of dualrun, in configuration files, the inventory and command-line flags:
 * a whole number and a unit ({@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}),
 * optionally negative ({@code -1d}) where a key allows it, or ISO-8601 ({@code PT1H30M},
 * case-insensitive).
 */
public final class Durations {
  /** What an error message shows as examples. */
  public static final String EXAMPLES = "e.g. 500ms, 30s, 5m, 2h, 1d or PT1H30M";

  private static final Pattern SHORT = Pattern.compile("(-?)(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  /** The duration {@code text} says, or empty when it is not a duration. */
  public static Optional<Duration> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.trim();
    Matcher m = SHORT.matcher(t);
    if (m.matches()) {
      long n;
      try {
        n = Long.parseLong(m.group(2));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      n = m.group(1).isEmpty() ? n : -n;
      return Optional.of(
          switch (m.group(3)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          });
    }
    try {
      return Optional.of(Duration.parse(t.toUpperCase(Locale.ROOT)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The largest whole unit that says {@code d} exactly: 250ms, 30s, 5m, 2h, 7d. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    String sign = ms < 0 ? "-" : "";
    long abs = Math.abs(ms);
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (abs % sizes[i] == 0) {
        return sign + abs / sizes[i] + units[i];
      }
    }
    return sign + abs + "ms";
  }
}
