package io.plantline.gateway.domain;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: the n-th delay (from 0) is {@code min(initial * multiplier^n,
 * max)}, then moved by a uniform random fraction within {@code ±jitterFraction} of itself, so that
 * gateways that lost a shared broker or bus do not all retry at the same instant. The default
 * ({@link #standard}) runs 1 s, 2 s, 4 s, … up to 60 s with ±20 % jitter. Deterministic for a given
 * {@link RandomGenerator}; not thread-safe.
 */
public final class Backoff {

  /** The jitter fraction of {@link #standard}. */
  public static final double STANDARD_JITTER = 0.2;

  private final Duration initial;
  private final Duration max;
  private final double multiplier;
  private final double jitterFraction;
  private final RandomGenerator random;
  private int attempts;

  /**
   * @param initial the first delay, positive
   * @param max the largest delay before jitter, at least {@code initial}
   * @param multiplier the growth per attempt, at least 1
   * @param jitterFraction the spread around each delay, 0 (none) up to but excluding 1
   * @param random the source of the jitter
   */
  public Backoff(
      Duration initial,
      Duration max,
      double multiplier,
      double jitterFraction,
      RandomGenerator random) {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    this.random = Objects.requireNonNull(random, "random");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial must be positive, was " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max " + max + " is below initial " + initial);
    }
    if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be finite and >= 1, was " + multiplier);
    }
    if (!(jitterFraction >= 0 && jitterFraction < 1)) {
      throw new IllegalArgumentException("jitterFraction must be in [0, 1), was " + jitterFraction);
    }
    this.initial = initial;
    this.max = max;
    this.multiplier = multiplier;
    this.jitterFraction = jitterFraction;
  }

  /** 1 s doubling to 60 s, ±{@value #STANDARD_JITTER} jitter. */
  public static Backoff standard(RandomGenerator random) {
    return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, STANDARD_JITTER, random);
  }

  /** The next delay; each call counts one attempt. */
  public Duration next() {
    double base =
        Math.min(initial.toNanos() * Math.pow(multiplier, attempts), (double) max.toNanos());
    if (attempts < Integer.MAX_VALUE) {
      attempts++;
    }
    double jitter = jitterFraction == 0 ? 0 : jitterFraction * (2 * random.nextDouble() - 1);
    return Duration.ofNanos(Math.round(base * (1 + jitter)));
  }

  /** Starts again from the initial delay. */
  public void reset() {
    attempts = 0;
  }

  /** The delays handed out since construction or the last {@link #reset()}. */
  public int attempts() {
    return attempts;
  }
}
