package io.dualrun.alerting.receiver;

import java.time.Duration;

/** At most {@code count} deliveries per {@code period} to one receiver ({@code 30/m}). */
public record RateLimit(int count, Duration period) {
  public static final RateLimit UNLIMITED = new RateLimit(Integer.MAX_VALUE, Duration.ofSeconds(1));

  public RateLimit {
    if (count < 1) {
      throw new IllegalArgumentException("must allow at least 1 delivery");
    }
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("period must be positive");
    }
  }
}
