package io.plantline.energy.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * An amount (kWh, or units produced) consumed evenly between two consecutive samples.
 *
 * @param start the earlier sample's time
 * @param end the later sample's time, after {@code start}
 * @param amount what was consumed in between, 0 or more
 */
public record Segment(Instant start, Instant end, double amount) {

  /** Rejects an empty or reversed span and a negative amount. */
  public Segment {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("end: must be after start " + start + ", was " + end);
    }
    if (!(amount >= 0) || Double.isInfinite(amount)) {
      throw new IllegalArgumentException("amount: must be finite and 0 or more, was " + amount);
    }
  }

  /** The span in seconds. */
  public double seconds() {
    return Duration.between(start, end).toNanos() / 1e9;
  }
}
