package io.plantline.energy.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * How to read a cumulative counter.
 *
 * @param rolloverAt the value at which the counter wraps to zero (for example 4,294,967.296 kWh for
 *     a 32-bit register of Wh), 0 when it never wraps
 * @param maxGap the longest time between two samples that is still bridged; a longer one is a gap
 * @param maxRatePerHour the largest physically possible rate (kW for energy, units/h for
 *     production); tells a rollover from a reset and a plausible step from a jump
 * @param noise a decrease up to this size is measurement noise (a float32 register's resolution),
 *     counted as no change
 */
public record CounterSpec(double rolloverAt, Duration maxGap, double maxRatePerHour, double noise) {

  /** Validates every component, naming it. */
  public CounterSpec {
    Objects.requireNonNull(maxGap, "maxGap");
    if (!(rolloverAt >= 0) || Double.isInfinite(rolloverAt)) {
      throw new IllegalArgumentException("rolloverAt: must be 0 or positive, was " + rolloverAt);
    }
    if (maxGap.isNegative() || maxGap.isZero()) {
      throw new IllegalArgumentException("maxGap: must be positive, was " + maxGap);
    }
    if (!(maxRatePerHour > 0) || Double.isInfinite(maxRatePerHour)) {
      throw new IllegalArgumentException("maxRatePerHour: must be positive, was " + maxRatePerHour);
    }
    if (!(noise >= 0) || Double.isInfinite(noise)) {
      throw new IllegalArgumentException("noise: must be 0 or positive, was " + noise);
    }
  }

  /** Whether the counter wraps. */
  public boolean rollsOver() {
    return rolloverAt > 0;
  }
}
