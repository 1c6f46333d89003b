package io.plantline.ingestion.cli;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The delays between reconnection attempts of an MQTT client (the bridge, the console's setpoint
 * commander): a step that doubles from {@code min} up to {@code max}, plus up to 20 % random jitter
 * so that clients cut off together do not all come back at once; {@link #reset()} after a connect.
 * Not thread-safe: use it from the client's event loop.
 */
public final class ReconnectBackoff {
  private final long minMillis;
  private final long maxMillis;
  private long stepMillis;

  public ReconnectBackoff(Duration min, Duration max) {
    if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("need 0 < min <= max, was " + min + " and " + max);
    }
    this.minMillis = min.toMillis();
    this.maxMillis = max.toMillis();
    this.stepMillis = minMillis;
  }

  /** The delay before the next attempt, in milliseconds; each call doubles the step up to max. */
  public long nextDelayMillis() {
    long delay = stepMillis + (long) (stepMillis * 0.2 * ThreadLocalRandom.current().nextDouble());
    stepMillis = Math.min(maxMillis, stepMillis * 2);
    return delay;
  }

  /** Back to the shortest step, after a successful connect. */
  public void reset() {
    stepMillis = minMillis;
  }
}
