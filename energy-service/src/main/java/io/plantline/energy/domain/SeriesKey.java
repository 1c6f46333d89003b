package io.plantline.energy.domain;

/**
 * Names a stored series: a device's metric, for example {@code (press-line-meter, energy_kwh)}.
 *
 * @param deviceId the device
 * @param metric the metric
 */
public record SeriesKey(String deviceId, String metric) {

  /** The counter series of {@code series} (or its power series when it has no counter). */
  public static SeriesKey of(MeterSeries series) {
    return new SeriesKey(
        series.deviceId(), series.hasCounter() ? series.counterMetric() : series.powerMetric());
  }
}
