package io.plantline.gateway.forward;

/**
 * A token bucket refilled continuously at {@code perSecond}, holding at most one second of tokens.
 */
final class RateLimiter {
  private final double perSecond;
  private double tokens;
  private long last = System.nanoTime();

  RateLimiter(int perSecond) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("rate must be at least 1/s, was " + perSecond);
    }
    this.perSecond = perSecond;
    this.tokens = perSecond;
  }

  /** Whole tokens available now. */
  int available() {
    long now = System.nanoTime();
    tokens = Math.min(perSecond, tokens + (now - last) / 1e9 * perSecond);
    last = now;
    return (int) tokens;
  }

  void take(int n) {
    tokens -= n;
  }
}
