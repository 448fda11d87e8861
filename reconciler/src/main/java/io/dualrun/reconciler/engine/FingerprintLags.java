package io.dualrun.reconciler.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a workflow's recent fingerprints say about how long after a run ended they arrive: the last
 * {@link #WINDOW} lags (event time of the fingerprint minus the run's end, 0 when it came first),
 * with {@link #NEVER} for an expected output that did not arrive on any side before its pair was
 * decided. Each reconciler task learns from the pairs it owns; the value is immutable.
 *
 * <p>How long a pair whose sides are both terminal waits, at least {@code settle} and at most the
 * workflow's {@code fingerprintTimeout}:
 *
 * <ul>
 *   <li>for an expected fingerprint that is missing: the timeout until {@link #ENOUGH} lags are
 *       known, then twice the longest recent lag — or {@code settle} when none of the recent
 *       expected fingerprints arrived at all (outputs announced but never fingerprinted do not hold
 *       every pair for the timeout);
 *   <li>for a pair with no output known at all: {@code settle}, or, once the workflow has sent a
 *       fingerprint, twice the longest recent lag (its fingerprints are probably on their way).
 * </ul>
 *
 * @param samples recent lags in milliseconds, oldest first
 */
public record FingerprintLags(List<Long> samples) {
  /** How many recent lags are kept. */
  public static final int WINDOW = 16;

  /** How many lags must be known before the wait for an expected fingerprint adapts. */
  public static final int ENOUGH = 3;

  /** The sample of an expected output that never arrived. */
  public static final long NEVER = -1L;

  /** Nothing learned yet. */
  public static final FingerprintLags NONE = new FingerprintLags(List.of());

  public FingerprintLags {
    samples = List.copyOf(samples);
  }

  /** These lags with {@code more} appended, the oldest dropped beyond {@link #WINDOW}. */
  public FingerprintLags with(List<Long> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<Long> all = new ArrayList<>(samples);
    all.addAll(more);
    return new FingerprintLags(all.subList(Math.max(0, all.size() - WINDOW), all.size()));
  }

  /** How long after both sides ended a pair waits for a missing expected fingerprint. */
  public Duration awaitExpected(Duration settle, Duration timeout) {
    if (samples.size() < ENOUGH) {
      return max(settle, timeout);
    }
    long longest = longestArrival();
    return longest < 0 ? settle : adapted(longest, settle, timeout);
  }

  /** How long after both sides ended a pair with no output known at all waits. */
  public Duration awaitUnknown(Duration settle, Duration timeout) {
    long longest = longestArrival();
    return longest < 0 ? settle : adapted(longest, settle, timeout);
  }

  private long longestArrival() {
    long longest = -1;
    for (long s : samples) {
      longest = Math.max(longest, s);
    }
    return longest;
  }

  private static Duration adapted(long longestMs, Duration settle, Duration timeout) {
    Duration waited =
        longestMs >= timeout.toMillis() / 2 ? timeout : Duration.ofMillis(2 * longestMs);
    return max(settle, waited);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
