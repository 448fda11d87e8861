package io.dualrun.reconciler.engine;

import java.util.Locale;

/** How deadlines (settle, grace, SLA, retention) are judged. */
public enum Mode {
  /** Against wall-clock time: for a running migration. */
  LIVE,
  /** Against event time (stream time): replaying history gives the same output every time. */
  REPLAY;

  public static Mode parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }
}
