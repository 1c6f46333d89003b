package io.plantline.ingestion.store;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.TelemetryBatch;
import java.math.BigDecimal;
import java.time.Instant;
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

  /**
   * The line-protocol text of {@code batches}, one line per reading, tags in key order (as {@link
   * Point#toLineProtocol()} writes them), time in nanoseconds. Faster than building {@link Point}s;
   * {@link #of} is the reference the tests compare it with.
   */
  public static String lineProtocol(List<TelemetryBatch> batches) {
    StringBuilder out = new StringBuilder(batches.size() * 1024);
    for (TelemetryBatch batch : batches) {
      for (BatchReading reading : batch.readings()) {
        escape(out, reading.metric(), true);
        tag(out, AREA_TAG, batch.areaId());
        tag(out, DEVICE_TAG, batch.deviceId());
        tag(out, QUALITY_TAG, reading.quality().name());
        tag(out, SITE_TAG, batch.siteId());
        out.append(' ').append(VALUE_FIELD).append('=');
        number(out, reading.value());
        Instant t = reading.sourceTime();
        out.append(' ');
        if (t.getEpochSecond() < 0) {
          out.append(
              Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano()));
        } else {
          out.append(t.getEpochSecond());
          String nanos = Integer.toString(t.getNano());
          out.append("000000000", 0, 9 - nanos.length()).append(nanos);
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static void tag(StringBuilder out, String key, String value) {
    out.append(',').append(key).append('=');
    escape(out, value, false);
  }

  /** Escapes commas and spaces (and equals signs in tag values); ids never need more. */
  private static void escape(StringBuilder out, String text, boolean measurement) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || c == ' ' || (!measurement && c == '=')) {
        out.append('\\');
      }
      out.append(c);
    }
  }

  /** A finite double in plain decimal form, as the line protocol reads floats. */
  static void number(StringBuilder out, double value) {
    double magnitude = Math.abs(value);
    if (magnitude == 0 || (magnitude >= 1e-3 && magnitude < 1e7)) {
      out.append(value);
    } else {
      out.append(new BigDecimal(Double.toString(value)).toPlainString());
    }
  }

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
