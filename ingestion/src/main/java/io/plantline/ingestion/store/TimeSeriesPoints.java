package io.plantline.ingestion.store;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.TelemetryBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Flattens telemetry batches into InfluxDB line-protocol points: measurement = metric; tags {@code
 * deviceId}, {@code site}, {@code area}, {@code quality}; field {@code value}; time = the reading's
 * {@code sourceTime} in nanoseconds.
 *
 * <p>One point per (measurement, tag set, time): writing the same reading again addresses the same
 * series and time, which InfluxDB overwrites and QuestDB deduplicates (see {@link QuestDbTables}).
 */
public final class TimeSeriesPoints {
  /** Tag holding the device id. */
  public static final String DEVICE_TAG = "deviceId";

  /** Tag holding the site id. */
  public static final String SITE_TAG = "site";

  /** Tag holding the area id. */
  public static final String AREA_TAG = "area";

  /** Tag holding the reading's quality (GOOD, UNCERTAIN, BAD). */
  public static final String QUALITY_TAG = "quality";

  /** The one field: the measured value. */
  public static final String VALUE_FIELD = "value";

  private TimeSeriesPoints() {}

  /** The points of {@code batches}, in batch and reading order. */
  public static List<Point> of(List<TelemetryBatch> batches) {
    List<Point> points = new ArrayList<>();
    for (TelemetryBatch batch : batches) {
      for (BatchReading reading : batch.readings()) {
        points.add(
            Point.measurement(reading.metric())
                .addTag(DEVICE_TAG, batch.deviceId())
                .addTag(SITE_TAG, batch.siteId())
                .addTag(AREA_TAG, batch.areaId())
                .addTag(QUALITY_TAG, reading.quality().name())
                .addField(VALUE_FIELD, reading.value())
                .time(reading.sourceTime(), WritePrecision.NS));
      }
    }
    return points;
  }
}
