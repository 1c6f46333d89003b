package io.plantline.ingestion.store;

import java.time.Duration;

/**
 * Exponential backoff between write attempts: {@code initial}, doubling up to {@code max}.
 *
 * @param initial delay after the first failure
 * @param max longest delay
 */
public record Backoff(Duration initial, Duration max) {

  /** Validates that {@code 0 < initial <= max}. */
  public Backoff {
    if (initial.isZero() || initial.isNegative() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < initial <= max");
    }
  }

  /** The delay before attempt {@code failures + 1}, after {@code failures} failures (from 1). */
  public Duration delayAfter(int failures) {
    long millis = initial.toMillis();
    for (int i = 1; i < failures && millis < max.toMillis(); i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, max.toMillis()));
  }
}
