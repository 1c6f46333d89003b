package io.plantline.energy.domain;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One sample of a series as it arrived, with the meter's active power read in the same batch.
 *
 * @param sample the counter (or power) sample
 * @param powerKw the meter's active power at the sample, if read (for demand forecasts)
 */
public record MeterReading(Sample sample, OptionalDouble powerKw) {

  /** Requires both parts. */
  public MeterReading {
    Objects.requireNonNull(sample, "sample");
    Objects.requireNonNull(powerKw, "powerKw");
  }
}
