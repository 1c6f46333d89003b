package io.plantline.energy.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Energy from active power alone (a meter without a counter): the trapezoidal rule between
 * consecutive samples, in time order whatever the arrival order. Negative power (export) counts as
 * zero import. A span longer than {@code maxGap} is a {@link Gap.Reason#NO_DATA} gap of unknown
 * amount: power is not extrapolated across it.
 */
public final class PowerIntegration {

  private PowerIntegration() {}

  /** The imported energy (kWh) of {@code samples} of active power (kW). */
  public static Consumption of(Collection<Sample> samples, Duration maxGap) {
    if (maxGap.isNegative() || maxGap.isZero()) {
      throw new IllegalArgumentException("maxGap: must be positive, was " + maxGap);
    }
    NavigableMap<Instant, Double> ordered = CounterConsumption.inTimeOrder(samples);
    List<Segment> segments = new ArrayList<>();
    List<Gap> gaps = new ArrayList<>();
    Map.Entry<Instant, Double> previous = null;
    for (Map.Entry<Instant, Double> current : ordered.entrySet()) {
      if (previous != null) {
        Duration dt = Duration.between(previous.getKey(), current.getKey());
        if (dt.compareTo(maxGap) > 0) {
          gaps.add(new Gap(previous.getKey(), current.getKey(), Gap.Reason.NO_DATA, Double.NaN));
        } else {
          double kw = (Math.max(0, previous.getValue()) + Math.max(0, current.getValue())) / 2;
          segments.add(
              new Segment(previous.getKey(), current.getKey(), kw * dt.toNanos() / 3.6e12));
        }
      }
      previous = current;
    }
    return new Consumption(segments, gaps, List.of());
  }
}
