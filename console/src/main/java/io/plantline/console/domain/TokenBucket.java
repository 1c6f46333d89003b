package io.plantline.console.domain;

/**
 * A token bucket: holds up to {@code burst} tokens, refilled at {@code ratePerSecond}; a request
 * takes one. Not thread-safe; {@link RateLimiter} guards it. Times are {@link System#nanoTime()}
 * readings supplied by the caller.
 */
public final class TokenBucket {
  private final double burst;
  private final double ratePerNano;
  private double tokens;
  private long updatedAt;

  /** A full bucket at {@code now}. */
  public TokenBucket(double ratePerSecond, int burst, long now) {
    if (!(ratePerSecond > 0) || burst < 1) {
      throw new IllegalArgumentException("rate must be positive and burst at least 1");
    }
    this.burst = burst;
    this.ratePerNano = ratePerSecond / 1e9;
    this.tokens = burst;
    this.updatedAt = now;
  }

  /**
   * Takes a token if there is one.
   *
   * @return 0 when a token was taken, otherwise the nanoseconds until one will be there
   */
  public long tryTake(long now) {
    long wait = waitTime(now);
    if (wait == 0) {
      tokens -= 1;
    }
    return wait;
  }

  /**
   * Whether a token is there, without taking it.
   *
   * @return 0 when {@link #tryTake} would succeed, otherwise the nanoseconds until it would
   */
  public long waitTime(long now) {
    refill(now);
    return tokens >= 1 ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / ratePerNano));
  }

  /** Whether the bucket is full at {@code now} (so forgetting it changes nothing). */
  public boolean isFull(long now) {
    refill(now);
    return tokens >= burst;
  }

  private void refill(long now) {
    long elapsed = now - updatedAt;
    if (elapsed > 0) {
      tokens = Math.min(burst, tokens + elapsed * ratePerNano);
      updatedAt = now;
    }
  }
}
