package io.plantline.gateway.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * Poll phase staggering: the offset of device i of n within a period, spread evenly so polls do not
 * all fire at once. Device i starts at {@code period * i / n}, truncated to the nanosecond.
 */
public final class PollStagger {

  private PollStagger() {}

  /**
   * The phase offset of one device.
   *
   * @param index the device's position, 0..count-1
   * @param count the devices sharing the period, at least 1
   * @param period the poll period, not negative
   * @return {@code period * index / count}, in {@code [0, period)}
   */
  public static Duration offset(int index, int count, Duration period) {
    Objects.requireNonNull(period, "period");
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, was " + count);
    }
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException("index " + index + " is outside 0.." + (count - 1));
    }
    if (period.isNegative()) {
      throw new IllegalArgumentException("period must not be negative, was " + period);
    }
    return period.multipliedBy(index).dividedBy(count);
  }
}
