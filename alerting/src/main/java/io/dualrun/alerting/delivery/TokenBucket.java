package io.dualrun.alerting.delivery;

import io.dualrun.alerting.receiver.RateLimit;

/** Per-receiver rate limit: {@code count} tokens refilled evenly over {@code period}. */
final class TokenBucket {
  private final double capacity;
  private final double perNano;
  private double tokens;
  private long last;

  TokenBucket(RateLimit limit, long nowNanos) {
    this.capacity = limit.count();
    this.perNano = limit.count() / (double) limit.period().toNanos();
    this.tokens = capacity;
    this.last = nowNanos;
  }

  /** Takes a token if there is one. */
  boolean tryTake(long nowNanos) {
    refill(nowNanos);
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** Nanoseconds until a token is available. */
  long waitNanos(long nowNanos) {
    refill(nowNanos);
    return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano);
  }

  private void refill(long nowNanos) {
    tokens = Math.min(capacity, tokens + (nowNanos - last) * perNano);
    last = nowNanos;
  }
}
