package io.plantline.ingestion.query;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.TupleValue;
import io.plantline.contracts.telemetry.BatchReading;
import io.plantline.ingestion.store.HistorySchema;
import io.plantline.ingestion.store.ReadingBatchRow;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * Asynchronous reads of the history tables for the query API; every method returns without blocking
 * and completes on a driver thread.
 */
public final class HistoryReader {
  private final CqlSession session;
  private final PreparedStatement listDevices;
  private final PreparedStatement device;
  private final PreparedStatement latest;
  private final PreparedStatement readings;

  /** Prepares the statements against {@code keyspace}. */
  public HistoryReader(CqlSession session, String keyspace) {
    this.session = session;
    String ks = keyspace + ".";
    String deviceColumns =
        "device_id, site_id, area_id, last_state, last_state_at, boot_epoch, last_birth,"
            + " last_death, last_gap, last_gap_reason, last_seen";
    listDevices =
        session.prepare("SELECT " + deviceColumns + " FROM " + ks + HistorySchema.DEVICES);
    device =
        session.prepare(
            "SELECT "
                + deviceColumns
                + " FROM "
                + ks
                + HistorySchema.DEVICES
                + " WHERE device_id = ?");
    latest =
        session.prepare(
            "SELECT metrics FROM " + ks + HistorySchema.LATEST + " WHERE device_id = ?");
    readings =
        session.prepare(
            "SELECT "
                + ReadingBatchRow.COLUMNS
                + " FROM "
                + ks
                + HistorySchema.READINGS
                + " WHERE device_id = ? AND day = ? AND minute_start >= ? AND minute_start < ?");
  }

  /** A device of the registry. */
  public record Device(
      String deviceId,
      String siteId,
      String areaId,
      String lastState,
      Instant lastStateAt,
      Long bootEpoch,
      Instant lastBirth,
      Instant lastDeath,
      Instant lastGap,
      String lastGapReason,
      Instant lastSeen) {}

  /** One page of the registry and the token of the next page, if any. */
  public record DevicePage(List<Device> devices, Optional<String> nextPageToken) {}

  /** The latest value of one metric. */
  public record Latest(
      String metric, double value, String unit, String quality, Instant sourceTime) {}

  /** One raw reading. */
  public record Point(Instant time, double value, String quality) {}

  /**
   * One page of the registry.
   *
   * @param pageToken the previous page's {@code nextPageToken}, or null for the first page
   * @throws BadQueryException if the token is not one this API issued
   */
  public CompletionStage<DevicePage> devices(int pageSize, String pageToken) {
    var statement = listDevices.bind().setPageSize(pageSize);
    if (pageToken != null && !pageToken.isBlank()) {
      try {
        statement =
            statement.setPagingState(ByteBuffer.wrap(Base64.getUrlDecoder().decode(pageToken)));
      } catch (IllegalArgumentException e) {
        throw new BadQueryException("pageToken", "not a page token of this API");
      }
    }
    return session
        .executeAsync(statement)
        .thenApply(
            rs -> {
              List<Device> devices = new ArrayList<>();
              for (Row row : rs.currentPage()) {
                devices.add(device(row));
              }
              Optional<String> next =
                  rs.hasMorePages() && rs.getExecutionInfo().getPagingState() != null
                      ? Optional.of(
                          Base64.getUrlEncoder()
                              .withoutPadding()
                              .encodeToString(bytes(rs.getExecutionInfo().getPagingState())))
                      : Optional.empty();
              return new DevicePage(devices, next);
            });
  }

  /** The registry entry of {@code deviceId}, if the device is known. */
  public CompletionStage<Optional<Device>> device(String deviceId) {
    return session
        .executeAsync(device.bind(deviceId))
        .thenApply(rs -> Optional.ofNullable(rs.one()).map(HistoryReader::device));
  }

  /** The latest value of every metric of {@code deviceId}. */
  public CompletionStage<List<Latest>> latest(String deviceId) {
    return session
        .executeAsync(latest.bind(deviceId))
        .thenApply(
            rs -> {
              Row row = rs.one();
              if (row == null) {
                return List.of();
              }
              List<Latest> values = new ArrayList<>();
              new TreeMap<>(row.getMap("metrics", String.class, TupleValue.class))
                  .forEach(
                      (metric, entry) ->
                          values.add(
                              new Latest(
                                  metric,
                                  entry.getDouble(0),
                                  entry.getString(1),
                                  entry.getString(2),
                                  entry.getInstant(3))));
              return values;
            });
  }

  /**
   * Reads the points of one metric in {@code [from, to)}, day partition by day partition in time
   * order, handing each to {@code sink}; stops early once {@code sink} returns false.
   */
  public CompletionStage<Void> readings(
      String deviceId, String metric, Instant from, Instant to, Predicate<Point> sink) {
    LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
    LocalDate last = LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC);
    return readDay(deviceId, metric, from, to, first, last, sink);
  }

  private CompletionStage<Void> readDay(
      String deviceId,
      String metric,
      Instant from,
      Instant to,
      LocalDate day,
      LocalDate last,
      Predicate<Point> sink) {
    if (day.isAfter(last)) {
      return CompletableFuture.completedFuture(null);
    }
    MinuteOrder order = new MinuteOrder(metric, from, to, sink);
    return session
        .executeAsync(
            readings
                .bind(deviceId, day, ReadingBatchRow.minuteOf(from), to)
                .setPageSize(ROWS_PER_PAGE))
        .thenCompose(rs -> each(rs, row -> order.add(ReadingBatchRow.from(deviceId, row))))
        .thenCompose(
            done ->
                order.finish()
                    ? readDay(deviceId, metric, from, to, day.plusDays(1), last, sink)
                    : CompletableFuture.completedFuture(null));
  }

  /** Rows per page of a readings query; a row holds one batch's readings of one minute. */
  private static final int ROWS_PER_PAGE = 1_000;

  /**
   * Hands one metric's readings in {@code [from, to)} to a sink in time order. Rows arrive ordered
   * by minute (then boot and sequence number); the readings of one minute are sorted by source time
   * before they are handed on, so batches of one minute that overlap still come out in order.
   */
  private static final class MinuteOrder {
    private final String metric;
    private final Instant from;
    private final Instant to;
    private final Predicate<Point> sink;
    private final List<BatchReading> minute = new ArrayList<>();
    private Instant minuteStart;
    private boolean more = true;

    MinuteOrder(String metric, Instant from, Instant to, Predicate<Point> sink) {
      this.metric = metric;
      this.from = from;
      this.to = to;
      this.sink = sink;
    }

    /** Takes one row; false once the sink wants no more. */
    boolean add(ReadingBatchRow row) {
      if (!row.minuteStart().equals(minuteStart) && !finish()) {
        return false;
      }
      minuteStart = row.minuteStart();
      for (BatchReading r : row.readings()) {
        if (r.metric().equals(metric)
            && !r.sourceTime().isBefore(from)
            && r.sourceTime().isBefore(to)) {
          minute.add(r);
        }
      }
      return true;
    }

    /** Hands on the buffered minute; false once the sink wants no more. */
    boolean finish() {
      minute.sort(Comparator.comparing(BatchReading::sourceTime));
      for (int i = 0; more && i < minute.size(); i++) {
        BatchReading r = minute.get(i);
        more = sink.test(new Point(r.sourceTime(), r.value(), r.quality().name()));
      }
      minute.clear();
      return more;
    }
  }

  /** Feeds every row (across pages) to {@code sink} until it returns false. */
  private static CompletionStage<Void> each(AsyncResultSet rs, Predicate<Row> sink) {
    for (Row row : rs.currentPage()) {
      if (!sink.test(row)) {
        return CompletableFuture.completedFuture(null);
      }
    }
    return rs.hasMorePages()
        ? rs.fetchNextPage().thenCompose(next -> each(next, sink))
        : CompletableFuture.completedFuture(null);
  }

  private static Device device(Row row) {
    return new Device(
        row.getString("device_id"),
        row.getString("site_id"),
        row.getString("area_id"),
        row.getString("last_state"),
        row.getInstant("last_state_at"),
        row.isNull("boot_epoch") ? null : row.getLong("boot_epoch"),
        row.getInstant("last_birth"),
        row.getInstant("last_death"),
        row.getInstant("last_gap"),
        row.getString("last_gap_reason"),
        row.getInstant("last_seen"));
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }

  /** Completes when Cassandra answers a trivial query. */
  public CompletionStage<Boolean> ping() {
    return session
        .executeAsync("SELECT release_version FROM system.local")
        .handle((rs, e) -> e == null);
  }
}
