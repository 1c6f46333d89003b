package io.plantline.energy.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One reading of a meter series at a time: a cumulative counter (kWh, units produced) or an
 * instantaneous power (kW).
 *
 * @param time when the value was measured
 * @param value the finite value
 */
public record Sample(Instant time, double value) {

  /** Rejects a missing time and a value that is not finite. */
  public Sample {
    Objects.requireNonNull(time, "time");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value: must be finite, was " + value);
    }
  }
}
