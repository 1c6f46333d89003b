package io.plantline.ingestion.store;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.contracts.telemetry.TelemetryBatch;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of {@link HistorySchema#READINGS}: the readings of one telemetry batch whose source times
 * fall in one UTC minute, stored as parallel frozen lists (one cell each). A batch whose readings
 * span a minute boundary (or midnight) becomes one row per minute; the key (device, day,
 * minute_start, boot_epoch, seq) depends only on the batch, so writing a batch again (a replay)
 * writes the same rows.
 *
 * @param deviceId the device
 * @param minuteStart the UTC minute every reading's source time falls in
 * @param bootEpoch the gateway boot that produced the batch
 * @param seq the batch's sequence number within that boot
 * @param readings the batch's readings of that minute, in batch order
 */
public record ReadingBatchRow(
    String deviceId, Instant minuteStart, long bootEpoch, long seq, List<BatchReading> readings) {

  /** The columns {@link #from(Row)} reads, in a {@code SELECT} list. */
  public static final String COLUMNS =
      "minute_start, boot_epoch, seq, metrics, source_times, measured_values, units, qualities";

  /**
   * A query of every row of one device and UTC day (bind device_id, day), with {@link #COLUMNS}
   * and, as {@code written}, the write time in microseconds: for audits and tests that count what a
   * store holds.
   */
  public static String selectDayCql(String keyspace) {
    return "SELECT "
        + COLUMNS
        + ", writetime(metrics) AS written FROM "
        + keyspace
        + "."
        + HistorySchema.READINGS
        + " WHERE device_id = ? AND day = ?";
  }

  /** Copies {@code readings}. */
  public ReadingBatchRow {
    readings = List.copyOf(readings);
  }

  /** The rows of {@code batch}: one per UTC minute its readings' source times fall in. */
  public static List<ReadingBatchRow> of(TelemetryBatch batch) {
    Map<Instant, List<BatchReading>> byMinute = new LinkedHashMap<>();
    for (BatchReading reading : batch.readings()) {
      byMinute.computeIfAbsent(minuteOf(reading.sourceTime()), m -> new ArrayList<>()).add(reading);
    }
    List<ReadingBatchRow> rows = new ArrayList<>(byMinute.size());
    byMinute.forEach(
        (minute, readings) ->
            rows.add(
                new ReadingBatchRow(
                    batch.deviceId(), minute, batch.bootEpoch(), batch.seq(), readings)));
    return rows;
  }

  /** The UTC minute {@code time} falls in. */
  public static Instant minuteOf(Instant time) {
    return time.truncatedTo(ChronoUnit.MINUTES);
  }

  /** The UTC day of the row: its partition with the device. */
  public LocalDate day() {
    return LocalDate.ofInstant(minuteStart, ZoneOffset.UTC);
  }

  /** The insert statement's CQL for {@code keyspace}, bound by {@link #bind}. */
  static String insertCql(String keyspace) {
    return "INSERT INTO "
        + keyspace
        + "."
        + HistorySchema.READINGS
        + " (device_id, day, minute_start, boot_epoch, seq, metrics, source_times,"
        + " measured_values, units, qualities) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  }

  /** Binds the insert prepared from {@link #insertCql}. */
  BoundStatement bind(PreparedStatement insert) {
    int n = readings.size();
    List<String> metrics = new ArrayList<>(n);
    List<Instant> times = new ArrayList<>(n);
    List<Double> values = new ArrayList<>(n);
    List<String> units = new ArrayList<>(n);
    List<String> qualities = new ArrayList<>(n);
    for (BatchReading r : readings) {
      metrics.add(r.metric());
      times.add(r.sourceTime());
      values.add(r.value());
      units.add(r.unit());
      qualities.add(r.quality().name());
    }
    return insert.bind(
        deviceId, day(), minuteStart, bootEpoch, seq, metrics, times, values, units, qualities);
  }

  /**
   * Reads a row selected with {@link #COLUMNS} (device_id need not be selected).
   *
   * @throws IllegalStateException when the lists differ in length or hold an invalid reading: a row
   *     this writer did not write
   */
  public static ReadingBatchRow from(String deviceId, Row row) {
    List<String> metrics = row.getList("metrics", String.class);
    List<Instant> times = row.getList("source_times", Instant.class);
    List<Double> values = row.getList("measured_values", Double.class);
    List<String> units = row.getList("units", String.class);
    List<String> qualities = row.getList("qualities", String.class);
    int n = metrics.size();
    if (times.size() != n || values.size() != n || units.size() != n || qualities.size() != n) {
      throw new IllegalStateException(
          "reading row of " + deviceId + " has lists of different lengths");
    }
    List<BatchReading> readings = new ArrayList<>(n);
    try {
      for (int i = 0; i < n; i++) {
        readings.add(
            new BatchReading(
                metrics.get(i),
                values.get(i),
                units.get(i),
                Quality.valueOf(qualities.get(i)),
                times.get(i)));
      }
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "reading row of " + deviceId + " holds an invalid reading: " + e.getMessage(), e);
    }
    return new ReadingBatchRow(
        deviceId,
        row.getInstant("minute_start"),
        row.getLong("boot_epoch"),
        row.getLong("seq"),
        readings);
  }
}
