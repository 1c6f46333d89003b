package io.plantline.energy.domain;

import java.util.Objects;

/**
 * A metered series: a device's cumulative counter metric (and, for energy meters, its active power
 * metric for demand forecasts and for integration when there is no counter).
 *
 * @param deviceId the device reporting it
 * @param counterMetric the counter's metric name, null when the meter has none
 * @param powerMetric the active power metric (kW), null when not read
 * @param spec how to read the counter (or, without a counter, its {@code maxGap} bounds the power
 *     integration)
 */
public record MeterSeries(
    String deviceId, String counterMetric, String powerMetric, CounterSpec spec) {

  /** Needs a device, a spec and at least one of the metrics. */
  public MeterSeries {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(spec, "spec");
    if (counterMetric == null && powerMetric == null) {
      throw new IllegalArgumentException("counter: a counter or a power metric is needed");
    }
  }

  /** Whether the series has a cumulative counter. */
  public boolean hasCounter() {
    return counterMetric != null;
  }
}
