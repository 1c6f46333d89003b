package io.plantline.contracts.telemetry;

import io.plantline.contracts.Checks;
import io.plantline.contracts.Ids;
import java.time.Instant;

/**
 * One metric's value inside a {@link TelemetryBatch}.
 *
 * @param metric metric name, an {@link Ids id} unique within its batch
 * @param value finite measured value
 * @param unit unit of measure, for example {@code °C}; {@code 1} for dimensionless values
 * @param quality the gateway's verdict on the value
 * @param sourceTime when the device measured the value (the device's or the poller's clock)
 */
public record BatchReading(
    String metric, double value, String unit, Quality quality, Instant sourceTime) {

  /** Validates every component; failures name the field. */
  public BatchReading {
    Ids.require("metric", metric);
    Checks.finite("value", value);
    Checks.unit("unit", unit);
    Checks.present("quality", quality);
    Checks.present("sourceTime", sourceTime);
  }
}
