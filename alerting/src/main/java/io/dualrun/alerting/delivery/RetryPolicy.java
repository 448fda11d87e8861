package io.dualrun.alerting.delivery;

import java.time.Duration;

/**
 * Exponential backoff: attempt n waits {@code min(max, initial × 2^(n-1))}; a delivery still
 * failing {@code deadline} after its first attempt is given up (recorded FAILED).
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration deadline) {
  public RetryPolicy {
    if (initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new IllegalArgumentException("initial backoff must be positive");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("max backoff must be at least the initial backoff");
    }
  }

  /** Wait after failed attempt {@code attempt} (1-based). */
  public Duration backoff(int attempt) {
    int shift = Math.min(Math.max(attempt - 1, 0), 30);
    long millis = initialBackoff.toMillis() << shift;
    if (millis <= 0 || millis > maxBackoff.toMillis()) {
      return maxBackoff;
    }
    return Duration.ofMillis(millis);
  }
}
