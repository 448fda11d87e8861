package io.dualrun.alerting.fold;

import java.util.Locale;

/** Which time group waits and repeats count in ({@code alerting.clock}). */
public enum AlertClock {
  /** Wall-clock time: for live verdicts. */
  WALL,
  /**
   * The signals' own time (a verdict's decision time, a breach's observation time): for verdicts
   * replayed from history, which then give the same notifications every time.
   */
  RECORD;

  /** The clock named {@code text} ({@code wall} or {@code record}), or null. */
  public static AlertClock parse(String text) {
    return switch (text == null ? "" : text.toLowerCase(Locale.ROOT)) {
      case "wall" -> WALL;
      case "record" -> RECORD;
      default -> null;
    };
  }
}
