package io.dualrun.reconciler.stream;

/**
 * Names of the reconciler's state stores (their changelogs are {@code <app id>-<name>-changelog}).
 */
public final class StoreNames {
  /** Pair key → {@code PairState}. */
  public static final String PAIRS = "reconciler-pairs";

  /** Workflow id → last scanned SLA deadline (epoch millis), per task. */
  public static final String SCHEDULE_CURSORS = "reconciler-schedule-cursors";

  /**
   * Workflow id → its recent fingerprint lags in milliseconds (-1: an expected output never
   * arrived), per task: {@code FingerprintLags}.
   */
  public static final String FINGERPRINT_LAGS = "reconciler-fingerprint-lags";

  /**
   * Waiver id → {@code Waiver}: a global store (every instance holds all of them, in memory),
   * restored from the compacted topic {@code dualrun.waivers.v1} itself, no changelog.
   */
  public static final String WAIVERS = "reconciler-waivers";

  /**
   * Workflow id → {@code Cutover}: a global store like {@link #WAIVERS}, restored from {@code
   * dualrun.cutovers.v1}.
   */
  public static final String CUTOVERS = "reconciler-cutovers";

  /**
   * {@code workflow/partition} NUL {@code output} → the latest {@code DiffReport} of an automatic
   * drill-down: a global store (every instance holds all of them, in RocksDB), restored from {@code
   * dualrun.diffs.v1} itself, no changelog.
   */
  public static final String DIFFS = "reconciler-diffs";

  private StoreNames() {}
}
