package io.plantline.ingestion.query;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.plantline.ingestion.store.HistorySchema;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
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
            "SELECT metric, value, unit, quality, source_time FROM "
                + ks
                + HistorySchema.LATEST
                + " WHERE device_id = ?");
    readings =
        session.prepare(
            "SELECT source_time, value, quality FROM "
                + ks
                + HistorySchema.READINGS
                + " WHERE device_id = ? AND day = ? AND metric = ?"
                + " AND source_time >= ? AND source_time < ?");
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
        .thenCompose(rs -> all(rs, new ArrayList<>(), row -> true, Integer.MAX_VALUE))
        .thenApply(
            rows ->
                rows.stream()
                    .map(
                        r ->
                            new Latest(
                                r.getString("metric"),
                                r.getDouble("value"),
                                r.getString("unit"),
                                r.getString("quality"),
                                r.getInstant("source_time")))
                    .toList());
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
    boolean[] more = {true};
    return session
        .executeAsync(readings.bind(deviceId, day, metric, from, to).setPageSize(5_000))
        .thenCompose(rs -> each(rs, row -> more[0] = sink.test(point(row))))
        .thenCompose(
            done ->
                more[0]
                    ? readDay(deviceId, metric, from, to, day.plusDays(1), last, sink)
                    : CompletableFuture.completedFuture(null));
  }

  private static Point point(Row row) {
    return new Point(row.getInstant(0), row.getDouble(1), row.getString(2));
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

  private static CompletionStage<List<Row>> all(
      AsyncResultSet rs, List<Row> rows, Predicate<Row> filter, int max) {
    return each(rs, row -> filter.test(row) && rows.add(row) && rows.size() < max)
        .thenApply(v -> rows);
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
